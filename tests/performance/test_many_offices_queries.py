"""The number of SQL queries of every page the benchmark measures does not grow with the number
of offices (issue 15): the same count with the two seed offices as with 50, each of the 50 with
records of its own (the benchmark's fill, scripts/bench/fill.py, spreads its volume over 50)."""

import pytest
from django.urls import reverse

from tests.factories import make_employer, make_jobseeker
from tests.jobboard.factories import make_vacancy
from tests.performance.test_benchmark_pages_queries import SEARCH, count_queries
from tests.performance.test_benchmark_pages_queries import pages as one_office_pages

pytestmark = pytest.mark.django_db


def complaint_to(office):
    """A complaint sent to ``office`` by its web form (each office's book numbers its own)."""
    from complaints import services
    from complaints.models import Channel

    services.record_complaint(
        office=office,
        actor=None,
        channel=Channel.WEB,
        data={
            "complainant_name": "Warga",
            "complainant_phone": "081234567890",
            "text": "Lowongan palsu.",
        },
    )


def add_offices(n):
    """n more regencies and cities (scripts/bench/offices.py), each with its standards, an
    active employer, two published vacancies, a waiting job seeker and a complaint."""
    from portal import standards
    from portal.demo import load_offices
    from portal.models import Office
    from scripts.bench.offices import JAWA_TENGAH, JAWA_TIMUR, generated_values

    _first, province, _lumajang = load_offices()
    made = 0
    for code, level, name in JAWA_TIMUR + JAWA_TENGAH:
        if made == n:
            break
        if Office.objects.filter(region_code=code).exists():
            continue
        office = Office.objects.create(
            **generated_values(code, level, name, "Jawa Timur"), parent=province
        )
        standards.standards_from_template(office=office)
        employer = make_employer(status="active", office=office)
        for i in range(2):
            make_vacancy(employer, title=f"Operator mesin {name} {i}", work_type="full_time")
        make_jobseeker(status="waiting", office=office)
        complaint_to(office)
        made += 1
    assert made == n


@pytest.fixture
def two_offices(office, standards, officers):
    """The demo's two offices, each with employers, vacancies, job seekers and complaints."""
    from portal import standards as office_standards
    from portal.demo import demo_lumajang

    lumajang = demo_lumajang()
    office_standards.standards_from_template(office=lumajang)
    for place in (office, lumajang):
        employer = make_employer(status="active", office=place)
        for i in range(22):  # a second page of search results
            make_vacancy(employer, title=f"Operator mesin {i}", work_type="full_time")
        make_jobseeker(status="waiting", office=place)
        complaint_to(place)
    return office, lumajang


def pages(officers, office, lumajang):
    """The benchmark's pages of one office (tests/performance/test_benchmark_pages_queries.py:
    the search across offices, the detail, the complaint status, the admin queues), and those of
    many offices: the office list, an office's home page, the search per office and province,
    the sitemaps."""
    search_url = reverse("jobboard:vacancy_list")
    return {
        **one_office_pages(officers),
        "office list": (None, "get", "/", {}),
        "office list, searched": (None, "get", "/", {"q": "kab"}),
        "office home page": (None, "get", f"/{office.slug}/", {}),
        "search at an office's address": (None, "get", f"/{lumajang.slug}{search_url}", SEARCH),
        "search filtered by office": (None, "get", search_url, {**SEARCH, "office": lumajang.slug}),
        "search filtered by province": (
            None,
            "get",
            search_url,
            {**SEARCH, "province": "Jawa Timur"},
        ),
        "sitemap index": (None, "get", "/sitemap.xml", {}),
        "sitemap of the offices' pages": (None, "get", "/sitemap-pages.xml", {}),
        "sitemap of the offices' standards": (None, "get", "/sitemap-standards.xml", {}),
    }


PAGES = [
    "office list",
    "office list, searched",
    "office home page",
    "home",  # at the root: the office list too
    "search",  # across offices
    "search page 2",
    "search at an office's address",
    "search filtered by office",
    "search filtered by province",
    "vacancy detail",
    "complaint status",
    "admin waiting job seekers",
    "admin vacancies",
    "sitemap index",
    "sitemap of the offices' pages",
    "sitemap of the offices' standards",
]


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_as_many_queries_with_50_offices_as_with_2(
    client, two_offices, officers, page, settings
):
    from portal.models import Office

    settings.RATELIMIT_ENABLED = False
    settings.PAGE_CACHE_SECONDS = 0  # rendered every time (a logged-in visitor, a cache miss)
    office, lumajang = two_offices
    two = count_queries(client, *pages(officers, office, lumajang)[page])
    add_offices(48)
    assert Office.objects.exclude(level="provinsi").count() == 50
    fifty = count_queries(client, *pages(officers, office, lumajang)[page])
    assert two > 0
    assert fifty == two, f"{page}: {two} queries with 2 offices, {fifty} with 50"
