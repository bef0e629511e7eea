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


def next_step(page):
    page.get_by_role("button", name="Berikutnya").click()


def fill_jobseeker_registration(page, nik, birth_date=None, fields=None, arrived=None):
    """Siti Aminah's data in the job-seeker registration's first four steps (NIK, identity,
    address, education and work), leaving the browser on the documents step (files, the
    password and sending left to the journey). The birth date and sex come from the NIK;
    ``birth_date`` types another one over it. Each field filled is added to ``fields`` (a
    journey counts them); ``arrived(number)`` is called on each new step."""
    fields = [] if fields is None else fields
    arrived = arrived or (lambda number: None)

    def fill(name, value):
        field(page, name).fill(value)
        fields.append(name)

    def select(name, **option):
        field(page, name).select_option(**option)
        fields.append(name)

    fill("NIK", nik)
    next_step(page)
    arrived(2)
    fill("Nama lengkap", "Siti Aminah")
    fill("Tempat lahir", "Probolinggo")
    if birth_date:
        fill("Tanggal lahir", birth_date)
    select("Status perkawinan", label="Belum kawin")
    select("Agama", label="Islam")
    next_step(page)
    arrived(3)
    fill("Alamat (jalan, RT/RW)", "Jl. Mawar No. 3 RT 02/RW 01")
    fill("Kelurahan/desa", "Kanigaran")
    fill("Kecamatan", "Kanigaran")
    if not field(page, "Kota/kabupaten").input_value():  # filled from the NIK's region
        fill("Kota/kabupaten", "Kota Probolinggo")
    fill("Telepon", "0812 3456 7890")
    fill("Alamat e-mail", "siti.aminah@example.com")
    next_step(page)
    arrived(4)
    select("Jenjang pendidikan", value="SMK")
    fill("Jurusan", "Akuntansi")
    fill("Sekolah atau perguruan tinggi", "SMKN 2 Probolinggo")
    fill("Tahun lulus", "2016")
    fill("Keterampilan", "Microsoft Excel, kasir")
    fill("Jabatan yang diinginkan", "Staf administrasi")
    next_step(page)
    arrived(5)


def finish_jobseeker_registration(page, password="Kerja-Keras-2026"):
    """From the documents step (files chosen): on to the password step, and send."""
    next_step(page)
    field(page, "Kata sandi").fill(password)
    field(page, "Ulangi kata sandi").fill(password)
    page.get_by_role("button", name="Kirim pendaftaran saya").click()


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
