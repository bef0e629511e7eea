"""(a) A job seeker registers on a phone (issue 19, item 1): registration is one tap from the
home page, in short steps; an error on the last step is fixed without choosing any file again;
the waiting state follows. Every step passes axe-core at 360 and at 1280 px."""

import datetime
import time

import pytest
from playwright.sync_api import expect

from tests.conftest import make_nik
from tests.e2e.conftest import check_accessibility
from tests.jobboard.e2e_helpers import field, fill_jobseeker_registration, next_step, scans

pytestmark = pytest.mark.e2e

SECONDS_PER_FIELD = 2


def check_both_widths(page):
    check_accessibility(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.set_viewport_size({"width": 1280, "height": 800})
    check_accessibility(page)
    page.set_viewport_size({"width": 360, "height": 740})


def test_job_seeker_registers_in_steps_and_fixes_the_last_step_without_choosing_files_again(
    page, demo_site, tmp_path
):
    from jobboard.models import JobSeeker
    from portal.models import PendingUpload

    ktp, ak1 = scans(tmp_path)
    pages = []
    page.on("framenavigated", lambda frame: frame == page.main_frame and pages.append(frame.url))
    fields = []

    def fill(label, value):
        field(page, label).fill(value)
        fields.append(label)

    def arrived(number):
        expect(page.get_by_text(f"Langkah {number} dari 6")).to_be_visible()
        if number == 2:
            # What the NIK says is filled in, to confirm: birth date and sex, and the region.
            expect(page.locator("#nik-facts")).to_contain_text("Wilayah KTP")
            expect(field(page, "Tanggal lahir")).to_have_value("1998-05-17")
            expect(field(page, "Jenis kelamin")).to_have_value("P")
        check_both_widths(page)

    started = time.monotonic()
    page.goto(demo_site.url + "/kota-probolinggo/")  # the office's home page
    page.get_by_role("main").get_by_role(
        "link", name="Daftar sebagai pencari kerja"
    ).click()  # one tap
    expect(page.get_by_role("heading", name="Daftar sebagai pencari kerja")).to_be_visible()
    arrived(1)

    nik = make_nik(datetime.date(1998, 5, 17), "P", seq=77)
    fill_jobseeker_registration(page, nik, fields=fields, arrived=arrived)
    field(page, "Fotokopi KTP").set_input_files(ktp)
    field(page, "Fotokopi kartu AK/I").set_input_files(ak1)
    fields.extend(["Fotokopi KTP", "Fotokopi kartu AK/I"])
    next_step(page)
    arrived(6)

    # The error on the last step: the two passwords differ.
    fill("Kata sandi", "Kerja-Keras-2026")
    fill("Ulangi kata sandi", "Kerja-Keras-2062")
    page.get_by_role("button", name="Kirim pendaftaran saya").click()
    summary = page.locator("#form-errors")
    expect(summary).to_be_focused()  # the summary takes the focus
    check_both_widths(page)
    summary.get_by_role("link", name="Ulangi kata sandi").click()
    expect(field(page, "Ulangi kata sandi")).to_be_focused()
    assert PendingUpload.objects.count() == 2  # the files wait: none is chosen again
    fill("Kata sandi", "Kerja-Keras-2026")
    fill("Ulangi kata sandi", "Kerja-Keras-2026")
    page.get_by_role("button", name="Kirim pendaftaran saya").click()

    # The same answer whether or not the address or NIK was known (issue 16, item 9).
    expect(page.get_by_role("heading", name="Periksa e-mail Anda")).to_be_visible()
    seconds = time.monotonic() - started
    seeker = JobSeeker.objects.get(nik=nik)
    assert seeker.ktp_scan and seeker.ak1_scan and not PendingUpload.objects.exists()
    print(
        f"\nregistration journey: {len(pages)} pages, {len(fields)} fields, "
        f"{len(fields) * SECONDS_PER_FIELD} s at {SECONDS_PER_FIELD} s a field "
        f"(this test's browser: {seconds:.1f} s, axe included)"
    )

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


def test_a_birth_date_the_nik_does_not_say_is_refused_on_its_step(page, demo_site):
    page.goto(demo_site.url + "/loker/daftar/pencari-kerja/")
    born = datetime.date(1998, 5, 17)
    field(page, "NIK").fill(make_nik(born, "P", seq=78))
    next_step(page)
    field(page, "Nama lengkap").fill("Siti Aminah")
    field(page, "Tempat lahir").fill("Probolinggo")
    field(page, "Tanggal lahir").fill("1998-05-18")
    field(page, "Status perkawinan").select_option(label="Belum kawin")
    field(page, "Agama").select_option(label="Islam")
    next_step(page)
    expect(
        page.get_by_text("NIK tidak sesuai dengan tanggal lahir 18-05-1998").first
    ).to_be_visible()
    expect(page.locator("#form-errors")).to_be_focused()
    expect(field(page, "Nama lengkap")).to_have_value("Siti Aminah")
