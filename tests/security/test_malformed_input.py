"""Every public URL answers a malformed value with a page, never a server error.

Generated from the URL configuration: every public route of the access matrix gets, in each
of its path values, and in each query parameter its page offers (the names of its GET forms'
fields and of the query strings in its own links, and the common ones), every value of a list
of malformed ones. The answer must be a page (2xx, 3xx or 4xx), never a 5xx.
"""

import re
from html.parser import HTMLParser
from urllib.parse import parse_qsl, quote, urlsplit

from django.test import TestCase
from django.urls import reverse

from .test_access_matrix import RULES, all_routes
from .world import build_world

MALFORMED = [
    "a/b",
    "../../etc/passwd",
    "%2F",
    "ü日本語",
    "\u202e\u200b",
    "x" * 5000,
    "\x00",
    "a\x00b",
    "-1",
    "0",
    "99999999999999999999999999",
    "9223372036854775808",
    "-9223372036854775809",
    "1e309",
    "NaN",
    "２０２６",
    "2026-13-45",
    "' OR 1=1--",
    "<script>alert(1)</script>",
    " ",
    "",
]
# raw bytes that are not UTF-8, as a query or path part of the address
RAW = ["%FF", "%C0%AF", "%ED%A0%80", "%00"]
COMMON_PARAMS = ["page", "q", "code", "tahun", "bulan", "sort", "next", "status", "kota"]


class _Links(HTMLParser):
    def __init__(self, path):
        super().__init__()
        self.path, self.names, self.in_get_form = path, set(), False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.in_get_form = (attrs.get("method") or "get").lower() == "get"
        elif tag in ("input", "select", "textarea") and self.in_get_form and attrs.get("name"):
            self.names.add(attrs["name"])
        elif tag == "a" and attrs.get("href"):
            href = urlsplit(attrs["href"])
            if href.path in ("", self.path):
                self.names.update(name for name, _ in parse_qsl(href.query))

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_get_form = False


def path_variants(route, args):
    """The route's URL with one path value at a time replaced by each malformed value."""
    parts = re.split(r"(<[^>]+>)", route)
    slots = [i for i, p in enumerate(parts) if p.startswith("<")]
    for n in range(len(slots)):
        for bad in [quote(v, safe="") for v in MALFORMED if v] + RAW:
            filled = list(parts)
            for m, other in enumerate(slots):
                filled[other] = bad if m == n else quote(str(args[m]), safe="")
            yield "/" + "".join(filled)


class MalformedInputTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.w = build_world()

    def public_pages(self):
        for route in all_routes():
            for case in RULES.get(route.key, []):
                if case.public and case.method == "get" and route.name:
                    args = case.args(self.w) if case.args else []
                    yield route, reverse(route.name, args=args), args

    def assert_page(self, url):
        response = self.client.get(url)
        self.assertLess(response.status_code, 500, f"GET {url[:300]!r}")

    def test_query_values(self):
        tried = 0
        for _route, url, _args in self.public_pages():
            parser = _Links(url)
            parser.feed(self.client.get(url).content.decode(errors="replace"))
            for name in sorted(parser.names | set(COMMON_PARAMS)):
                if name == "csrfmiddlewaretoken":
                    continue
                for bad in MALFORMED:
                    self.assert_page(f"{url}?{quote(name)}={quote(bad, safe='')}")
                    tried += 1
                for raw in RAW:
                    self.assert_page(f"{url}?{quote(name)}={raw}")
                    tried += 1
                self.assert_page(f"{url}?{quote(name)}=1&{quote(name)}=2")  # repeated
        assert tried > 1000, tried

    def test_path_values(self):
        tried = 0
        for route, _url, args in self.public_pages():
            for url in path_variants(route.route, args):
                self.assert_page(url)
                tried += 1
        assert tried > 50, tried
