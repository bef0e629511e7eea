"""(c) From an employer's registration to a counted placement, every hand doing its part."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import check_accessibility, login
from tests.jobboard.e2e_helpers import (
    admin_login,
    field,
    logout,
    next_step,
    run_admin_action,
    scans,
)

pytestmark = pytest.mark.e2e

EMPLOYER_EMAIL = "hrd@tirtaabadi.example.co.id"
EMPLOYER_PASSWORD = "Rekrut-Baik-2026"


def test_employer_registers_posts_officer_publishes_seeker_applies_and_is_hired(
    page, demo_site, tmp_path
):
    from portal.demo import DEMO_PASSWORD

    base = demo_site.url
    letter, _png = scans(tmp_path)

    # 1. The employer registers the company.
    page.goto(base + "/loker/")
    page.get_by_role("link", name="Daftar sebagai pemberi kerja").click()
    # the job market is every office's: the company registers with its own office
    page.get_by_role("combobox", name="Kantor pendaftaran").select_option(
        label="Dinas Perindustrian dan Tenaga Kerja Kota Probolinggo"
    )
    field(page, "Nama perusahaan").fill("CV Tirta Abadi")
    field(page, "Bentuk badan usaha").select_option("CV")
    field(page, "NIB (Nomor Induk Berusaha)").fill("9120559876543")
    field(page, "NPWP").fill("02.345.678.3-623.000")
    field(page, "Bidang usaha").fill("Perdagangan air minum")
    field(page, "Alamat").fill("Jl. Panglima Sudirman 21")
    field(page, "Kota/kabupaten").fill("Kota Probolinggo")
    next_step(page)  # in three short steps (issue 19)
    field(page, "Narahubung").fill("Yuliana Putri")
    field(page, "Telepon").fill("0335 425 555")
    field(page, "Alamat e-mail").fill(EMPLOYER_EMAIL)
    next_step(page)
    expect(page.get_by_text("Langkah 3 dari 3")).to_be_visible()
    check_accessibility(page)
    field(page, "Kata sandi").fill(EMPLOYER_PASSWORD)
    field(page, "Ulangi kata sandi").fill(EMPLOYER_PASSWORD)
    page.get_by_role("button", name="Kirim pendaftaran saya").click()
    expect(page.get_by_role("heading", name="Periksa e-mail Anda")).to_be_visible()
    login(page, base, EMPLOYER_EMAIL, EMPLOYER_PASSWORD)
    expect(page.locator("#registration-state")).to_have_text("Menunggu aktivasi")
    logout(page)

    # 2. The officer activates it from its change page.
    admin_login(page, base, "antarkerja", DEMO_PASSWORD)
    page.goto(base + "/admin/jobboard/employer/")
    page.get_by_role("link", name="CV Tirta Abadi").click()
    page.get_by_role("link", name="Aktifkan").click()
    page.get_by_role("button", name="Aktifkan").click()
    expect(page.get_by_text("CV Tirta Abadi: diaktifkan.")).to_be_visible()
    logout(page)

    # 3. The employer posts a vacancy with the signed letter.
    login(page, base, EMPLOYER_EMAIL, EMPLOYER_PASSWORD)
    page.get_by_role("link", name="Pasang lowongan").click()
    field(page, "Judul").fill("Sopir Pengantar Galon")
    field(page, "Jabatan").fill("Sopir")
    field(page, "Jenis pekerjaan").select_option("full_time")
    field(page, "Lokasi kerja").fill("Kota Probolinggo")
    field(page, "Uraian").fill(
        "Mengantar galon air isi ulang ke pelanggan memakai mobil bak terbuka."
    )
    field(page, "Kebutuhan laki-laki").fill("2")
    field(page, "Pendidikan minimal").select_option("SMP")
    field(page, "Keterampilan yang dibutuhkan").fill("SIM B1")
    field(page, "Gaji dari (Rp)").fill("2500000")
    field(page, "Gaji sampai (Rp)").fill("2900000")
    closing = timezone.localdate() + datetime.timedelta(days=14)
    field(page, "Batas akhir").fill(closing.isoformat())
    field(page, "Surat lowongan yang ditandatangani pimpinan perusahaan").set_input_files(letter)
    page.get_by_role("button", name="Kirim untuk diperiksa").click()
    expect(page.get_by_text("Lowongan sudah dikirim")).to_be_visible()
    expect(page.get_by_text("Menunggu verifikasi")).to_be_visible()
    logout(page)

    # 4. The officer publishes it from the vacancy queue.
    admin_login(page, base, "antarkerja", DEMO_PASSWORD)
    page.goto(base + "/admin/jobboard/vacancy/")
    expect(page.locator("#result_list tbody tr").first).to_contain_text("Sopir Pengantar Galon")
    run_admin_action(page, "Sopir Pengantar Galon", "Terbitkan (yang dipilih)")
    expect(page.get_by_text("diterbitkan: 1 selesai.")).to_be_visible()
    logout(page)

    # 5. A visitor finds it by a word of its description.
    page.goto(base + "/loker/")
    page.get_by_label("Kata pencarian").fill("galon")
    page.get_by_role("button", name="Cari", exact=True).click()
    results = page.locator("article.vacancy-card")
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("Sopir Pengantar Galon")
    expect(page.get_by_text("0 penempatan tahun ini")).to_be_visible()
    check_accessibility(page)

    # 6. A job seeker applies.
    login(page, base, "pencaker2", DEMO_PASSWORD)
    page.goto(base + "/loker/?q=galon")
    page.get_by_role("link", name="Sopir Pengantar Galon").click()
    page.get_by_role("button", name="Lamar sekarang").click()
    expect(page.get_by_text("Lamaran Anda sudah dikirim")).to_be_visible()
    logout(page)

    # 7. The employer moves the applicant to hired.
    login(page, base, EMPLOYER_EMAIL, EMPLOYER_PASSWORD)
    page.get_by_role("link", name="Lowongan saya").click()
    page.get_by_role("link", name="Pelamar", exact=True).click()
    applicant = page.locator("article.applicant", has_text="Agus Setiawan")
    expect(applicant).to_contain_text("Juru las")  # the applicant's profile
    for label in ("Masuk seleksi", "Dipanggil wawancara", "Diterima bekerja"):
        applicant = page.locator("article.applicant", has_text="Agus Setiawan")
        applicant.get_by_label("Pindahkan ke").select_option(label=label)
        applicant.get_by_role("button", name="Simpan langkah").click()
        expect(page.get_by_text(f"Agus Setiawan: {label}.")).to_be_visible()
    expect(page.locator("article.applicant", has_text="Agus Setiawan")).to_contain_text(
        "Ditempatkan pada"
    )
    check_accessibility(page)
    logout(page)

    # 8. The placement is counted, once.
    page.goto(base + "/loker/")
    expect(page.get_by_text("1 penempatan tahun ini")).to_be_visible()
    admin_login(page, base, "antarkerja", DEMO_PASSWORD)
    page.goto(base + "/admin/jobboard/placement/")
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    expect(page.locator("#result_list")).to_contain_text("Agus Setiawan")
