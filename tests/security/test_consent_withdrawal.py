"""Issue 16, item 5: a job seeker who unticks "employers may find my data" is no longer shown
to an employer who saved them before: not on the saved list, not on the candidate page."""

import pytest
from django.urls import reverse

from jobboard.models import SavedCandidate
from tests.jobboard.factories import make_employer, make_seeker

pytestmark = pytest.mark.django_db

PRIVATE = {
    "name": "Sulastri Wahyuningsih",
    "phone": "081399887766",
    "email": "sulastri.rahasia@example.com",
    "address": "Jl. Cempaka Rahasia No. 9",
    "kecamatan": "Mayangan",
    "history": "Operator CNC di PT Rahasia Sejahtera 2019-2023",
    "skills": "pengelasan argon khusus",
}


def test_withdrawn_consent_hides_contact_data_and_history_from_a_saved_list(client):
    employer = make_employer(status="active")
    seeker = make_seeker(
        full_name=PRIVATE["name"],
        phone=PRIVATE["phone"],
        address=PRIVATE["address"],
        kecamatan=PRIVATE["kecamatan"],
        work_experience=PRIVATE["history"],
        skills=PRIVATE["skills"],
    )
    seeker.email = PRIVATE["email"]
    seeker.save()
    SavedCandidate.objects.create(employer=employer, jobseeker=seeker, note="Panggil wawancara")
    client.force_login(employer.user)
    shortlist = reverse("jobboard:shortlist")
    detail = reverse("jobboard:candidate_detail", args=[seeker.pk])
    before = client.get(shortlist).content.decode()
    assert PRIVATE["phone"] in before and PRIVATE["history"] in before  # the test can fail

    seeker.discoverable = False  # the job seeker unticks "employers may find my data"
    seeker.save()

    html = client.get(shortlist).content.decode()
    for label, value in PRIVATE.items():
        assert value not in html, label
    assert "Panggil wawancara" in html  # the employer's own note stays
    assert "menarik persetujuannya" in html
    assert detail not in html
    assert client.get(detail).status_code == 404
    # The entry can still be removed.
    saved = SavedCandidate.objects.get()
    client.post(reverse("jobboard:shortlist_remove", args=[saved.pk]))
    assert not SavedCandidate.objects.exists()
