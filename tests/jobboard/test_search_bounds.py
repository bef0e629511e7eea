"""A search that matches more vacancies than anyone reads: bounded pages, an honest count, the
newest matches ranked (so that a very common word costs no more than a rare one)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from jobboard import search
from jobboard.models import Vacancy
from jobboard.views import public
from portal.pagination import BoundedPaginator
from tests.jobboard.factories import make_employer, make_vacancy

pytestmark = pytest.mark.django_db

LIST = reverse("jobboard:vacancy_list")


def titles(response):
    return [v.title for v in response.context["page"]]


def test_the_paginator_counts_up_to_its_last_page_and_says_there_are_more():
    pages = BoundedPaginator(list(range(7)), 2, max_pages=3)
    assert (pages.count, pages.num_pages, pages.truncated) == (6, 3, True)
    assert list(pages.get_page(99)) == [4, 5]  # past the last page: the last page

    exact = BoundedPaginator(list(range(6)), 2, max_pages=3)
    assert (exact.count, exact.truncated) == (6, False)


def test_the_paginator_counts_a_queryset_without_reading_past_the_limit(
    django_assert_num_queries,
):
    employer = make_employer(status="active")
    for i in range(5):
        make_vacancy(employer, title=f"Lowongan {i}")
    pages = BoundedPaginator(Vacancy.objects.order_by("pk"), 2, max_pages=2)
    with django_assert_num_queries(1):
        assert (pages.count, pages.truncated) == (4, True)


def test_a_search_with_more_matches_than_pages_asks_for_another_word(client, monkeypatch):
    monkeypatch.setattr(public, "PAGE_SIZE", 2)
    monkeypatch.setattr(public, "MAX_PAGES", 2)
    employer = make_employer(status="active")
    for i in range(5):
        make_vacancy(employer, title=f"Operator mesin {i}")

    page = client.get(LIST, {"q": "operator"}).content.decode()
    assert "Lebih dari 4 lowongan dibuka: tambahkan kata atau saringan" in page
    assert "Halaman 1 dari 2" in page
    assert len(titles(client.get(LIST, {"q": "operator", "page": 9}))) == 2  # the last page

    few = client.get(LIST, {"q": "operator 4"}).content.decode()
    assert "1 lowongan dibuka" in few and "Lebih dari" not in few


def test_the_newest_matches_are_ranked_best_first():
    employer = make_employer(status="active")
    now = timezone.now()

    def vacancy(title, description, days_ago):
        made = make_vacancy(employer, title=title, description=description)
        Vacancy.objects.filter(pk=made.pk).update(
            published_at=now - datetime.timedelta(days=days_ago)
        )
        return made.pk

    old_title_match = vacancy("Koki dapur", "Memasak.", days_ago=30)
    description_match = vacancy("Juru masak", "Bekerja di dapur hotel.", days_ago=2)
    title_match = vacancy("Kepala dapur", "Memimpin koki.", days_ago=1)
    vacancy("Kasir", "Melayani pembeli.", days_ago=0)
    published = Vacancy.objects.published()

    # All matches: a word in the title ranks above the same word in the description.
    ranked = search.best_matches(published, "dapur", limit=10)
    assert ranked.index(title_match) < ranked.index(description_match)
    assert ranked.index(old_title_match) < ranked.index(description_match)
    assert set(ranked) == {title_match, old_title_match, description_match}
    # Bounded: only the two newest matches are ranked; the older title match is left out.
    assert search.best_matches(published, "dapur", limit=2) == [title_match, description_match]
