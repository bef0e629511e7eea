"""Issue 15: a permit is the issuing office's document. Lumajang's permit prints Lumajang's
letterhead, head, NIP, rank and number format; Probolinggo's prints Probolinggo's, from the
same portal in the same year, each numbered from 1 in its own office."""

import subprocess

import pytest
from django.urls import reverse

from portal.models import Office
from tests.akad_permits.conftest import bring_to, make_application
from tests.factories import make_employer

pytestmark = pytest.mark.django_db

LUMAJANG = {
    "slug": "kab-lumajang",
    "region_code": "3508",
    "level": "kabupaten",
    "government": "Pemerintah Kabupaten Lumajang",
    "name": "Dinas Tenaga Kerja Kabupaten Lumajang",
    "letterhead": "PEMERINTAH KABUPATEN LUMAJANG\nDINAS TENAGA KERJA\nJl. Kyai Ilyas No. 11 Lumajang",
    "address": "Jl. Kyai Ilyas No. 11, Lumajang, Jawa Timur",
    "region": "Kabupaten Lumajang",
    "province": "Jawa Timur",
    "phone": "(0334) 881234",
    "head_title": "Kepala Dinas Tenaga Kerja",
    "head_name": "Ir. Contoh Kadis Lumajang, M.M.",
    "head_nip": "197002021995031002",
    "head_rank": "Pembina Utama Muda (IV/c)",
    "permit_number_format": "LMJ/{seq:03d}/AKAD/{year}",
}


def pdf_text(data):
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    return " ".join(text.split())


@pytest.fixture
def lumajang(officers):
    """Lumajang's office; the test's officers hold their roles there too (each office's steps
    are its own officers', portal.offices)."""
    from portal.offices import give_role

    lumajang = Office.objects.create(**LUMAJANG)
    for role, officer in officers.items():
        give_role(officer, lumajang, role)
    return lumajang


def issued_permit(office, officers):
    employer = make_employer(status="active", office=office)
    return bring_to(make_application(employer, office=office), "issued", officers)


def permit_pdf(client, application):
    client.force_login(application.employer.user)
    response = client.get(reverse("akad_permits:permit_pdf", args=[application.pk]))
    assert response.status_code == 200
    return pdf_text(response.content)


def test_each_office_prints_its_own_letterhead_head_and_number(client, office, lumajang, officers):
    office.head_rank = "Pembina Tingkat I (IV/b)"
    office.save()
    probolinggo_permit = issued_permit(office, officers)
    lumajang_permit = issued_permit(lumajang, officers)

    year = lumajang_permit.permit_year
    assert lumajang_permit.permit_number == f"LMJ/001/AKAD/{year}"
    assert probolinggo_permit.permit_number == f"560/0001/AKAD/{year}"  # each from 1

    text = permit_pdf(client, lumajang_permit)
    # the letterhead's lines, as the office wrote them (the letterhead prints in capitals)
    for line in LUMAJANG["letterhead"].splitlines():
        assert line.upper() in text.upper()
    for printed in (
        "Ir. Contoh Kadis Lumajang, M.M.",
        "NIP. 197002021995031002",
        "Pembina Utama Muda (IV/c)",
        f"LMJ/001/AKAD/{year}",
        "Kabupaten Lumajang",
    ):
        assert printed in text
    # (the applicant's own address may name any city: the office's lines must not be there)
    others = (
        office.government,
        office.name,
        office.head_name,
        office.head_nip,
        "Pembina Tingkat I",
    )
    for other in others:
        assert other.upper() not in text.upper()

    text = permit_pdf(client, probolinggo_permit)
    assert office.government.upper() in text.upper() and office.name.upper() in text.upper()
    for printed in (
        office.head_name,
        f"NIP. {office.head_nip}",
        "Pembina Tingkat I (IV/b)",
        f"560/0001/AKAD/{year}",
    ):
        assert printed in text
    for other in ("KABUPATEN LUMAJANG", LUMAJANG["head_name"], LUMAJANG["head_nip"], "LMJ/"):
        assert other.upper() not in text.upper()


def test_the_issued_mail_is_signed_by_the_permits_office(office, lumajang, officers):
    from background.models import OutboxMail

    permit = issued_permit(lumajang, officers)
    mail = OutboxMail.objects.filter(template="akad_permits/email/issued").get()
    assert permit.employer.email in mail.to
    assert LUMAJANG["name"] in mail.body and office.name not in mail.body
