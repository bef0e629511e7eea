"""Full-text search over the stored ``search`` columns (GIN-indexed tsvectors).

PostgreSQL has no Indonesian dictionary, so the columns use the 'simple' configuration:
words are lower-cased and kept as typed. To make up for the missing stemming each typed word
also matches as a prefix ("operat" finds "operator"), all words must match, and results are
ranked with the title and position weighted above the description.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F
from django.utils import timezone

from portal.pagecache import remember
from portal.pagination import BoundedPaginator

from .models import Education

WORD = re.compile(r"[^\W_]+")


def to_query(text):
    """A prefix tsquery of every word, or None when nothing searchable was typed.

    Words are reduced to letters and digits, so nothing typed reaches tsquery syntax.
    """
    words = WORD.findall((text or "").lower())[:10]
    if not words:
        return None
    return SearchQuery(" & ".join(f"{w}:*" for w in words), search_type="raw", config="simple")


def best_matches(queryset, text, limit, newest=("-published_at", "-pk")):
    """The ids of the ``limit`` newest rows matching every word, best match first.

    Ranking reads each candidate's search vector, so it is bounded: a word that is in half of
    all vacancies ranks the newest ``limit`` of them, not tens of thousands. The list never
    shows more than that anyway (portal.pagination.BoundedPaginator). One query; the rows of
    the page shown are fetched by id afterwards.
    """
    query = to_query(text)
    matches = (
        queryset.filter(search=query)
        .order_by(*newest)
        .annotate(rank=SearchRank(F("search"), query))
        .values_list("pk", "rank")[:limit]
    )
    return [pk for pk, _rank in sorted(matches, key=lambda row: (-row[1], -row[0]))]


def bounded_page(matching, rows, words, number, *, per_page, max_pages, newest):
    """One page of a list that can grow without bound (public vacancies, findable job seekers).

    ``matching``: the filtered queryset; ``rows``: the same with what the page displays
    (related rows, annotations). With words, the best matches among the newest come first and
    only the page's rows are read; without, newest first. Never more than ``max_pages``.
    """
    if not words:
        return BoundedPaginator(rows.order_by(*newest), per_page, max_pages).get_page(number)
    best = best_matches(matching, words, per_page * max_pages + 1, newest=newest)
    page = BoundedPaginator(best, per_page, max_pages).get_page(number)
    found = {row.pk: row for row in rows.filter(pk__in=page.object_list)}
    page.object_list = [found[pk] for pk in page.object_list if pk in found]
    return page


def levels_up_to(level):
    """Education levels at or below ``level``, for "vacancies open to my education"."""
    return Education.values[: Education.rank(level) + 1]


def levels_from(level):
    """Education levels at or above ``level``, for "job seekers with at least"."""
    return Education.values[Education.rank(level) :]


FILTER_CHOICES_SECONDS = 600


def filter_choices(published):
    """The places and sectors that published vacancies have, for the search form's lists.

    Finding them means scanning every published vacancy (hundreds of milliseconds at a
    city's volume), and they change slowly, so they are kept in the shared cache for a few
    minutes: a new place shows in the list at most twenty minutes late (ten here, ten more in a
    page kept by portal.pagecache), and is searchable at once.
    """

    def scan():
        places = list(published.order_by("place").values_list("place", flat=True).distinct())
        sectors = list(
            published.order_by("employer__sector")
            .values_list("employer__sector", flat=True)
            .distinct()
        )
        return places, sectors

    key = f"jobboard:filter-choices:{timezone.localdate():%Y%m%d}"
    return remember(key, scan, FILTER_CHOICES_SECONDS)


def in_offices(vacancies, slugs):
    """The vacancies of the offices with these slugs (the search's office and province filters).

    A vacancy belongs to its employer's office through ``Vacancy.office`` (the office-records
    step of issue 15); until that field exists every vacancy is the one office's, and the
    filter leaves the list as it is.
    """
    if not any(field.name == "office" for field in vacancies.model._meta.get_fields()):
        return vacancies
    return vacancies.filter(office__slug__in=slugs)
