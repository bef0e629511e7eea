"""Every page the benchmark (scripts/benchmark.sh) measures runs the same number of SQL
queries with a handful of rows and with many: no query per row, whatever the data size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal import roles
from tests.factories import default_office, make_employer, make_jobseeker
from tests.jobboard.factories import make_vacancy

pytestmark = pytest.mark.django_db

SEARCH = {"q": "operator", "education": "S1", "work_type": "full_time"}


@pytest.fixture
def data(office, standards, officers):
    from complaints import services
    from complaints.models import Channel

    employers = [make_employer(status="active") for _ in range(3)]

    def grow(n):
        for i in range(n):
            make_vacancy(employers[i % 3], title=f"Operator mesin {i}", work_type="full_time")
            make_jobseeker(status="waiting")
            services.record_complaint(
                office=default_office(),
                actor=officers[roles.COMPLAINT_OFFICER],
                channel=Channel.COUNTER,
                data={
                    "complainant_name": f"Warga {i}",
                    "complainant_phone": "081234567890",
                    "text": "Lowongan palsu.",
                },
            )

    grow(3)
    return grow


def pages(officers):
    from complaints.models import Complaint
    from jobboard.models import Vacancy

    vacancy = Vacancy.objects.order_by("pk").first()
    complaint = Complaint.objects.order_by("pk").first()
    officer = officers[roles.JOB_PLACEMENT_OFFICER]
    return {
        "home": (None, "get", reverse("portal:home"), {}),
        "search": (None, "get", reverse("jobboard:vacancy_list"), SEARCH),
        "search page 2": (None, "get", reverse("jobboard:vacancy_list"), {**SEARCH, "page": 2}),
        "vacancy detail": (None, "get", reverse("jobboard:vacancy_detail", args=[vacancy.pk]), {}),
        "complaint status": (
            None,
            "post",
            reverse("complaints:status"),
            {"reference": complaint.reference, "contact": "081234567890"},
        ),
        "admin waiting job seekers": (
            officer,
            "get",
            "/admin/jobboard/jobseeker/",
            {"status__exact": "waiting"},
        ),
        "admin vacancies": (officer, "get", "/admin/jobboard/vacancy/", {}),
    }


def count_queries(client, user, method, url, params):
    client.logout()
    if user:
        client.force_login(user)
    getattr(client, method)(url, params)  # warm: sessions, permission caches
    with CaptureQueriesContext(connection) as ctx:
        response = getattr(client, method)(url, params)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "page",
    [
        "home",
        "search",
        "search page 2",
        "vacancy detail",
        "complaint status",
        "admin waiting job seekers",
        "admin vacancies",
    ],
)
def test_page_runs_a_fixed_number_of_queries(client, data, officers, page, settings):
    settings.RATELIMIT_ENABLED = False
    # Rendered every time: what a logged-in visitor or a cache miss costs (a page from the
    # page cache runs none, tests/portal/test_pagecache.py).
    settings.PAGE_CACHE_SECONDS = 0
    data(22)  # enough for a second page of 20
    small = count_queries(client, *pages(officers)[page])
    data(60)
    large = count_queries(client, *pages(officers)[page])
    assert small > 0
    assert large == small, f"{page}: {small} queries with 25 rows, {large} with 85"
