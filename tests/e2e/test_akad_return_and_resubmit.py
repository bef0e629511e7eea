"""The Sekretariat returns an incomplete file; the applicant adds what was missing; it goes on."""

import pytest
from django.core import mail
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


def test_returned_file_is_completed_and_resubmitted(page, demo_site, tmp_path):
    url = demo_site.url
    files = attachment_files(tmp_path)
    employer = make_employer(status="active", company_name="PT Pengerah Cermat")
    company = employer.company_name
    pk = employer_submits_an_application(page, url, employer, files)

    officer_takes_step(
        page,
        url,
        "sekretariat",
        company,
        "Kembalikan ke pemohon",
        {
            "Data jumlah kebutuhan rekrutmen tenaga kerja": True,
            "Yang harus dilengkapi pemohon": "Data kebutuhan belum ditandatangani pimpinan.",
        },
    )
    assert any("dikembalikan" in m.subject for m in mail.outbox)

    log_in_as(page, url, employer.user.username)
    page.goto(f"{url}/akad/{pk}/")
    expect(page.get_by_test_id("status")).to_have_text("Dikembalikan kepada pemohon")
    expect(page.get_by_text("Data kebutuhan belum ditandatangani pimpinan.").first).to_be_visible()
    page.get_by_role("link", name="Lengkapi dan ajukan kembali").click()
    # Resubmitting without the corrected file is refused, with the reason on the field.
    page.get_by_role("button", name="Ajukan kembali permohonan").click()
    # the field says it, and the error summary above the form lists it too
    expect(page.get_by_text("Unggah berkas yang sudah diperbaiki.", exact=True)).to_be_visible()
    expect(page.get_by_label("Perusahaan pengguna tenaga kerja")).to_have_value(
        "PT Kebun Sawit Lestari"
    )
    check_accessibility(page)
    page.locator("#id_workforce_file").set_input_files(files["kebutuhan-baru"])
    page.get_by_role("button", name="Ajukan kembali permohonan").click()
    expect(page.get_by_test_id("status")).to_have_text("Diajukan")
    expect(page.get_by_text("Permohonan yang sudah dilengkapi diajukan kembali")).to_be_visible()

    # ... and it goes on: the Sekretariat registers it now.
    officer_takes_step(
        page,
        url,
        "sekretariat",
        company,
        "Catat agenda",
        {
            "Keempat lampiran ada, terbaca dan sesuai dengan permohonan.": True,
            "Nomor agenda": "005/400/2026",
        },
    )
    log_in_as(page, url, employer.user.username)
    page.goto(f"{url}/akad/{pk}/")
    expect(page.get_by_test_id("status")).to_have_text("Dicatat oleh Sekretariat")
