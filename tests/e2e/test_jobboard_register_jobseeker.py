"""(a) A job seeker registers on a phone, with both uploads, and sees the waiting state."""

import datetime

import pytest
from playwright.sync_api import expect

from tests.conftest import make_nik
from tests.e2e.conftest import check_accessibility
from tests.jobboard.e2e_helpers import field, fill_jobseeker_registration, scans

pytestmark = pytest.mark.e2e


def test_job_seeker_registers_with_both_uploads_and_sees_the_waiting_state(
    page, demo_site, tmp_path
):
    ktp, ak1 = scans(tmp_path)
    page.goto(demo_site.url + "/masuk/")
    page.get_by_role("link", name="Daftar sebagai pencari kerja").click()
    expect(page.get_by_role("heading", name="Daftar sebagai pencari kerja")).to_be_visible()
    check_accessibility(page)

    born = datetime.date(1998, 5, 17)
    # a slip in the birth date: the NIK says the 17th
    fill_jobseeker_registration(page, make_nik(born, "P", seq=77), birth_date="1998-05-18")
    field(page, "Fotokopi KTP").set_input_files(ktp)
    field(page, "Fotokopi kartu AK/I").set_input_files(ak1)
    page.get_by_role("button", name="Kirim pendaftaran saya").click()

    # Refused on the field at fault; everything typed is still there; files must be chosen again.
    expect(page.get_by_text("NIK tidak sesuai dengan tanggal lahir 18-05-1998")).to_be_visible()
    expect(field(page, "Nama lengkap")).to_have_value("Siti Aminah")
    expect(field(page, "Keterampilan")).to_have_value("Microsoft Excel, kasir")
    expect(page.get_by_text("pilih lagi file berikut")).to_be_visible()

    field(page, "Tanggal lahir").fill("1998-05-17")
    field(page, "Kata sandi").fill("Kerja-Keras-2026")
    field(page, "Ulangi kata sandi").fill("Kerja-Keras-2026")
    field(page, "Fotokopi KTP").set_input_files(ktp)
    field(page, "Fotokopi kartu AK/I").set_input_files(ak1)
    page.get_by_role("button", name="Kirim pendaftaran saya").click()

    # The same answer whether or not the address or NIK was known (issue 16, item 9).
    expect(page.get_by_role("heading", name="Periksa e-mail Anda")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name="Masuk").last.click()
    page.get_by_label("Alamat e-mail atau nama pengguna").fill("siti.aminah@example.com")
    page.get_by_label("Kata sandi").fill("Kerja-Keras-2026")
    page.get_by_role("button", name="Masuk").last.click()
    expect(page.get_by_role("heading", name="Pendaftaran saya")).to_be_visible()
    expect(page.locator("#registration-state")).to_have_text("Menunggu aktivasi")
    expect(page.get_by_role("link", name="Fotokopi KTP")).to_be_visible()
    check_accessibility(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    # Logging in again later shows the same state.
    page.context.clear_cookies()
    page.goto(demo_site.url + "/masuk/")
    page.get_by_label("Alamat e-mail atau nama pengguna").fill("siti.aminah@example.com")
    page.get_by_label("Kata sandi").fill("Kerja-Keras-2026")
    page.get_by_role("button", name="Masuk").last.click()
    expect(page.locator("#registration-state")).to_have_text("Menunggu aktivasi")
