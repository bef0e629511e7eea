"""Small breakages of wording in the Indonesian pages, each as a person met it."""

import pytest
from django.urls import reverse

from portal import roles
from tests.factories import make_employer, make_jobseeker
from tests.jobboard.factories import make_vacancy

pytestmark = pytest.mark.django_db


def test_an_empty_search_does_not_say_the_portal_has_no_vacancies(client, office):
    make_vacancy(title="Juru masak")
    make_vacancy(title="Operator mesin")
    everything = client.get(reverse("jobboard:vacancy_list")).text
    assert "2 lowongan dibuka" in everything
    nothing = client.get(reverse("jobboard:vacancy_list"), {"q": "astronot"}).text
    assert "0 lowongan dibuka cocok dengan pencarian Anda" in nothing
    assert "0 lowongan dibuka ·" not in nothing
    assert "Tidak ada lowongan yang cocok" in nothing


def test_a_waiting_job_seeker_is_not_told_he_cannot_post_vacancies(client, office):
    seeker = make_jobseeker(status="waiting")
    client.force_login(seeker.user)
    page = client.get(reverse("jobboard:my_status")).text
    assert "belum dapat melamar lowongan" in page
    assert "memasang lowongan" not in page
    employer = make_employer(status="waiting")
    client.force_login(employer.user)
    page = client.get(reverse("jobboard:my_status")).text
    assert "belum dapat memasang lowongan atau mencari pencari kerja" in page
    assert "melamar" not in page


def test_the_admin_speaks_indonesian_in_its_date_filter_and_app_names(client, officers, make_user):
    client.force_login(officers[roles.JOB_PLACEMENT_OFFICER])
    changelist = client.get(reverse("admin:jobboard_placement_changelist")).text
    assert "Filter by" not in changelist
    assert "Saring menurut" in changelist
    # the login records are the superuser's (docs/security.md): he reads the app's name
    client.force_login(make_user("root", superuser=True))
    index = client.get(reverse("admin:index")).text
    assert "Keamanan login" in index
    assert ">Axes<" not in index
