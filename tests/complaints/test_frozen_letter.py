"""Issue 16 item 2, the complaint answer letter: it prints what was true when it was sent.

After the answer, the office changes its letterhead and region, the complainant's record
and the signing officer's name change: the letter page and its PDF keep the sent values.
"""

import subprocess

import pytest
from django.urls import reverse

from complaints import letters
from complaints.models import Complaint
from portal import roles

pytestmark = pytest.mark.django_db


def pdf_text(data):
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


def test_an_answered_letter_does_not_follow_the_office_or_the_complaint(
    client, make_complaint, officers
):
    complaint = make_complaint("answered", complainant_institution="Serikat Pekerja Bromo")
    officer = officers[roles.COMPLAINT_OFFICER]
    officer.first_name, officer.last_name = "Rina", "Wulandari"
    officer.save()
    complaint = Complaint.objects.get(pk=complaint.pk)
    # the letter was frozen with the officer's name as it was then (the username)
    client.force_login(officer)
    url = reverse("admin:complaints_complaint_letter", args=[complaint.pk])
    before_html = client.get(url).content.decode()
    before_pdf = pdf_text(letters.letter_pdf(complaint))
    office = complaint.office
    for text in ("Siti Aminah", "Jl. Panglima Sudirman 12", "Serikat Pekerja Bromo", office.name):
        assert text.lower() in before_html.lower()

    office.name = "Dinas Baru"
    office.government = "Pemerintah Kota Lain"
    office.region = "Kota Lain"
    office.address = "Jl. Baru 1"
    office.save()
    Complaint.objects.filter(pk=complaint.pk).update(
        complainant_name="Nama Palsu",
        complainant_address="Alamat Palsu",
        complainant_institution="Lembaga Palsu",
        channel="email",
    )
    officer.first_name = "Nama Petugas Lain"
    officer.save()
    complaint = Complaint.objects.get(pk=complaint.pk)

    after_html = client.get(url).content.decode()
    after_pdf = pdf_text(letters.letter_pdf(complaint))
    assert after_pdf == before_pdf
    assert after_html == before_html
    for text in ("Dinas Baru", "Kota Lain", "Jl. Baru 1", "Palsu", "Nama Petugas Lain"):
        assert text.lower() not in after_html.lower() + after_pdf.lower()
