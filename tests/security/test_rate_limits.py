"""Spam: a burst on the public forms from one address is refused with a clear Indonesian page
(HTTP 429), and everything recorded before the refusal stays whole."""

import pytest
from django.test import Client
from django.urls import reverse

from complaints.models import Complaint
from jobboard.models import JobSeeker
from tests.conftest import make_nik
from tests.jobboard.test_registration import BIRTH, seeker_data, seeker_files
from tests.offices import office_url

pytestmark = pytest.mark.django_db

REFUSAL = "Terlalu banyak formulir dikirim dari koneksi Anda"
KEPT = "Semua yang Anda kirim sebelumnya tetap tersimpan"
COMPLAINT = {
    "complainant_name": "Dewi Lestari",
    "complainant_institution": "",
    "complainant_address": "Jl. Suroyo 3",
    "complainant_phone": "0821 9988 7766",
    "complainant_email": "dewi@example.com",
    "subject": "Akun belum aktif",
    "text": "Akun saya belum diaktifkan.",
}


def register(upload, i, address="203.0.113.7"):
    """One person's registration from a fresh browser (the address is what is counted)."""
    data = seeker_data(
        nik=make_nik(BIRTH, "P", seq=100 + i),
        email=f"burst{i}@example.com",
        full_name=f"Pendaftar {i}",
    )
    files = {"ktp_scan": upload("pdf", "ktp.pdf"), "ak1_scan": upload("png", "ak1.png")}
    return Client(REMOTE_ADDR=address).post(
        reverse("jobboard:register_jobseeker"), {**data, **files}
    )


def assert_refused_in_indonesian(response):
    assert response.status_code == 429
    page = response.content.decode()
    assert REFUSAL in page and KEPT in page
    assert "Terlalu banyak pengiriman" in page  # the title


def test_a_registration_burst_is_refused_and_the_earlier_registrations_stay(office, upload):
    answers = [register(upload, i).status_code for i in range(23)]
    assert answers[:20] == [302] * 20, answers
    assert answers[20:] == [429] * 3, answers
    assert_refused_in_indonesian(register(upload, 99))

    seekers = JobSeeker.objects.order_by("pk")
    assert seekers.count() == 20
    for i, seeker in enumerate(seekers):
        # whole: account, profile and both documents, as submitted
        assert seeker.full_name == f"Pendaftar {i}"
        assert seeker.user.email == f"burst{i}@example.com"
        assert seeker.ktp_scan.storage.exists(seeker.ktp_scan.name)
        assert seeker.ak1_scan.storage.exists(seeker.ak1_scan.name)
    assert not JobSeeker.objects.filter(full_name="Pendaftar 99").exists()

    # counted per address: someone else at the same time is not held back
    assert register(upload, 50, address="198.51.100.9").status_code == 302
    # reading the form is never limited
    assert (
        Client(REMOTE_ADDR="203.0.113.7").get(reverse("jobboard:register_jobseeker")).status_code
        == 200
    )


def test_a_complaint_burst_is_refused_and_the_recorded_complaints_stay(office):
    client = Client(REMOTE_ADDR="203.0.113.8")
    url = office_url("complaints:create")
    answers = [
        client.post(url, {**COMPLAINT, "text": f"Pengaduan nomor {i}"}).status_code
        for i in range(12)
    ]
    assert answers == [302] * 10 + [429] * 2, answers
    response = client.post(url, {**COMPLAINT, "text": "Pengaduan terakhir"})
    assert_refused_in_indonesian(response)

    recorded = Complaint.objects.order_by("book_number")
    assert [c.text for c in recorded] == [f"Pengaduan nomor {i}" for i in range(10)]
    # the complaint book has no gap and every entry kept its reference
    assert [c.book_number for c in recorded] == list(range(1, 11))
    assert all(c.reference for c in recorded)
    # the form can still be read, and another address may still complain
    assert client.get(url).status_code == 200
    other = Client(REMOTE_ADDR="198.51.100.10").post(url, COMPLAINT)
    assert other.status_code == 302


def test_in_steps_only_the_registering_step_counts_as_a_registration(office, upload):
    """Issue 19: the five steps before the last are not registrations; their own bound is
    higher, and a burst of them is refused too."""
    from tests.jobboard.test_registration_steps import send, walk_to_documents

    client = Client(REMOTE_ADDR="203.0.113.11")
    for _ in range(5):  # 25 step sendings, well over the registrations' 20
        walk_to_documents(client)
        assert send(client, "dokumen", files=seeker_files(upload)).status_code == 302
    assert send(client, "akun").status_code == 302
    assert JobSeeker.objects.count() == 1
    answers = [send(client, "nik").status_code for _ in range(300)]
    assert answers.index(429) == 300 - 25 and set(answers[275:]) == {429}
