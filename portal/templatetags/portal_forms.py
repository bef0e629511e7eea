"""Small form helpers for the hand-written forms of the busiest pages."""

from django import template
from django.utils.html import format_html_join

register = template.Library()


@register.simple_tag
def select_options(field):
    """The <option>s of a bound choice field, its current value selected.

    One format_html_join instead of a template loop (or Django's widget templates, which
    include a template per option): the search form's lists have dozens of options.
    """
    value = field.value()
    value = "" if value is None else str(value)
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (choice, " selected" if str(choice) == value else "", label)
            for choice, label in field.field.choices
        ),
    )
