"""Issue 15 item 6 in a browser: the workers go to Kota Probolinggo, whose Kadis issues the
recruitment recommendation in the portal; they are recruited in Kabupaten Lumajang, whose
Sekretariat sees the recommendation confirmed and whose permit names it."""

import datetime
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from playwright.sync_api import expect

from tests.akad_permits.e2e_steps import QUEUE, log_in_as
from tests.conftest import PDF_BYTES
from tests.e2e.conftest import check_accessibility
from tests.factories import make_employer

pytestmark = pytest.mark.e2e

COMPANY = "PT Lintas Daerah Journey"
PROBOLINGGO = "Dinas Perindustrian dan Tenaga Kerja Kota Probolinggo"
LUMAJANG = "Dinas Tenaga Kerja Kabupaten Lumajang"


def lumajang_officers():
    """The demo's Lumajang officers, each holding their role in Lumajang."""
    from portal import roles

    names = {
        roles.SECRETARIAT: "lmj-sekretariat",
        roles.HEAD_OF_OFFICE: "lmj-kadis",
        roles.DIVISION_HEAD: "lmj-kabid",
        roles.SECTION_HEAD: "lmj-kasi",
    }
    return {role: get_user_model().objects.get(username=name) for role, name in names.items()}


def submitted_application(employer, recommendation):
    """The application at Lumajang, naming the recommendation (no letter uploaded for it)."""
    from akad_permits import services
    from akad_permits.models import PermitApplication, PermitPosition

    today = timezone.localdate()
    application = PermitApplication(
        employer=employer,
        office=recommendation.recruiting_office,
        recommendation=recommendation,
        recruiter_name=employer.company_name,
        user_company=recommendation.user_company,
        destination_province="Jawa Timur",
        destination_city="Kota Probolinggo",
        recruitment_start=today,
        recruitment_end=today + datetime.timedelta(days=60),
        assignment_number="ST/31/2026",
        assignment_date=today,
        assignment_person="Dewi Lestari",
    )
    for field in ("vacancy_file", "assignment_file", "workforce_file"):
        getattr(application, field).save(f"{field}.pdf", ContentFile(PDF_BYTES), save=False)
    application.save()
    PermitPosition.objects.create(
        application=application, title="Operator produksi", male_count=6, female_count=4
    )
    services.submit(application=application, actor=employer.user)
    return application


