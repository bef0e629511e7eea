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
