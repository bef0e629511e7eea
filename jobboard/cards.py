"""The vacancy list's cards as HTML, built in Python rather than by the template's loop.

A card shows the same to every visitor (title, employer, place, type of work, education, salary,
closing date), except the "Applied" badge of a logged-in job seeker. Twenty cards cost 0.65 ms
built here. Keeping each card in the
shared cache by its content was tried and taken out again: 0.34 ms for a page whose cards
were all kept, 1.74 ms for one whose cards were new (hashing, one read, one write of twenty),
and most of a search's pages show cards no one asked for a moment ago (docs/performance.md).
"""

from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from portal.dates import tanggal

from .models import WorkType

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


def _card(vacancy, work_types, at_least, closes, applied):
    """One card's HTML; ``applied``: the "Applied" badge, or nothing."""
    facts = " · ".join(
        [
            work_types[vacancy.work_type],
            f"{at_least} {vacancy.min_education}",
            vacancy.salary_text(),
            f"{closes} {tanggal(vacancy.closing_date)}",
        ]
    )
    return format_html(
        '<article class="card mb-2 vacancy-card">\n  <div class="card-body">\n'
        '    <h2 class="h5 card-title mb-1"><a href="{}">{}</a>{}</h2>\n'
        '    <p class="mb-1">{} · {}</p>\n'
        '    <p class="mb-0 small text-body-secondary">{}</p>\n  </div>\n</article>',
        reverse("jobboard:vacancy_detail", args=[vacancy.pk]),
        vacancy.title,
        applied,
        vacancy.employer.company_name,
        vacancy.place,
        facts,
    )


def cards(vacancies):
    """The HTML of each vacancy's card, in order (the vacancies read with ``FIELDS``; an
    ``applied`` attribute, when true, adds the badge)."""
    work_types = {value: str(label) for value, label in WorkType.choices}
    labels = (work_types, _("at least"), _("closes"))  # translated once per page
    badge = format_html(' <span class="badge text-bg-info">{}</span>', _("Applied"))
    return [
        _card(vacancy, *labels, badge if getattr(vacancy, "applied", False) else "")
        for vacancy in vacancies
    ]


def candidate_cards(seekers):
    """The HTML of each job seeker's card in the employer's job-seeker search, in order: what
    ``jobboard/_jobseeker_profile.html`` shows without its contact lines (an employer sees the
    telephone and e-mail on the job seeker's own page), built here for the same reason as the
    vacancies' cards. A ``saved`` attribute, when true, adds the badge."""
    labels = {
        "education": _("Education"),
        "job": _("Job wanted"),
        "skills": _("Skills"),
        "lives": _("Lives in"),
        "age": _("Age"),
    }
    badge = format_html(' <span class="badge text-bg-info">{}</span>', _("Saved"))
    return [_candidate_card(seeker, labels, badge) for seeker in seekers]


def _candidate_card(seeker, labels, badge):
    major = f", {seeker.education_major}" if seeker.education_major else ""
    skills = (
        format_html(
            '\n  <dt class="col-sm-4">{}</dt><dd class="col-sm-8">{}</dd>',
            labels["skills"],
            linebreaksbr(seeker.skills, autoescape=True),
        )
        if seeker.skills
        else ""
    )
    return format_html(
        '<article class="card mb-2 candidate"><div class="card-body">\n'
        '  <h2 class="h6"><a href="{}">{}</a>{}</h2>\n'
        '<dl class="row mb-0 small">\n'
        '  <dt class="col-sm-4">{}</dt><dd class="col-sm-8">{}{} — {} ({})</dd>\n'
        '  <dt class="col-sm-4">{}</dt><dd class="col-sm-8">{}</dd>{}\n'
        '  <dt class="col-sm-4">{}</dt><dd class="col-sm-8">{}, {}</dd>\n'
        '  <dt class="col-sm-4">{}</dt><dd class="col-sm-8">{}</dd>\n'
        "</dl>\n</div></article>",
        reverse("jobboard:candidate_detail", args=[seeker.pk]),
        seeker.full_name,
        badge if getattr(seeker, "saved", False) else "",
        labels["education"],
        seeker.get_education_level_display(),
        major,
        seeker.education_institution,
        seeker.graduation_year,
        labels["job"],
        seeker.desired_job,
        skills,
        labels["lives"],
        seeker.kecamatan,
        seeker.city,
        labels["age"],
        seeker.age,
    )
