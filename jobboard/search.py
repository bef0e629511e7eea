"""Full-text search over the stored ``search`` columns (GIN-indexed tsvectors).

PostgreSQL has no Indonesian dictionary, so the columns use the 'simple' configuration:
words are lower-cased and kept as typed, beside the stems of the words (jobboard.stemming,
Sastrawi). Each typed word matches as a prefix ("operat" finds "operator") or by its stem
("pengelasan" finds "las"), all words must match, and results are ranked with the title and
position weighted above the description.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections
from django.db.models import F, Q
from django.utils import timezone

from portal.pagecache import remember
from portal.pagination import BoundedPaginator

from .models import Education
from .stemming import query_terms

WORD = re.compile(r"[^\W_]+")


def to_query(text):
    """A tsquery of every word (its prefix or its stem), or None when nothing searchable was typed.

    Words are reduced to letters and digits, so nothing typed reaches tsquery syntax.
    """
    words = WORD.findall((text or "").lower())[:10]
    if not words:
        return None
    return SearchQuery(" & ".join(map(query_terms, words)), search_type="raw", config="simple")


# Short joining words a person writes between skills ("las dan bubut"): as prefixes they would
# match almost anything, so the suggestions' any-word query leaves them out.
JOINING_WORDS = {"dan", "atau", "yang", "di", "ke", "dari", "untuk", "dengan", "and", "or"}


def any_word_query(text):
    """A prefix tsquery matching any one of the words of ``text`` (at most ten, two letters or
    more, joining words left out), or None: for the suggestions by skills and job wanted."""
    words = [w for w in WORD.findall((text or "").lower()) if len(w) > 1]
    words = list(dict.fromkeys(w for w in words if w not in JOINING_WORDS))[:10]
    if not words:
        return None
    return SearchQuery(" | ".join(map(query_terms, words)), search_type="raw", config="simple")


def matching(queryset, text):
    """The rows of ``queryset`` that have every word of ``text`` (all of them without words)."""
    query = to_query(text)
    return queryset if query is None else queryset.filter(search=query)


def best_matches(queryset, text, limit, newest=("-published_at", "-pk")):
    """The ids of the ``limit`` newest rows matching every word, best match first.

    Ranking reads each candidate's search vector, so it is bounded: a word that is in half of
    all vacancies ranks the newest ``limit`` of them, not tens of thousands. The list never
    shows more than that anyway (portal.pagination.BoundedPaginator). One query, which also
    orders the candidates by rank and hands back their ids as one array: a broad search (the
    stems make many, issue 19) has a thousand candidates, and reading each as a row of its own
    into Python cost more than ranking them (docs/performance.md). The rows of the page shown
    are fetched by id afterwards.

    A model may name the parts to search apart (``SEARCH_PARTS``, each by its own index): the
    vacancies whose search vector fits in an index row (a search with filters reads only the
    filters' index for them) and the few with the longest descriptions.
    """
    query = to_query(text)
    order = [name.lstrip("-") for name in newest]
    columns = list(dict.fromkeys(["pk", "rank", *order]))

    def candidates(rows):
        return (
            rows.filter(search=query)
            .order_by(*newest)
            .annotate(rank=SearchRank(F("search"), query))
            .values(*columns)[:limit]
        )

    parts = [
        candidates(queryset.filter(part)) for part in getattr(queryset.model, "SEARCH_PARTS", [Q()])
    ]
    # Django's own SQL for each part, its values passed as parameters
    compiled = [part.query.sql_with_params() for part in parts]
    union = " UNION ALL ".join(f"({sql})" for sql, _params in compiled)
    params = [value for _sql, part_params in compiled for value in part_params]
    database = connections[parts[0].db]
    newest_first = ", ".join(
        f"{database.ops.quote_name(column)}{' DESC' if name.startswith('-') else ''}"
        for column, name in zip(order, newest, strict=True)
    )
    ranked = (
        "SELECT array_agg(pk ORDER BY rank DESC, pk DESC) FROM "  # noqa: S608
        f"(SELECT pk, rank FROM ({union}) AS parts ORDER BY {newest_first} LIMIT %s) AS candidates"
    )
    with database.cursor() as cursor:
        cursor.execute(ranked, [*params, limit])
        return cursor.fetchone()[0] or []


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


# The vacancy list's filters, one per field of jobboard.forms.VacancySearchForm besides the
# words ("q"): the list and the job alerts both narrow vacancies here, so an alert finds what the
# list shows for the same search. A new filter of the form is one row here (a test checks that
# every field has one); saved searches carry it along by themselves.
VACANCY_FILTERS = {
    "education": lambda vacancies, level: vacancies.filter(min_education__in=levels_up_to(level)),
    "work_type": lambda vacancies, work_type: vacancies.filter(work_type=work_type),
    "place": lambda vacancies, place: vacancies.filter(place=place),
    "sector": lambda vacancies, sector: vacancies.filter(employer__sector=sector),
    "office": lambda vacancies, slug: in_offices(vacancies, [slug]),
    "province": lambda vacancies, province: in_offices(vacancies, offices_in_province(province)),
}


def offices_in_province(province):
    """The slugs of the offices of ``province`` (from the cached office list)."""
    from portal import offices

    return [slug for slug, _name, prov in offices.office_choices() if prov == province]


def filter_vacancies(vacancies, data):
    """``vacancies`` narrowed by the search form's cleaned ``data``, and the words to search
    (None when nothing searchable was typed)."""
    for name, value in data.items():
        if name != "q" and value not in (None, "", [], ()):
            vacancies = VACANCY_FILTERS[name](vacancies, value)
    words = data.get("q") or None
    return vacancies, (words if to_query(words) else None)


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
    from portal import offices

    # by id, not by a join to the offices' slugs: the filters' index holds the office
    return vacancies.filter(office_id__in=offices.office_ids(slugs))
