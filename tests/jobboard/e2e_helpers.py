"""Small helpers for the job exchange's browser journeys."""

import re

from tests.conftest import PDF_BYTES, PNG_BYTES
from tests.second_factor import pass_second_step


def field(page, label):
    """The form control labelled ``label`` (its label may end in "(wajib)")."""
    return page.get_by_label(
        re.compile(r"^\s*" + re.escape(label) + r"\s*(?:\*|\(wajib[^)]*\))?\s*$", re.I)
    )


def scans(tmp_path):
    """A PDF and a PNG a person would pick from the phone."""
    pdf = tmp_path / "ktp-siti.pdf"
    pdf.write_bytes(PDF_BYTES)
    png = tmp_path / "ak1-siti.png"
    png.write_bytes(PNG_BYTES)
    return pdf, png


def fill_jobseeker_registration(page, nik, birth_date="1998-05-17"):
    """Siti Aminah's data in the job-seeker registration form (files and submit left to the
    journey)."""
    field(page, "NIK").fill(nik)
    field(page, "Nama lengkap").fill("Siti Aminah")
    field(page, "Tempat lahir").fill("Probolinggo")
    field(page, "Tanggal lahir").fill(birth_date)
    field(page, "Jenis kelamin").select_option(label="Perempuan")
    field(page, "Status perkawinan").select_option(label="Belum kawin")
    field(page, "Agama").select_option(label="Islam")
    field(page, "Alamat (jalan, RT/RW)").fill("Jl. Mawar No. 3 RT 02/RW 01")
    field(page, "Kelurahan/desa").fill("Kanigaran")
    field(page, "Kecamatan").fill("Kanigaran")
    field(page, "Kota/kabupaten").fill("Kota Probolinggo")
    field(page, "Telepon").fill("0812 3456 7890")
    field(page, "Alamat e-mail").fill("siti.aminah@example.com")
    field(page, "Kata sandi").fill("Kerja-Keras-2026")
    field(page, "Ulangi kata sandi").fill("Kerja-Keras-2026")
    field(page, "Jenjang pendidikan").select_option("SMK")
    field(page, "Jurusan").fill("Akuntansi")
    field(page, "Sekolah atau perguruan tinggi").fill("SMKN 2 Probolinggo")
    field(page, "Tahun lulus").fill("2016")
    field(page, "Keterampilan").fill("Microsoft Excel, kasir")
    field(page, "Jabatan yang diinginkan").fill("Staf administrasi")


def admin_login(page, base_url, username, password):
    page.goto(f"{base_url}/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("input[type=submit], button[type=submit]").last.click()
    pass_second_step(page, username)


def run_admin_action(page, row_text, action_label):
    """Tick the row showing ``row_text`` in the change list and run the action."""
    row = page.locator("#result_list tbody tr", has_text=row_text)
    row.locator("input.action-select").check()
    page.locator("select[name=action]").select_option(label=action_label)
    page.locator("button[name=index]").first.click()


def logout(page):
    page.context.clear_cookies()
