"""A job seeker without an AK/I card asks for one at registration, an officer activates, the
job seeker downloads the card, and six months later reports online: column II shows it."""

import datetime
import re
import subprocess

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from portal.dates import tanggal
from tests.conftest import make_nik
from tests.e2e.conftest import check_accessibility, login
from tests.jobboard.e2e_helpers import (
    admin_login,
    field,
    fill_jobseeker_registration,
    finish_jobseeker_registration,
    logout,
    run_admin_action,
    scans,
)

pytestmark = pytest.mark.e2e


def pdf_text(path):
    result = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True)
    return result.stdout.decode()


def register_without_card(page, base_url, ktp, nik):
    page.goto(base_url + "/loker/daftar/pencari-kerja/")
    fill_jobseeker_registration(page, nik)
    field(page, "Fotokopi KTP").set_input_files(ktp)
    field(page, "Saya belum punya kartu AK/I: terbitkan untuk saya").check()
    finish_jobseeker_registration(page)


def test_card_issued_at_activation_downloaded_and_reported_six_months_later(
    page, demo_site, tmp_path
):
    from jobboard.models import Ak1Card
    from portal.demo import DEMO_PASSWORD
    from tests.jobboard.ak1_helpers import backdate

    ktp, _ak1 = scans(tmp_path)
    nik = make_nik(datetime.date(1998, 5, 17), "P", seq=77)
    register_without_card(page, demo_site.url, ktp, nik)
    expect(page.get_by_role("heading", name="Periksa e-mail Anda")).to_be_visible()
    login(page, demo_site.url, "siti.aminah@example.com", "Kerja-Keras-2026")
    expect(page.locator("#registration-state")).to_have_text("Menunggu aktivasi")
    expect(page.get_by_text("Kartu AK/I Anda diterbitkan saat akun diaktifkan.")).to_be_visible()

    # The officer activates from the queue; the card is issued in the same step.
    logout(page)
    admin_login(page, demo_site.url, "antarkerja", DEMO_PASSWORD)
    page.goto(demo_site.url + "/admin/jobboard/jobseeker/")
    run_admin_action(page, "Siti Aminah", "Aktifkan (yang dipilih)")
    expect(page.get_by_text("diaktifkan: 1 selesai.")).to_be_visible()
    year = timezone.localdate().year
    number = f"AK1/000002/{year}"  # the demo's card is number 1
    page.goto(demo_site.url + "/admin/jobboard/ak1card/")
    expect(page.locator("#result_list tbody tr", has_text="Siti Aminah")).to_contain_text(number)

    # The job seeker finds the card and downloads it.
    logout(page)
    login(page, demo_site.url, "siti.aminah@example.com", "Kerja-Keras-2026")
    page.goto(demo_site.url + "/loker/akun/status/")
    page.get_by_role("link", name="Kartu AK/I saya").click()
    expect(page.get_by_role("heading", name="Kartu AK/I saya")).to_be_visible()
    expect(page.locator("#ak1-number")).to_have_text(number)
    due = tanggal(Ak1Card.objects.get(number=number).next_report_due)
    expect(page.locator("#ak1-next-report")).to_contain_text(f"jatuh tempo pada {due}")
    check_accessibility(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh kartu (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")
    text = pdf_text(download.value.path())
    assert number in text and nik in text

    # Six months pass (the card's dates are moved back); the holder reports online.
    backdate(Ak1Card.objects.get(number=number), months=6)
    page.reload()
    expect(page.locator("#ak1-column-2")).to_contain_text("—")
    page.get_by_role("link", name="Laporkan bahwa saya masih mencari pekerjaan").click()
    expect(page.get_by_role("heading", name="Laporan AK/I enam bulanan")).to_be_visible()
    field(page, "Keterampilan").fill("Microsoft Excel, kasir, MYOB")
    page.get_by_role("button", name="Kirim laporan saya").click()
    # said in the summary at the top (which takes the focus) and at the field
    expect(page.locator("#form-errors")).to_be_focused()
    expect(page.locator("#form-errors")).to_contain_text("Centang kotak ini untuk melapor")
    expect(page.get_by_text("Centang kotak ini untuk melapor")).to_have_count(2)
    expect(field(page, "Keterampilan")).to_have_value("Microsoft Excel, kasir, MYOB")
    check_accessibility(page)
    field(page, "Saya masih mencari pekerjaan").check()
    page.get_by_role("button", name="Kirim laporan saya").click()

    today = tanggal(timezone.localdate())
    expect(page.get_by_text("laporan Anda tercatat di kolom 2")).to_be_visible()
    expect(page.locator("#ak1-column-2")).to_contain_text(today)
    expect(page.locator("#ak1-column-3")).to_contain_text("—")
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh kartu (PDF)").click()
    text = pdf_text(download.value.path())
    assert re.search(r"Melapor", text) and today in text
    card = Ak1Card.objects.select_related("jobseeker").get(number=number)
    assert card.jobseeker.skills == "Microsoft Excel, kasir, MYOB"  # updated in the same flow
