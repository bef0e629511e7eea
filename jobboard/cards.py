"""The vacancy list's cards, each rendered once and kept in the shared cache by its own content.

A card shows the same to every visitor (title, employer, place, type of work, education, salary,
closing date), so its HTML is kept under a key made of exactly what it shows, as the list's
query read it, and the language: one round trip fetches a page's twenty cards, and a card whose
vacancy or employer changed has another key and is rendered again, however the change was made
(through the portal, an officer's admin, a replica catching up). What differs per visitor, the
"Applied" badge of a logged-in job seeker, is put in between the two kept halves; the rest of
the page (form, counts, pagination) is rendered as before.

A cache that cannot be reached is logged and worked around: the cards are rendered.
"""

import hashlib
import logging

from django.core.cache import cache
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal.dates import tanggal

from .models import WorkType

# A change to the card's markup or wording changes this, so no card of the old form is served.
FORMAT = 1
KEPT_SECONDS = 24 * 3600
# What a card reads of its vacancy: the description and the search vector stay in the database.
FIELDS = (
    "title",
    "place",
    "work_type",
    "min_education",
    "salary_min",
    "salary_max",
    "salary_negotiable",
    "closing_date",
    "employer__company_name",
)
logger = logging.getLogger(__name__)


def _key(vacancy, language):
    shown = [vacancy.pk, *(getattr(vacancy, name) for name in FIELDS[:-1])]
    shown.append(vacancy.employer.company_name)
    digest = hashlib.blake2b(repr(shown).encode(), digest_size=16).hexdigest()
    return f"jobboard:card:{FORMAT}:{language}:{digest}"


def _halves(vacancy, work_types, at_least, closes):
    """The card's HTML before and after the place of the "Applied" badge."""
    facts = " · ".join(
        [
            work_types[vacancy.work_type],
            f"{at_least} {vacancy.min_education}",
            vacancy.salary_text(),
            f"{closes} {tanggal(vacancy.closing_date)}",
        ]
    )
    head = format_html(
        '<article class="card mb-2 vacancy-card">\n  <div class="card-body">\n'
        '    <h2 class="h5 card-title mb-1"><a href="{}">{}</a>',
        reverse("jobboard:vacancy_detail", args=[vacancy.pk]),
        vacancy.title,
    )
    tail = format_html(
        '</h2>\n    <p class="mb-1">{} · {}</p>\n'
        '    <p class="mb-0 small text-body-secondary">{}</p>\n  </div>\n</article>',
        vacancy.employer.company_name,
        vacancy.place,
        facts,
    )
    return str(head), str(tail)


def cards(vacancies):
    """The HTML of each vacancy's card, in order (the vacancies read with ``FIELDS``; an
    ``applied`` attribute, when true, adds the badge)."""
    vacancies = list(vacancies)
    language = get_language()
    keys = [_key(vacancy, language) for vacancy in vacancies]
    try:
        kept = cache.get_many(keys)
    except Exception:
        logger.exception("shared cache: could not be read")
        kept = {}
    labels, fresh, html = None, {}, []
    badge = format_html(' <span class="badge text-bg-info">{}</span>', _("Applied"))
    for vacancy, key in zip(vacancies, keys, strict=True):
        halves = kept.get(key)
        if not (isinstance(halves, tuple) and len(halves) == 2):
            if labels is None:  # translated once per page, and only when a card is rendered
                labels = (dict(WorkType.choices), _("at least"), _("closes"))
                labels = ({k: str(v) for k, v in labels[0].items()}, *labels[1:])
            halves = fresh[key] = _halves(vacancy, *labels)
        head, tail = halves
        applied = badge if getattr(vacancy, "applied", False) else ""
        html.append(mark_safe(f"{head}{applied}{tail}"))  # noqa: S308 - escaped by format_html
    if fresh:
        try:
            cache.set_many(fresh, KEPT_SECONDS)
        except Exception:
            logger.exception("shared cache: could not be written")
    return html
