"""Issue 16 item 2, the AKAD permit: a signed permit prints what was true when it was signed.

The attack: after signing, the employer renames itself after the office and moves, through
the real profile form, and an officer even accepts the change; the office changes its
letterhead and its head. The permit PDF and the public verification page keep the signed
values under the same number and code.
"""

import subprocess

import pytest
from django.urls import reverse

from jobboard import services as job_services
from portal import roles
from tests.jobboard.test_profile_changes import form_data

pytestmark = pytest.mark.django_db


def pdf_text(data):
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


def test_a_signed_permit_keeps_its_values_after_the_employer_and_the_office_change(
    client, in_state, officers
):
    app = in_state("issued")
    employer = app.employer
    office = app.office
    old = {
        "name": employer.company_name,
        "address": employer.address,
        "nib": employer.nib,
        "office": office.name,
        "government": office.government,
        "head": office.head_title,
    }
    client.force_login(employer.user)
    pdf_url = reverse("akad_permits:permit_pdf", args=[app.pk])
    before = pdf_text(client.get(pdf_url).content)
    assert old["name"] in before and old["address"] in before and old["nib"] in before

    # the employer renames itself after the office and moves; an officer accepts it
    data = form_data(client) | {
        "company_name": "Dinas Tenaga Kerja Palsu",
        "address": "Jl. Lain No. 99",
        "nib": "9120009998887",
    }
    assert client.post(reverse("jobboard:profile_edit"), data).status_code == 302
    job_services.accept_profile_change(
        employer.changes.get(), actor=officers[roles.JOB_PLACEMENT_OFFICER]
    )
    employer.refresh_from_db()
    assert employer.company_name == "Dinas Tenaga Kerja Palsu"
    # the office gets a new letterhead and head; the position list is edited behind its back
    office.name = "Dinas Baru Kota Probolinggo"
    office.government = "Pemerintah Kota Lain"
    office.head_title = "Plt. Kepala Dinas"
    office.save()
    app.positions.update(title="Jabatan Palsu")

    after = pdf_text(client.get(pdf_url).content)
    assert after == before
    for new in ("Dinas Tenaga Kerja Palsu", "Jl. Lain No. 99", "9120009998887", "Dinas Baru"):
        assert new not in after
    assert "Jabatan Palsu" not in after and "Plt. Kepala Dinas" not in after

    client.logout()
    page = client.get(reverse("akad_permits:verify", args=[app.verification_code]))
    body = page.content.decode()
    assert page.status_code == 200 and app.permit_number in body
    assert old["name"] in body and old["office"] in body and "Operator" in body
    assert "Dinas Tenaga Kerja Palsu" not in body and "Jabatan Palsu" not in body


# field -> the value the employer types after signing (every field an officer checks)
EMPLOYER_ATTACKS = {
    "company_name": "Dinas Tenaga Kerja Palsu Probolinggo",  # renamed after the office
    "legal_form": "CV",
    "nib": "9120009998887",
    "npwp": "099988875766655",
    "sector": "Perdagangan Palsu",
    "address": "Jl. Panglima Sudirman 1 Palsu",
    "city": "Kota Pasuruan",
}


def test_the_attack_table_covers_every_checked_employer_field():
    from jobboard.models import Employer

    assert set(EMPLOYER_ATTACKS) == set(Employer.CHECKED_FIELDS)


@pytest.mark.parametrize("field", list(EMPLOYER_ATTACKS))
def test_each_checked_employer_field_changed_after_signing_leaves_the_permit_as_signed(
    field, client, in_state, officers
):
    """Whichever checked field the employer changes (and an officer accepts), the permit PDF
    and the public verification page print the signed value under the same number and code."""
    from django.core.cache import cache

    app = in_state("issued")
    employer = app.employer
    old = getattr(employer, field)
    client.force_login(employer.user)
    pdf_url = reverse("akad_permits:permit_pdf", args=[app.pk])
    verify_url = reverse("akad_permits:verify", args=[app.verification_code])
    before = pdf_text(client.get(pdf_url).content)
    client.logout()
    page_before = client.get(verify_url).content.decode()

    client.force_login(employer.user)
    data = form_data(client) | {field: EMPLOYER_ATTACKS[field]}
    assert client.post(reverse("jobboard:profile_edit"), data).status_code == 302
    employer.refresh_from_db()
    assert getattr(employer, field) == old  # waits for the officer
    job_services.accept_profile_change(
        employer.changes.get(), actor=officers[roles.JOB_PLACEMENT_OFFICER]
    )
    employer.refresh_from_db()
    assert getattr(employer, field) == EMPLOYER_ATTACKS[field]

    after = pdf_text(client.get(pdf_url).content)
    assert after == before
    distinct = field != "legal_form"  # "CV" is too short to search for; equality suffices
    assert not distinct or EMPLOYER_ATTACKS[field] not in after
    client.logout()
    cache.clear()  # the verification page is a public page: read it fresh, not from the cache
    page_after = client.get(verify_url).content.decode()
    assert page_after == page_before
    assert not distinct or EMPLOYER_ATTACKS[field] not in page_after
    if field in ("company_name", "address", "city", "nib"):  # what the permit prints
        assert str(old) in before
