"""Every page the portal serves, read in Indonesian, holds none of the portal's own English.

The pages come from the access matrix (which walks the URL configuration, the admin's
included): every GET that answers 200 with HTML, for a visitor of each kind. The English is
the portal's own catalogue (locale/id/LC_MESSAGES/django.po): each msgid (the pieces between its
placeholders) of two words or more whose Indonesian differs from it, and Django's own texts
its Indonesian catalogues leave in English. Single words ("Status", "Filter") are also
Indonesian words and would be found where nothing is wrong.
"""

import html
import re
from pathlib import Path

import polib
from django.test import TestCase

from tests.security import test_access_matrix as matrix
from tests.security.get_pages import get_requests, rolled_back
from tests.security.world import build_world

ROOT = Path(__file__).resolve().parents[2]
MIN_WORDS = 2
VISITORS = ["anon", "seeker_a", "seeker_waiting", "employer_a", *matrix.OFFICERS, "superuser"]


def django_untranslated():
    """Django's own texts that its Indonesian catalogues leave in English (the admin's date
    filter said "Filter by tanggal penempatan"), unless the portal's catalogue translates them."""
    import django

    base = Path(django.__file__).parent
    ours = {e.msgid for e in polib.pofile(str(ROOT / "locale/id/LC_MESSAGES/django.po"))}
    for catalogue in ("contrib/admin", "contrib/auth", "conf"):
        for entry in polib.pofile(str(base / catalogue / "locale/id/LC_MESSAGES/django.po")):
            if not entry.translated() and entry.msgid not in ours:
                yield entry.msgid


def english_sources():
    """The English texts a reader would notice, with their placeholders cut out: each piece
    between placeholders that still has two words or more."""
    found = {piece for text in django_untranslated() for piece in pieces(text)}
    for entry in polib.pofile(str(ROOT / "locale/id/LC_MESSAGES/django.po")):
        if entry.obsolete or not entry.translated():
            continue
        translations = [entry.msgstr, *entry.msgstr_plural.values()]
        for english in filter(None, [entry.msgid, entry.msgid_plural]):
            if english in translations:
                continue  # the same in both languages (a name, a document's own words)
            found.update(pieces(english))
    return found


def pieces(english):
    for piece in re.split(r"%\(\w+\)[sd]|%[sd]|<[^>]+>|\{\{[^}]*\}\}|\n", english):
        piece = piece.strip(" .,:;()“”\"'")
        if len(piece.split()) >= MIN_WORDS:
            yield piece


# The superuser's permission pickers list Django's permission names, which Django writes to
# the database in English at migration time ("Can view saved job seeker"): data, not the
# portal's text (reported in issue 19's remaining items).
PERMISSION_PICKERS = re.compile(
    r'<select[^>]*name="(?:permissions|user_permissions)".*?</select>', re.S | re.I
)


def visible_text(page):
    """Text and attribute values (aria-label, placeholder, title) as the reader meets them."""
    page = PERMISSION_PICKERS.sub(" ", page)
    page = re.sub(r"<script\b.*?</script>", " ", page, flags=re.S | re.I)
    page = re.sub(r"<style\b.*?</style>", " ", page, flags=re.S | re.I)
    return " ".join(html.unescape(page).split())


class IndonesianPagesTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.w = build_world()

    def test_no_page_shows_the_portals_english_source_text(self):
        sources = english_sources()
        assert len(sources) > 300, len(sources)
        wrong, pages = [], 0
        for visitor, label, url in get_requests(self, VISITORS):
            response = rolled_back(self.client.get, url, headers={"accept-language": "en"})
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            pages += 1
            page = response.content.decode()
            assert 'lang="id"' in page, url
            text = visible_text(page)
            for english in sources:
                if english in text:
                    wrong.append(f"{url} ({label}) as {visitor}: “{english}”")
        assert pages > 200, pages
        assert not wrong, f"{len(wrong)} English texts in Indonesian pages:\n" + "\n".join(
            sorted(set(wrong))
        )
