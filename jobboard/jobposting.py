"""A vacancy as search engines read it: schema.org ``JobPosting`` (the fields Google's job
search requires, https://developers.google.com/search/docs/appearance/structured-data/job-posting)
and the Open Graph text of a link shared on WhatsApp."""

import datetime

from django.utils import timezone
from django.utils.text import Truncator

from .models import WorkType

EMPLOYMENT_TYPES = {
    WorkType.FULL_TIME: "FULL_TIME",
    WorkType.PART_TIME: "PART_TIME",
    WorkType.CONTRACT: "CONTRACTOR",
    WorkType.INTERNSHIP: "INTERN",
    WorkType.DAILY: "PER_DIEM",
}


def summary(vacancy, length=160):
    """One line for a search result or a link preview: company, place, then the description."""
    text = f"{vacancy.employer.company_name} · {vacancy.place}. {' '.join(vacancy.description.split())}"
    return Truncator(text).chars(length)


def job_posting(vacancy, url):
    """The ``JobPosting`` object of one published vacancy (plain data; escaped by ``json_ld``)."""
    posted = timezone.localtime(vacancy.published_at or vacancy.created_at).date()
    # Open through the closing date, to its last second in the office's time zone.
    valid_through = timezone.make_aware(
        datetime.datetime.combine(vacancy.closing_date, datetime.time(23, 59, 59))
    )
    data = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": vacancy.title,
        "description": vacancy.description,
        "datePosted": posted.isoformat(),
        "validThrough": valid_through.isoformat(),
        "employmentType": EMPLOYMENT_TYPES.get(vacancy.work_type, "OTHER"),
        "hiringOrganization": {"@type": "Organization", "name": vacancy.employer.company_name},
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": vacancy.place,
                "addressCountry": "ID",
            },
        },
        "url": url,
    }
    if vacancy.openings:
        data["totalJobOpenings"] = vacancy.openings
    if vacancy.salary_min or vacancy.salary_max:
        value = {"@type": "QuantitativeValue", "unitText": "MONTH"}
        if vacancy.salary_min:
            value["minValue"] = vacancy.salary_min
        if vacancy.salary_max:
            value["maxValue"] = vacancy.salary_max
        data["baseSalary"] = {"@type": "MonetaryAmount", "currency": "IDR", "value": value}
    return data
