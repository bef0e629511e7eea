"""What people do in the AKAD journeys (tests/e2e/test_akad_*.py), written once."""

import re

from playwright.sync_api import expect

from tests.conftest import PDF_BYTES
from tests.e2e.conftest import check_accessibility, login

PASSWORD = "pw-Secret-123"  # tests.factories.make_account
QUEUE = "/admin/akad_permits/permitapplication/"


def attachment_files(tmp_path):
    paths = {}
    for name in ("lowongan", "rekomendasi", "surat-tugas", "kebutuhan", "kebutuhan-baru"):
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(PDF_BYTES)
        paths[name] = str(path)
    return paths


def log_in_as(page, base_url, username, password=PASSWORD):
    page.context.clear_cookies()
    login(page, base_url, username, password)


def employer_submits_an_application(page, base_url, employer, files):
    log_in_as(page, base_url, employer.user.username)
    page.goto(f"{base_url}/akad/")
    expect(page.get_by_role("heading", name="Permohonan izin AKAD saya")).to_be_visible()
    page.get_by_role("link", name="Permohonan baru").click()
    expect(page.get_by_label("Perusahaan pengerah tenaga kerja")).to_have_value(
        employer.company_name
    )
    page.get_by_label("Perusahaan pengguna tenaga kerja").fill("PT Kebun Sawit Lestari")
    page.get_by_label("Provinsi tujuan").fill("Kalimantan Timur")
    page.get_by_label("Kabupaten/kota tujuan").fill("Kabupaten Berau")
    page.get_by_label("Masa rekrutmen dari").fill("2026-12-01")
    page.get_by_label("Masa rekrutmen sampai").fill("2027-02-28")
    first = page.get_by_role("group", name="Jabatan 1")
    first.get_by_label("Jabatan").fill("Pemanen sawit")
    first.get_by_label("Tenaga kerja laki-laki").fill("15")
    first.get_by_label("Tenaga kerja perempuan").fill("5")
    page.get_by_label("Nomor rekomendasi").fill("562/88/AKAD/2026")
    page.get_by_label("Tanggal rekomendasi").fill("2026-11-10")
    page.get_by_label("Instansi penerbit rekomendasi").fill("Disnakertrans Provinsi Kaltim")
    page.get_by_label("Nomor surat tugas").fill("ST/05/2026")
    page.get_by_label("Tanggal surat tugas").fill("2026-11-12")
    page.get_by_label("Nama petugas yang ditugaskan").fill("Dewi Lestari")
    page.locator("#id_vacancy_file").set_input_files(files["lowongan"])
    page.locator("#id_recommendation_file").set_input_files(files["rekomendasi"])
    page.locator("#id_assignment_file").set_input_files(files["surat-tugas"])
    page.locator("#id_workforce_file").set_input_files(files["kebutuhan"])
    check_accessibility(page)
    page.get_by_role("button", name="Ajukan permohonan").click()
    expect(page.get_by_text("Permohonan Anda telah diajukan kepada Kepala Dinas")).to_be_visible()
    expect(page.get_by_test_id("status")).to_have_text("Diajukan")
    check_accessibility(page)
    return re.search(r"/akad/(\d+)/", page.url).group(1)


def officer_takes_step(page, base_url, username, company, button, fill=None, password=None):
    """An officer logs in, finds the application in the work queue and takes one step."""
    from portal.demo import DEMO_PASSWORD

    log_in_as(page, base_url, username, password or DEMO_PASSWORD)
    page.goto(f"{base_url}{QUEUE}")
    row = page.get_by_role("row").filter(has_text=company)
    expect(row).to_have_count(1)
    row.get_by_role("link", name=button, exact=True).click()
    for label, value in (fill or {}).items():
        if value is True:
            page.get_by_label(label).check()
        else:
            page.get_by_label(label).fill(value)
    page.locator("input[type=submit]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    # Taken: it left this officer's queue.
    expect(page.get_by_role("row").filter(has_text=company)).to_have_count(0)
