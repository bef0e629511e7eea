"""The one pagination partial keeps the person's search and filters on every page link."""

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory


def test_page_links_keep_the_query_string_and_replace_the_page():
    request = RequestFactory().get(
        "/lowongan/", {"q": "las & cat", "education": "SMA", "page": "2"}
    )
    page = Paginator(range(100), 20).page(2)
    html = render_to_string("_pagination.html", {"page": page}, request=request)
    assert 'href="?q=las+%26+cat&amp;education=SMA&amp;page=1"' in html
    assert 'href="?q=las+%26+cat&amp;education=SMA&amp;page=3"' in html


def test_a_single_page_has_no_links():
    request = RequestFactory().get("/")
    page = Paginator(range(5), 20).page(1)
    assert render_to_string("_pagination.html", {"page": page}, request=request).strip() == ""
