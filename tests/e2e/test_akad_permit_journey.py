"""An employer applies for an AKAD permit; five officers take their steps; anyone can verify it."""

import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.akad_permits.e2e_steps import (
    attachment_files,
    employer_submits_an_application,
    log_in_as,
    officer_takes_step,
)
from tests.e2e.conftest import check_accessibility
from tests.factories import make_employer

pytestmark = pytest.mark.e2e


def test_from_application_to_signed_and_verified_permit(page, demo_site, tmp_path, settings):
    from pypdf import PdfReader

    settings.SITE_URL = demo_site.url  # the QR code and printed link lead to this server
    url = demo_site.url
    employer = make_employer(status="active", company_name="PT Karya Journey Nusantara")
    company = employer.company_name
    pk = employer_submits_an_application(page, url, employer, attachment_files(tmp_path))

    officer_takes_step(
        page,
        url,
        "sekretariat",
        company,
        "Catat agenda",
        {
            "Keempat lampiran ada, terbaca dan sesuai dengan permohonan.": True,
            "Nomor agenda": "005/321/2026",
        },
    )
    officer_takes_step(
        page,
        url,
        "kadis",
        company,
        "Disposisi",
        {"Instruksi kepada Bidang Penempatan dan Pelatihan": "Proses sesuai ketentuan."},
    )
    officer_takes_step(
        page,
        url,
        "kabid",
        company,
        "Catat konsultasi",
        {"Hasil konsultasi dengan Kadis": "Kadis menyetujui penerbitan izin."},
    )
    officer_takes_step(page, url, "kasi", company, "Siapkan izin")
    officer_takes_step(
        page,
        url,
        "kadis",
        company,
        "Tandatangani izin",
        {"Saya telah membaca konsep izin dan menandatanganinya.": True},
    )

    # The employer reads the timeline and downloads the permit.
    log_in_as(page, url, employer.user.username)
    page.goto(f"{url}/akad/{pk}/")
    expect(page.get_by_test_id("status")).to_have_text("Izin diterbitkan")
    expect(page.get_by_text("Ditandatangani Kepala Dinas: izin diterbitkan")).to_be_visible()
    expect(page.get_by_text("Kadis menyetujui penerbitan izin.")).to_be_visible()
    check_accessibility(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh izin (PDF)").click()
    data = Path(download.value.path()).read_bytes()
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())
    number = re.search(r"Nomor: (560/\d{4}/AKAD/\d{4})", text).group(1)
    assert company in text
    assert "Drs. Contoh Kepala Dinas, M.Si." in text and "196801011990031001" in text
    code = re.search(r"Kode verifikasi: ([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})", text).group(1)
    # The printed link (and the QR code) lead to this server's verification page.
    assert f"{url}/akad/verifikasi/" in text.replace(" ", "")
    verify_link = f"{url}/akad/verifikasi/{code}/"

    # Anyone holding the paper checks it.
    page.context.clear_cookies()
    page.goto(verify_link)
    expect(page.get_by_text("Izin ini asli")).to_be_visible()
    expect(page.get_by_text(number)).to_be_visible()
    expect(page.get_by_text(company)).to_be_visible()
    check_accessibility(page)
    page.get_by_label("Kode verifikasi yang tercetak pada izin").fill("ZZZZ-ZZZZ-ZZZZ")
    page.get_by_role("button", name="Periksa").click()
    expect(page.get_by_text("Kode ZZZZ-ZZZZ-ZZZZ tidak dikenal")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
