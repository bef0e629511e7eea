"""What search engines are given: a description on every public page, robots.txt and the
sitemap (home, service standards, vacancy list, every published vacancy)."""

import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import make_jobseeker
from tests.jobboard.factories import make_vacancy

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def description(html):
    match = re.search(r'<meta name="description" content="([^"]+)">', html)
    return match and match[1]


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/kota-probolinggo/",
        "/kota-probolinggo/standar-pelayanan/bkol/",
        "/loker/",
        "/kota-probolinggo/loker/",
        "/loker/daftar/pencari-kerja/",
        "/loker/daftar/perusahaan/",
        "/kota-probolinggo/pengaduan/",
        "/pengaduan/status/",
        "/akad/verifikasi/",
        "/kota-probolinggo/mutu/",
    ],
)
def test_public_pages_describe_themselves_for_search_results(client, office, standards, url):
    text = description(client.get(url).text)
    assert text and len(text) >= 50, url


def test_each_page_has_its_own_description(client, office, standards):
    urls = ("/", "/kota-probolinggo/", "/loker/", "/kota-probolinggo/pengaduan/")
    seen = {url: description(client.get(url).text) for url in urls}
    assert len(set(seen.values())) == 4, seen
    bkol = next(s for s in standards if s.service == "bkol")
    page = client.get("/kota-probolinggo/standar-pelayanan/bkol/").text
    assert description(page) == bkol.summary


def test_robots_txt_keeps_search_engines_out_of_private_pages_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    rules = [
        line.split(":", 1)[1].strip()
        for line in response.text.splitlines()
        if line.startswith("Disallow:")
    ]

    def blocked(path):
        return any(path.startswith(rule) for rule in rules)

    seeker = make_jobseeker()
    for private in (
        "/admin/",
        reverse("portal:dashboard"),
        reverse("portal:download", args=["jobboard.jobseeker", seeker.pk, "ktp_scan"]),
        reverse("jobboard:my_status"),
        reverse("jobboard:my_applications"),
        reverse("jobboard:employer_vacancies"),
        reverse("jobboard:candidate_search"),
        reverse("jobboard:ak1_pdf", args=[1]),
        reverse("akad_permits:application_list"),
        reverse("quality:dashboard"),
        reverse("quality:survey", args=["abc"]),
    ):
        assert blocked(private), private
    for public in (
        "/",
        "/loker/",
        reverse("jobboard:vacancy_detail", args=[1]),
        "/kota-probolinggo/standar-pelayanan/akad/",
    ):
        assert not blocked(public), public
    # an office's own addresses of the private pages too (portal.offices)
    assert "/*/akad/" in rules and "/*/pengaduan/status/" in rules
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in response.text


def test_sitemap_lists_home_standards_vacancy_list_and_each_published_vacancy(
    client, office, standards
):
    published = [make_vacancy() for _ in range(3)]
    hidden = [make_vacancy(status="submitted"), make_vacancy(status="returned")]
    index = ET.fromstring(client.get("/sitemap.xml").content)
    sections = [loc.text for loc in index.findall("s:sitemap/s:loc", NS)]
    assert len(sections) == 3  # pages, standards, vacancies
    locations = []
    for section in sections:
        path = urlsplit(section).path
        page = ET.fromstring(client.get(path).content)
        locations += [
            loc.text.removeprefix(settings.SITE_URL) for loc in page.findall("s:url/s:loc", NS)
        ]
    assert "/" in locations and "/loker/" in locations and "/kota-probolinggo/" in locations
    for standard in standards:
        assert f"/kota-probolinggo/standar-pelayanan/{standard.service}/" in locations
    for vacancy in published:
        assert reverse("jobboard:vacancy_detail", args=[vacancy.pk]) in locations
    for vacancy in hidden:
        assert reverse("jobboard:vacancy_detail", args=[vacancy.pk]) not in locations


def test_the_vacancy_sitemap_costs_the_same_queries_for_3_or_60_vacancies(client, office):
    def queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get("/sitemap-vacancies.xml").status_code == 200
        return len(captured)

    for _ in range(3):
        make_vacancy()
    queries()  # the first request fills the shared cache with the offices' addresses
    few = queries()
    for _ in range(57):
        make_vacancy()
    assert queries() == few
