"""Links between the pages of a list that keep the person's search and filters."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """``?<the request's own parameters>&page=<number>`` (escaped by the template)."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()
