"""The benchmark's floors (scripts/bench/floors.py) do the work of the pages they stand for.

A floor is the least a page's work can cost; one that skipped a filter, the ranking or the
permission check would be cheaper than the page could ever be, and say nothing.
"""

import re

import pytest
from django.urls import reverse

from portal import roles
from tests.factories import make_employer, make_jobseeker
from tests.jobboard.factories import make_vacancy

pytestmark = [pytest.mark.django_db, pytest.mark.urls("scripts.bench.urls")]


def titles(html):
    return re.findall(r'<h2 class="h5 card-title mb-1"><a href="[^"]+">([^<]+)</a>', html)


def test_search_floor_finds_the_page_one_of_the_real_search(client, office, standards, settings):
    settings.PAGE_CACHE_SECONDS = 0
    employer = make_employer(status="active")
    for i in range(25):
        make_vacancy(employer, title=f"Operator mesin {i}", work_type="full_time")
    make_vacancy(employer, title="Operator gudang, paruh waktu", work_type="part_time")
    make_vacancy(
        employer, title="Operator mesin lulusan S2", work_type="full_time", min_education="S2"
    )
    make_vacancy(employer, title="Juru masak", work_type="full_time")
    params = {"q": "operator", "education": "S1", "work_type": "full_time"}

    real = titles(client.get(reverse("jobboard:vacancy_list"), params).text)
    floor = titles(client.get("/__floor__/search/", params).text)  # the same cards, alone

    assert len(real) == 20  # a full first page: the filters and the word left 25
    assert floor == real


def test_admin_floor_lists_the_waiting_job_seekers_to_an_officer_only(client, officers, make_user):
    make_jobseeker(
        status="active", full_name="Budi Aktif"
    )  # first: the one row shown if unfiltered
    make_jobseeker(status="waiting", full_name="Siti Menunggu")
    url = "/__floor__/admin/jobboard/jobseeker/"

    client.force_login(officers[roles.JOB_PLACEMENT_OFFICER])
    response = client.get(url)
    assert "Siti Menunggu" in response.text
    assert "Budi Aktif" not in response.text
    assert response.context["cl"].result_count == 1

    client.force_login(make_user("citizen"))
    assert client.get(url).status_code == 302  # to the admin login, like the real admin
