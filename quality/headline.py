"""The month's headline on top of the dashboard: what is late, the median times against each
standard, and the IKM, read from the tables the page already computed (no query of its own,
so the page's query count stays fixed)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from . import targets


@dataclass
class Late:
    label: str
    count: int
    anchor: str  # the id of the table that lists or counts them


@dataclass
class Against:
    """A median time beside the standard it is held to, in the standard's unit."""

    label: str
    median: float | None
    standard: int
    unit: str
    taken: int
    anchor: str

    @property
    def over(self):
        """True past the standard, False within it, None when nothing was measured."""
        return None if self.median is None else self.median > self.standard


@dataclass
class Index:
    label: str
    value: object  # Decimal IKM 25-100, or None without answers
    grade: str | None
    respondents: int
    anchor: str


@dataclass
class Headline:
    late: list
    times: list
    ikm: list


def headline(tables):
    """The chosen month's headline from the dashboard's tables (``{key: Table}``): each
    twelve-month table's last row is that month."""
    registrations = tables["registrations"].rows[-1]
    decided = tables["permits_completed"].rows[-1]
    answered = tables["complaints_answered"].rows[-1]
    minutes, days = _("working minutes"), _("working days")
    late = [
        Late(_("AKAD permits"), tables["permits_late"].total, "table-permits_late"),
        Late(_("Complaints"), tables["complaints_late"].total, "table-complaints_late"),
        Late(
            _("Activations over %(n)s minutes") % {"n": targets.ACTIVATION_MINUTES},
            registrations[8],
            "table-registrations",
        ),
    ]
    times = [
        Against(
            _("Checking and activation of a registration"),
            registrations[6],
            targets.ACTIVATION_MINUTES,
            minutes,
            registrations[5],
            "table-registrations",
        ),
        *[
            Against(
                _("AKAD permit: %(step)s") % {"step": row[0]},
                row[3],
                row[1],
                minutes,
                row[2],
                "table-permit_steps",
            )
            for row in tables["permit_steps"].rows
        ],
        Against(
            _("AKAD permit, the whole procedure"),
            decided[3],
            targets.PERMIT_TOTAL_MINUTES,
            minutes,
            decided[1] + decided[2],
            "table-permits_completed",
        ),
        Against(
            _("Written answer to a complaint"),
            answered[2],
            targets.COMPLAINT_ANSWER_WORKING_DAYS,
            days,
            answered[1],
            "table-complaints_answered",
        ),
    ]
    ikm = [
        Index(row[0], row[-2], row[-1], row[1], "table-survey_elements")
        for row in tables["survey_elements"].rows
    ]
    return Headline(late=late, times=times, ikm=ikm)
