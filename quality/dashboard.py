"""The heads' dashboard: every figure is an aggregate PostgreSQL computes.

Each figure function (in quality/figures/) runs one query, whatever the number of rows, and
returns a ``Table``: the page shows it, draws some as charts, and offers each as CSV. ``now``
is part of the Period so a test can fix the clock.
"""

from django.utils.translation import gettext_lazy as _

from .figures.base import Period, Table
from .figures.complaints import (
    complaints_answered,
    complaints_by_channel,
    complaints_by_step,
    late_complaints,
)
from .figures.jobs import decision_steps, registrations, vacancies
from .figures.permits import late_permits, permit_steps, permits_completed
from .figures.survey import ikm_note, survey_by_service, survey_rows, survey_tables

__all__ = [
    "TABLE_BUILDERS",
    "Period",
    "Table",
    "build",
    "complaints_answered",
    "complaints_by_channel",
    "complaints_by_step",
    "decision_steps",
    "ikm_note",
    "late_complaints",
    "late_permits",
    "permit_steps",
    "permits_completed",
    "registrations",
    "survey_by_service",
    "survey_rows",
    "survey_tables",
    "vacancies",
]

SECTIONS = (
    (_("Online job exchange (Bursa Kerja On Line)"), (registrations, vacancies)),
    (
        _("Complaints"),
        (complaints_by_channel, complaints_answered, complaints_by_step, late_complaints),
    ),
    (_("AKAD permits"), (permit_steps, permits_completed, late_permits)),
)


def build(period):
    """Every section's tables, in page order: a fixed number of queries."""
    sections = [(title, [f(period) for f in builders]) for title, builders in SECTIONS]
    sections.append((_("Satisfaction survey (SKM)"), list(survey_tables(period))))
    return sections


TABLE_BUILDERS = {
    "registrations": registrations,
    "vacancies": vacancies,
    "complaints_channels": complaints_by_channel,
    "complaints_answered": complaints_answered,
    "complaints_steps": complaints_by_step,
    "complaints_late": late_complaints,
    "permit_steps": permit_steps,
    "permits_completed": permits_completed,
    "permits_late": late_permits,
    "survey_elements": lambda period: survey_tables(period)[0],
    "survey_index": lambda period: survey_tables(period)[1],
}
