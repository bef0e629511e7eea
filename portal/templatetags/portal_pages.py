"""Page helpers: links between the pages of a list that keep the person's search and filters;
structured data for search engines."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """``?<the request's own parameters>&page=<number>`` (escaped by the template)."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()


# What Django's json_script escapes, for the same reason: employer text such as a title
# "</script><script>…" must not end the script element or open HTML in it.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """``<script type="application/ld+json">`` holding ``data`` (structured data for search)."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        JSON_SCRIPT_ESCAPES
    )
    # Safe: every character that could end the element or start markup was escaped above.
    safe_json = mark_safe(text)  # noqa: S308
    return format_html('<script type="application/ld+json">{}</script>', safe_json)


@register.filter
def after_first_heading(html, insert):
    """``html`` with ``insert`` placed right after its first ``</h1>`` (or first, without one).

    Both are rendered templates (safe); a banner goes under the page's heading this way without
    each of the pages placing it.
    """
    if not insert:
        return html
    end = html.find("</h1>")
    if end < 0:
        return mark_safe(insert + html)  # noqa: S308 - both rendered, escaped templates
    end += len("</h1>")
    return mark_safe(html[:end] + insert + html[end:])  # noqa: S308 - as above
