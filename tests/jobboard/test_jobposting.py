"""A vacancy page as search engines and chat apps read it: JobPosting JSON-LD, Open Graph."""

import json
import re

import pytest
from django.conf import settings
from django.urls import reverse

from tests.jobboard.factories import make_vacancy

pytestmark = pytest.mark.django_db

REQUIRED = ("title", "description", "datePosted", "validThrough", "hiringOrganization")


def json_ld(html):
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(text) for text in found]


def test_a_vacancy_page_carries_a_job_posting_with_the_fields_search_engines_require(client):
    vacancy = make_vacancy(title="Juru las", place="Kota Probolinggo", work_type="contract")
    html = client.get(reverse("jobboard:vacancy_detail", args=[vacancy.pk])).text
    [posting] = json_ld(html)
    assert posting["@context"] == "https://schema.org/"
    assert posting["@type"] == "JobPosting"
    for field in REQUIRED:
        assert posting[field], field
    assert posting["title"] == "Juru las"
    assert posting["description"] == vacancy.description
    assert posting["datePosted"] == vacancy.published_at.astimezone().date().isoformat()
    assert posting["validThrough"] == f"{vacancy.closing_date.isoformat()}T23:59:59+07:00"
    assert posting["employmentType"] == "CONTRACTOR"
    assert posting["hiringOrganization"] == {
        "@type": "Organization",
        "name": vacancy.employer.company_name,
    }
    address = posting["jobLocation"]["address"]
    assert posting["jobLocation"]["@type"] == "Place"
    assert address["@type"] == "PostalAddress"
    assert address["addressLocality"] == "Kota Probolinggo"
    assert address["addressCountry"] == "ID"
    assert posting["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "IDR",
        "value": {
            "@type": "QuantitativeValue",
            "unitText": "MONTH",
            "minValue": 2_500_000,
            "maxValue": 3_000_000,
        },
    }
    assert posting["url"] == settings.SITE_URL + reverse(
        "jobboard:vacancy_detail", args=[vacancy.pk]
    )


def test_a_negotiable_salary_gives_no_base_salary(client):
    vacancy = make_vacancy(salary_min=None, salary_max=None, salary_negotiable=True)
    [posting] = json_ld(client.get(reverse("jobboard:vacancy_detail", args=[vacancy.pk])).text)
    assert "baseSalary" not in posting


def test_an_unpublished_vacancy_is_not_offered_to_search_engines(client):
    vacancy = make_vacancy(status="submitted")
    client.force_login(vacancy.employer.user)  # its employer previews it
    response = client.get(reverse("jobboard:vacancy_detail", args=[vacancy.pk]))
    assert response.status_code == 200
    assert json_ld(response.text) == []


def test_a_hostile_title_cannot_end_the_script_or_inject_markup(client):
    hostile = '</script><script>alert("x")</script><!--'
    vacancy = make_vacancy(title=hostile, description="A & B <b>tebal</b> </SCRIPT>")
    html = client.get(reverse("jobboard:vacancy_detail", args=[vacancy.pk])).text
    assert "<script>alert" not in html
    assert html.lower().count("</script>") == html.lower().count("<script")
    [posting] = json_ld(html)  # still parses, and says what the employer wrote
    assert posting["title"] == hostile
    assert posting["description"] == "A & B <b>tebal</b> </SCRIPT>"


def test_a_shared_vacancy_link_shows_title_company_and_summary(client, office):
    vacancy = make_vacancy(title="Perawat", description="Merawat pasien\n\ndi klinik 24 jam.")
    url = reverse("jobboard:vacancy_detail", args=[vacancy.pk])
    html = client.get(url).text

    def meta(attribute, name):
        match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)
        assert match, name
        return match[1]

    company = vacancy.employer.company_name
    assert meta("property", "og:title") == f"Perawat · {company}"
    assert meta("property", "og:type") == "website"
    # the vacancy list is the one job market's, not one office's: the portal names the site
    assert meta("property", "og:site_name") == "Portal Disnaker"
    assert meta("property", "og:url") == settings.SITE_URL + url
    description = meta("property", "og:description")
    assert description == f"{company} · Kota Probolinggo. Merawat pasien di klinik 24 jam."
    assert meta("name", "description") == description