def test_a_probolinggo_recommendation_leads_to_a_lumajang_permit_that_names_it(
    page, demo_site, settings
):
    from akad_permits import services
    from akad_permits.models import Recommendation
    from portal import roles
    from portal.demo import demo_lumajang

    settings.SITE_URL = demo_site.url
    url = demo_site.url
    employer = make_employer(status="active", office=demo_lumajang(), company_name=COMPANY)

    # The employer asks Kota Probolinggo, where the workers will work.
    log_in_as(page, url, employer.user.username)
    page.goto(f"{url}/akad/")
    page.get_by_role("link", name="Rekomendasi rekrutmen").click()
    expect(page.get_by_role("heading", name="Rekomendasi rekrutmen AKAD saya")).to_be_visible()
    page.get_by_role("link", name="Minta rekomendasi").click()
    page.get_by_label("Dinas daerah tujuan (penerbit rekomendasi)").select_option(label=PROBOLINGGO)
    expect(page.get_by_label("Dinas daerah asal rekrutmen (penerbit izin)")).to_have_value(
        str(demo_lumajang().pk)
    )
    page.get_by_label("Perusahaan pengguna tenaga kerja").fill("PT Industri Pangan Probolinggo")
    page.get_by_label("Jabatan").fill("Operator produksi")
    page.get_by_label("Tenaga kerja laki-laki").fill("6")
    page.get_by_label("Tenaga kerja perempuan").fill("4")
    check_accessibility(page)
    page.get_by_role("button", name="Kirim permintaan").click()
    expect(page.get_by_text(f"Permintaan Anda telah dikirim kepada {PROBOLINGGO}")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text=PROBOLINGGO)).to_contain_text("Diminta")
    check_accessibility(page)

    # Probolinggo's Kadis signs it in the portal.
    log_in_as(page, url, "kadis", password=demo_password())
    page.goto(f"{url}/admin/akad_permits/recommendation/")
    row = page.get_by_role("row").filter(has_text=COMPANY)
    row.get_by_role("link", name="Tandatangani rekomendasi", exact=True).click()
    page.get_by_label("Saya telah membaca konsep rekomendasi dan menandatanganinya.").check()
    page.locator("input[type=submit]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    recommendation = Recommendation.objects.get(employer=employer)
    assert recommendation.number and recommendation.status == "issued"

    # The employer sees its number; the application at Lumajang names it (made here directly:
    # tests/e2e/test_akad_permit_journey.py walks the application form).
    log_in_as(page, url, employer.user.username)
    page.goto(f"{url}/akad/rekomendasi/")
    expect(page.get_by_role("row").filter(has_text=PROBOLINGGO)).to_contain_text(
        recommendation.number
    )
    application = submitted_application(employer, recommendation)

    # Lumajang's Sekretariat finds it confirmed, with nothing uploaded to check for it.
    officers = lumajang_officers()
    log_in_as(page, url, "lmj-sekretariat", password=demo_password())
    page.goto(f"{url}{QUEUE}")
    row = page.get_by_role("row").filter(has_text=COMPANY)
    expect(row).to_have_count(1)
    row.get_by_role("link", name="Catat agenda", exact=True).click()
    expect(page.get_by_test_id("portal-recommendation")).to_have_text(
        f"Rekomendasi dikonfirmasi melalui portal: {recommendation.number}, {PROBOLINGGO}"
    )
    page.get_by_label("Ketiga lampiran lainnya ada, terbaca dan sesuai dengan permohonan.").check()
    page.get_by_label("Nomor agenda").fill("005/777/427.57/2026")
    page.locator("input[type=submit]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    # Lumajang's Kadis, Kabid and Kasi take their steps (tests/e2e/test_akad_permit_journey.py
    # walks them in the browser); the Kadis signs.
    today = timezone.localdate()
    services.dispose(
        application=application,
        actor=officers[roles.HEAD_OF_OFFICE],
        instruction="Proses sesuai ketentuan.",
    )
    services.consult(
        application=application, actor=officers[roles.DIVISION_HEAD], outcome="Disetujui."
    )
    services.draft(
        application=application,
        actor=officers[roles.SECTION_HEAD],
        valid_from=today,
        valid_until=today + datetime.timedelta(days=60),
        coverage="Operator produksi: 6 L, 4 P",
    )
    services.sign(application=application, actor=officers[roles.HEAD_OF_OFFICE])

    # The employer downloads Lumajang's permit: it names Probolinggo's recommendation.
    log_in_as(page, url, employer.user.username)
    page.goto(f"{url}/akad/{application.pk}/")
    expect(page.get_by_test_id("status")).to_have_text("Izin diterbitkan")
    expect(
        page.get_by_text(
            f"Rekomendasi dikonfirmasi melalui portal: {recommendation.number}, {PROBOLINGGO}"
        )
    ).to_be_visible()
    check_accessibility(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh izin (PDF)").click()
    text = pdf_text(Path(download.value.path()).read_bytes())
    date = recommendation.issued_on
    # the recommendation is one of the permit's "Dasar" (legal basis) lines
    assert (
        f"Rekomendasi Rekrutmen AKAD Nomor {recommendation.number} tanggal {date.day} "
        f"{MONTHS[date.month - 1]} {date.year} dari {PROBOLINGGO}" in text
    )
    assert "PEMERINTAH KABUPATEN LUMAJANG" in text  # Lumajang's letterhead: Lumajang issues it
    assert "NIP. 197005052000121002" in text  # signed by Lumajang's head
    assert "427.57/AKAD" in text  # and numbers it in its own format


MONTHS = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"
MONTHS = MONTHS.split()


def demo_password():
    from portal.demo import DEMO_PASSWORD

    return DEMO_PASSWORD


def pdf_text(data):
    out = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    return " ".join(out.split())
