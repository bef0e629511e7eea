"""The stems migration (jobboard 0023) keeps every vacancy and job seeker and makes the ones
already there findable by their stems: a vacancy for "pengelasan" written before it is found
by "las" after it, a job seeker who can "memasak" by "masak"."""

import datetime

import pytest
from django.db import connection

from jobboard.stemming import query_terms
from portal.demo import OFFICE
from tests.migrating import latest, migrate, old_office


def before():
    """Every app at its latest migration but the job market, just before the stems."""
    return [(app, name) for app, name in latest() if app != "jobboard"] + [
        ("jobboard", "0022_province_reader")
    ]


def matches(model, word):
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {model._meta.db_table} WHERE search @@ to_tsquery('simple', %s)",
            [query_terms(word)],
        )
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.django_db(transaction=True)
def test_rows_written_before_the_stems_are_kept_and_found_by_them():
    try:
        old = migrate(before())
        Office = old.get_model("portal", "Office")
        office = Office.objects.filter(slug=OFFICE["slug"]).first() or old_office(Office)
        User = old.get_model("portal", "User")
        employer = old.get_model("jobboard", "Employer").objects.create(
            user=User.objects.create(username="employer"), office=office, status="active",
            company_name="PT Baja", legal_form="PT", nib="9120001234567",
            npwp="012345678901000", sector="Industri", address="Jl. Baja 1",
            city="Kota Probolinggo", contact_person="Ani", phone="0335421000",
            email="e@example.com",
        )  # fmt: skip
        vacancy = old.get_model("jobboard", "Vacancy").objects.create(
            employer=employer, office=office, title="Teknisi Pengelasan", position="Teknisi",
            min_education="SMK", skills="pengelasan baja", place="Kota Probolinggo",
            work_type="full_time", description="Pekerjaan konstruksi.",
            closing_date=datetime.date(2027, 1, 31), status="published",
            vacancy_letter="vacancies/letters/surat.pdf",
        )  # fmt: skip
        seeker = old.get_model("jobboard", "JobSeeker").objects.create(
            user=User.objects.create(username="seeker"), office=office, status="active",
            nik="3574010101950001", full_name="Pencari Satu", birth_place="Probolinggo",
            birth_date=datetime.date(1995, 1, 1), sex="L", marital_status="kawin",
            religion="islam", address="Jl. Mawar 1", kelurahan="Kanigaran",
            kecamatan="Kanigaran", city="Kota Probolinggo", phone="081234567890",
            email="s@example.com", education_level="SMK", education_institution="SMKN 1",
            graduation_year=2017, desired_job="Koki", skills="memasak",
        )  # fmt: skip
        assert vacancy.pk not in matches(vacancy, "las")
        assert seeker.pk not in matches(seeker, "masak")

        new = migrate(latest())
        Vacancy = new.get_model("jobboard", "Vacancy")
        JobSeeker = new.get_model("jobboard", "JobSeeker")
        kept = Vacancy.objects.get(pk=vacancy.pk)
        assert (kept.title, kept.skills, kept.vacancy_letter.name) == (
            "Teknisi Pengelasan", "pengelasan baja", "vacancies/letters/surat.pdf"
        )  # fmt: skip
        assert "las" in kept.stems.split()
        assert vacancy.pk in matches(Vacancy, "las")
        assert JobSeeker.objects.get(pk=seeker.pk).full_name == "Pencari Satu"
        assert seeker.pk in matches(JobSeeker, "masak")
    finally:
        migrate(latest())
