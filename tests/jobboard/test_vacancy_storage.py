"""A vacancy's row stays whole in the table (migration 0024): its search vector is read where the
search reads the row, not fetched and decompressed from a second table for each candidate; and a
vacancy with a long description of varied words can be published (an index that held its
search vector refused it: "index row size exceeds btree maximum")."""

import datetime
import random

import pytest
from django.db import connection
from django.urls import reverse

from jobboard.models import Vacancy
from tests.jobboard.factories import make_employer, make_vacancy

pytestmark = pytest.mark.django_db

SYLLABLES = ["ba", "ka", "la", "ma", "pe", "ri", "su", "to", "ngan", "kan", "an", "ber", "me", "di"]


def description(seed, words):
    """Indonesian-looking words (affixed, so they have stems), as varied as a real description's:
    they do not compress to nothing."""
    rng = random.Random(seed)
    made = ("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(words))
    return " ".join(made)


def stored(vacancy):
    """(how the row's search vector is compressed, or None; the TOAST table's rows)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_column_compression(search) FROM jobboard_vacancy WHERE id = %s",
            [vacancy.pk],
        )
        compression = cursor.fetchone()[0]
        cursor.execute(
            "SELECT reltoastrelid::regclass::text FROM pg_class WHERE relname = 'jobboard_vacancy'"
        )
        toast = cursor.fetchone()[0]
        cursor.execute(f"SELECT count(*) FROM {toast}")
        return compression, cursor.fetchone()[0]


def test_a_vacancy_of_a_hundred_words_keeps_its_search_vector_in_its_row():
    employer = make_employer(status="active")
    vacancy = make_vacancy(employer, description=description(1, 130))
    assert stored(vacancy) == (None, 0)

    # The default threshold (2 kB) would compress or move the same row: what the migration is for.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending checks: ALTER may run
        cursor.execute("ALTER TABLE jobboard_vacancy RESET (toast_tuple_target)")
    again = make_vacancy(employer, description=description(1, 130))
    assert stored(again) != (None, 0)


def test_a_vacancy_with_a_long_description_is_published_and_found(client):
    # 330 varied words, about 2,400 characters (the form allows 5,000): its search vector is
    # larger than an index row can be, so it is searched apart from the others, and found
    # beside them with filters and without
    employer = make_employer(status="active")
    long = make_vacancy(employer, title="Penjahit garmen", description=description(2, 330))
    short = make_vacancy(employer, title="Penjahit butik", description="Menjahit kebaya.")
    assert list(
        Vacancy.objects.filter(pk__in=[long.pk, short.pk])
        .order_by("pk")
        .values_list("search_fits", flat=True)
    ) == [False, True]
    for filters in ({}, {"work_type": "full_time", "education": "S1"}):
        page = client.get(reverse("jobboard:vacancy_list"), {"q": "penjahit", **filters})
        assert {v.title for v in page.context["page"]} == {"Penjahit garmen", "Penjahit butik"}


@pytest.mark.django_db(transaction=True)
def test_vacancies_written_before_the_migration_are_kept_and_come_back_into_their_rows():
    from portal.demo import OFFICE
    from tests.migrating import latest, migrate, old_office

    before = [(app, name) for app, name in latest() if app != "jobboard"] + [
        ("jobboard", "0023_search_by_stems")
    ]
    text = description(3, 130)
    try:
        old = migrate(before)
        Office = old.get_model("portal", "Office")
        office = Office.objects.filter(slug=OFFICE["slug"]).first() or old_office(Office)
        employer = old.get_model("jobboard", "Employer").objects.create(
            user=old.get_model("portal", "User").objects.create(username="employer"),
            office=office, status="active", company_name="PT Baja", legal_form="PT",
            nib="9120001234567", npwp="012345678901000", sector="Industri",
            address="Jl. Baja 1", city="Kota Probolinggo", contact_person="Ani",
            phone="0335421000", email="e@example.com",
        )  # fmt: skip
        vacancy = old.get_model("jobboard", "Vacancy").objects.create(
            employer=employer, office=office, title="Penjahit", position="Penjahit",
            min_education="SMK", skills="menjahit", place="Kota Probolinggo",
            work_type="full_time", description=text, stems="jahit",
            closing_date=datetime.date(2027, 1, 31), status="published",
            vacancy_letter="vacancies/letters/surat.pdf",
        )  # fmt: skip
        assert stored(vacancy) != (None, 0)  # compressed or moved, as rows were before

        new = migrate(latest())
        kept = new.get_model("jobboard", "Vacancy").objects.get(pk=vacancy.pk)
        assert (kept.title, kept.description, kept.vacancy_letter.name) == (
            "Penjahit", text, "vacancies/letters/surat.pdf"
        )  # fmt: skip
        assert stored(kept) == (None, 0)
    finally:
        migrate(latest())
