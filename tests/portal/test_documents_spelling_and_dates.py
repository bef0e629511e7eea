"""Issue 18 item 3: one form of dates (2 Desember 2026) and of times (with WIB, WITA or WIT,
the office's zone) everywhere; "izin" as the standard dictionary spells it on every page,
in the catalogue, the stored standards and the office data, the old spelling's address kept
as a redirect (tests/akad_permits/test_documents_permit.py)."""

import datetime
import html
import re
from pathlib import Path

import polib
import pytest
from django.test import TestCase
from django.utils import translation

from portal import dates
from portal.models import Office, ServiceStandard
from tests.security.get_pages import get_requests, rolled_back
from tests.security.world import build_world

ROOT = Path(__file__).resolve().parents[2]
MOMENT = datetime.datetime(2026, 12, 2, 7, 5, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("Asia/Jakarta", "2 Desember 2026 14.05 WIB"),
        ("Asia/Makassar", "2 Desember 2026 15.05 WITA"),
        ("Asia/Jayapura", "2 Desember 2026 16.05 WIT"),
    ],
)
def test_a_time_is_written_in_the_offices_zone(zone, expected):
    office = Office(time_zone=zone)
    with translation.override("id"):
        assert dates.waktu(MOMENT, office) == expected
        assert dates.waktu(MOMENT, {"time_zone": zone}) == expected  # as a document froze it


def test_a_date_has_one_form_in_each_language():
    day = datetime.date(2026, 12, 2)
    with translation.override("id"):
        assert dates.tanggal(day) == "2 Desember 2026"
        assert dates.tanggal("2026-12-02") == "2 Desember 2026"
        # a moment's date is the office's: 23:30 in Jakarta is already the 3rd in Jayapura
        late = datetime.datetime(2026, 12, 2, 16, 30, tzinfo=datetime.UTC)
        assert dates.tanggal(late, Office(time_zone="Asia/Jakarta")) == "2 Desember 2026"
        assert dates.tanggal(late, Office(time_zone="Asia/Jayapura")) == "3 Desember 2026"
        assert dates.tanggal(None) == "" and dates.waktu(None) == ""
    with translation.override("en"):
        assert dates.tanggal(day) == "2 December 2026"
        assert dates.waktu(MOMENT) == "2 December 2026 14:05 WIB"


def test_no_template_writes_a_date_another_way():
    """Every page, mail and document writes dates through the one filter (portal_dates)."""
    other = re.compile(r'\|date:["\'](?!Y-m-d)[^"\']*["\']')
    found = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for folder in ("templates", "complaints/templates", "jobboard/templates")
        for path in (ROOT / folder).rglob("*")
        if path.suffix in (".html", ".txt")
        for match in other.finditer(path.read_text(encoding="utf-8"))
    ]
    assert not found, found


IJIN = re.compile(r"\bijin\b", re.IGNORECASE)


def test_the_catalogue_and_the_templates_spell_izin():
    catalogue = polib.pofile(str(ROOT / "locale/id/LC_MESSAGES/django.po"))
    wrong = [e.msgid for e in catalogue if IJIN.search(e.msgid) or IJIN.search(e.msgstr)]
    assert not wrong, wrong
    assert any("izin" in e.msgstr.lower() for e in catalogue)
    for folder in ("templates", "complaints/templates", "jobboard/templates", "docs"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix in (".html", ".txt", ".md"):
                assert not IJIN.search(path.read_text(encoding="utf-8")), path
    assert not IJIN.search((ROOT / "README.md").read_text(encoding="utf-8"))


@pytest.mark.django_db
def test_the_migration_splits_the_grade_and_respells_the_stored_standards(office):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("portal.migrations.0021_head_grade_and_izin_spelling")
    office.head_rank, office.head_grade = "Pembina Utama Muda (IV/c)", ""
    office.save()
    kept = Office.objects.create(
        slug="kab-lumajang", region_code="3508", name="Disnaker", head_rank="Pembina"
    )
    standard = ServiceStandard.objects.create(
        office=office,
        service="akad",
        title="Ijin Pelayanan Antar Kerja Antar Daerah (AKAD)",
        requirements="Surat permohonan ijin.",
        procedure="Penerbitan IJIN setelah ditandatangani.\nPengijinan tidak diubah.",
        completion_time="1 Hari",
        fee="Gratis",
        product="Dokumen Ijin Pelayanan AKAD.",
    )
    migration.forwards(apps, None)
    office.refresh_from_db()
    kept.refresh_from_db()
    standard.refresh_from_db()
    assert (office.head_rank, office.head_grade) == ("Pembina Utama Muda", "IV/c")
    assert office.head_rank_line() == "Pembina Utama Muda (IV/c)"
    assert (kept.head_rank, kept.head_grade) == ("Pembina", "")
    assert standard.title == "Izin Pelayanan Antar Kerja Antar Daerah (AKAD)"
    assert standard.requirements == "Surat permohonan izin."
    assert standard.procedure == "Penerbitan IZIN setelah ditandatangani.\nPengijinan tidak diubah."
    assert standard.product == "Dokumen Izin Pelayanan AKAD."
    migration.backwards(apps, None)
    office.refresh_from_db()
    assert (office.head_rank, office.head_grade) == ("Pembina Utama Muda (IV/c)", "")


def visible_text(page):
    page = re.sub(r"<script\b.*?</script>", " ", page, flags=re.S | re.I)
    return " ".join(html.unescape(page).split())


class NoPageSpellsIjinTest(TestCase):
    """Every page a visitor, an applicant and the officers open (the access matrix's walk of
    the URL configuration), in Indonesian: no "ijin"."""

    @classmethod
    def setUpTestData(cls):
        cls.w = build_world()

    def test_no_page_writes_ijin(self):
        wrong, pages = [], 0
        visitors = ["anon", "employer_a", "seeker_a", "kadis", "kasi", "superuser"]
        for visitor, label, url in get_requests(self, visitors):
            response = rolled_back(self.client.get, url)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            pages += 1
            text = visible_text(response.content.decode())
            if IJIN.search(text):
                wrong.append(f"{url} ({label}) as {visitor}")
        assert pages > 100, pages
        assert not wrong, wrong
