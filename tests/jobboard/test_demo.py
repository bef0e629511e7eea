import io

import pytest
from django.core.management import call_command

from jobboard.models import Employer, JobSeeker, Vacancy

pytestmark = pytest.mark.django_db


def test_demo_data_is_idempotent_and_usable(client):
    call_command("load_demo", stdout=io.StringIO())
    counts = (JobSeeker.objects.count(), Employer.objects.count(), Vacancy.objects.count())
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert (JobSeeker.objects.count(), Employer.objects.count(), Vacancy.objects.count()) == counts
    assert JobSeeker.objects.active().count() == 3
    assert JobSeeker.objects.waiting().count() == 1
    assert Employer.objects.active().count() == 1
    assert Vacancy.objects.published().count() == 4
    assert Vacancy.objects.published().first().decided_by.username == "antarkerja"
    assert "pencaker1" in out.getvalue() and "perusahaan" in out.getvalue()
    response = client.get("/loker/", {"q": "las"})
    assert [v.title for v in response.context["page"]] == ["Juru Las Konstruksi"]


def test_demo_has_an_active_job_seeker_holding_an_issued_card():
    from jobboard.models import Ak1Card

    call_command("load_demo", stdout=io.StringIO())
    card = Ak1Card.objects.select_related("jobseeker__user", "issued_by").get()
    assert card.jobseeker.user.username == "pencaker1" and card.jobseeker.is_active
    assert card.issued_by.username == "antarkerja" and not card.jobseeker.ak1_scan
    # Demo data loaded before the card existed gets it on the next load, once.
    Ak1Card.objects.all().delete()
    JobSeeker.objects.filter(pk=card.jobseeker_id).update(ak1_requested=False)
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    assert Ak1Card.objects.get().jobseeker_id == card.jobseeker_id
