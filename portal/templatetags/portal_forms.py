"""Small form helpers for the hand-written forms of the busiest pages."""

from functools import lru_cache

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from portal.submissions import FIELD, new_token, posted_token

register = template.Library()


@lru_cache(maxsize=256)
def _options(language, choices):
    return format_html_join("", '<option value="{}">{}</option>', choices)


@register.simple_tag
def select_options(field):
    """The <option>s of a bound choice field, its current value selected.

    The search form's lists (places, sectors) have dozens of options and change once a day:
    they are escaped once per language and list, then the selected one is marked. Django's
    widget templates include a template per option.
    """
    choices = tuple((str(value), str(label)) for value, label in field.field.choices)
    html = _options(get_language(), choices)
    value = field.value()
    if value not in (None, ""):
        option = str(format_html('<option value="{}">', value))
        html = html.replace(option, option[:-1] + " selected>", 1)
    return mark_safe(html)  # noqa: S308 - built by format_html_join from escaped parts


@register.simple_tag(takes_context=True)
def submission_token(context):
    """The hidden one-time token of a public create form (portal.submissions): the one the
    form came back with when it is shown again with errors, else a new one."""
    request = context.get("request")
    token = (posted_token(request) if request is not None else None) or new_token()
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, token)
