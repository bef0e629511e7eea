"""The figures of the labour-market report: three aggregate queries, and the tables a person
reads (each figure with the link of the records behind it)."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..models import Education, JobSeeker, Placement, Sex, Vacancy
from .records import (
    AGE_BANDS,
    OPENINGS,
    REGIONS,
    SEEKER_STATE_LABELS,
    STATES,
    VACANCY_STATE_LABELS,
    in_report,
    month_span,
    placements_with_region,
    seekers_with_dates,
    state_q,
    vacancies_with_dates,
)

# --- the figures -----------------------------------------------------------------------------


def _state_counts(month, measure):
    """Count (or Sum) of ``measure`` per state, each filtered by the state's condition."""
    return {state: measure(state_q(state, month)) for state in STATES}


def _count(condition):
    return Count("pk", filter=condition)


@dataclass
class Figures:
    """The raw grouped counts of a month, per office, from the three queries."""

    month: datetime.date
    seekers: list = field(default_factory=list)  # (office, education, sex, band, {state: n})
    vacancies: list = field(default_factory=list)  # (office, education, {sex: {state: n}})
    placements: list = field(default_factory=list)  # (office, sector, sex, region, n)


def compute(month, offices):
    """The figures of ``month`` for the offices ``offices`` (ids): three queries."""
    month = month.replace(day=1)
    s, e = month_span(month)
    result = Figures(month=month)
    seekers = (
        seekers_with_dates(JobSeeker.objects.filter(office__in=offices))
        .filter(in_report(month))
        .values("office", "education_level", "sex", "ipk_band")
        .annotate(**_state_counts(month, _count))
        .order_by()
    )
    for row in seekers:
        result.seekers.append(
            (
                row["office"],
                row["education_level"],
                row["sex"],
                row["ipk_band"],
                {s_: row[s_] for s_ in STATES},
            )
        )
    sums = {
        f"{sex}__{state}": Sum(field_, filter=state_q(state, month), default=0)
        for sex, field_ in OPENINGS
        for state in STATES
    }
    vacancies = (
        vacancies_with_dates(Vacancy.objects.filter(office__in=offices))
        .filter(in_report(month))
        .values("office", "min_education")
        .annotate(**sums)
        .order_by()
    )
    for row in vacancies:
        result.vacancies.append(
            (
                row["office"],
                row["min_education"],
                {sex: {st: row[f"{sex}__{st}"] for st in STATES} for sex, _f in OPENINGS},
            )
        )
    placements = (
        placements_with_region(
            Placement.objects.filter(office__in=offices, placed_on__gte=s, placed_on__lt=e)
        )
        .values("office", "employer__sector", "jobseeker__sex", "ipk_region")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in placements:
        result.placements.append(
            (
                row["office"],
                row["employer__sector"],
                row["jobseeker__sex"],
                row["ipk_region"],
                row["n"],
            )
        )
    return result


# --- the tables a person reads ---------------------------------------------------------------


@dataclass
class Cell:
    value: int
    url: str = ""


@dataclass
class Row:
    label: str
    cells: list
    total: bool = False


@dataclass
class Table:
    key: str
    title: str
    group_label: str
    headers: list  # [(group header, [sub headers])]
    rows: list

    def flat_headers(self):
        return [f"{group} · {sub}" for group, subs in self.headers for sub in subs]


SEX_HEADERS = [pgettext_lazy("sex", "M"), pgettext_lazy("sex", "F"), _("Total")]
OPENING_HEADERS = [
    pgettext_lazy("sex", "M"),
    pgettext_lazy("sex", "F"),
    pgettext_lazy("sex", "M/F"),
    _("Total"),
]


def _admin_url(model, params):
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"
    query = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{reverse(name)}?{urlencode(query)}"


class Report:
    """The report of ``month`` over ``offices`` (a list of ids, summed); its tables."""

    def __init__(self, figures, offices):
        self.figures = figures
        self.month = figures.month
        self.offices = list(offices)
        self._office_param = ",".join(str(o) for o in self.offices)

    def _base(self, **params):
        return {"ipk_bulan": f"{self.month:%Y-%m}", "ipk_kantor": self._office_param, **params}

    def seeker_url(self, state, **params):
        return _admin_url(JobSeeker, self._base(ipk=f"pencaker-{state}", queue="all", **params))

    def vacancy_url(self, state, **params):
        return _admin_url(Vacancy, self._base(ipk=f"lowongan-{state}", queue="all", **params))

    def placement_url(self, **params):
        return _admin_url(Placement, self._base(ipk="penempatan", **params))

    # the sums over the chosen offices

    def _seekers(self, key):
        """{group: {sex: {state: n}}} grouped by ``key`` (education or band)."""
        out = defaultdict(lambda: defaultdict(lambda: dict.fromkeys(STATES, 0)))
        for office, education, sex, band, counts in self.figures.seekers:
            if office not in self.offices:
                continue
            group = education if key == "education" else band
            for state, n in counts.items():
                out[group][sex][state] += n
        return out

    def seeker_table(self, key):
        grouped = self._seekers(key)
        if key == "education":
            groups = [(e.value, e.label) for e in Education]
            param = "ipk_pendidikan"
            title = _("Job seekers by education level and sex")
            group_label = _("Education level")
        else:
            groups = [(label, label) for label, _lo, _hi in AGE_BANDS]
            param = "ipk_umur"
            title = _("Job seekers by age group and sex")
            group_label = _("Age group (years)")
        rows = []
        for value, label in [*groups, (None, _("Total"))]:
            cells = []
            for state in STATES:
                for sex in (Sex.MALE, Sex.FEMALE, None):
                    n = sum(
                        grouped[g][s][state]
                        for g in ([value] if value else grouped)
                        for s in ([sex] if sex else grouped[g])
                    )
                    cells.append(Cell(n, self.seeker_url(state, **{param: value, "ipk_jk": sex})))
            rows.append(Row(str(label), cells, total=value is None))
        headers = [(SEEKER_STATE_LABELS[s], SEX_HEADERS) for s in STATES]
        name = "pencaker_pendidikan" if key == "education" else "pencaker_umur"
        return Table(name, title, group_label, headers, rows)

    def vacancy_table(self):
        grouped = defaultdict(lambda: defaultdict(lambda: dict.fromkeys(STATES, 0)))
        for office, education, by_sex in self.figures.vacancies:
            if office in self.offices:
                for sex, counts in by_sex.items():
                    for state, n in counts.items():
                        grouped[education][sex][state] += n
        rows = []
        sexes = [sex for sex, _f in OPENINGS]
        for value, label in [*((e.value, e.label) for e in Education), (None, _("Total"))]:
            cells = []
            for state in STATES:
                for sex in [*sexes, None]:
                    n = sum(
                        grouped[g][s][state]
                        for g in ([value] if value else grouped)
                        for s in ([sex] if sex else sexes)
                    )
                    url = self.vacancy_url(state, ipk_pendidikan=value, ipk_jk=sex)
                    cells.append(Cell(n, url))
            rows.append(Row(str(label), cells, total=value is None))
        headers = [(VACANCY_STATE_LABELS[s], OPENING_HEADERS) for s in STATES]
        return Table(
            "lowongan",
            _("Vacancies (openings) by minimum education and sex"),
            _("Education level"),
            headers,
            rows,
        )

    def _placements(self, key):
        grouped = defaultdict(lambda: defaultdict(int))
        for office, sector, sex, region, n in self.figures.placements:
            if office in self.offices:
                grouped[sector if key == "sector" else region][sex] += n
        return grouped

    def placement_table(self, key):
        grouped = self._placements(key)
        if key == "sector":
            groups = [(s, s) for s in sorted(grouped)]
            param, title, group_label = (
                "ipk_sektor",
                _("Placements by business sector and sex"),
                _("Business sector"),
            )
        else:
            groups = list(REGIONS)
            param, title, group_label = (
                "ipk_wilayah",
                _("Placements by region of placement and sex"),
                _("Region of placement"),
            )
        rows = []
        for value, label in [*groups, (None, _("Total"))]:
            cells = []
            for sex in (Sex.MALE, Sex.FEMALE, None):
                n = sum(
                    grouped[g][s]
                    for g in ([value] if value else grouped)
                    for s in ([sex] if sex else grouped[g])
                )
                cells.append(Cell(n, self.placement_url(**{param: value, "ipk_jk": sex})))
            rows.append(Row(str(label), cells, total=value is None))
        return Table(
            "penempatan_sektor" if key == "sector" else "penempatan_wilayah",
            title,
            group_label,
            [(_("Placed this month"), SEX_HEADERS)],
            rows,
        )

    def tables(self):
        return [
            self.seeker_table("education"),
            self.seeker_table("age"),
            self.vacancy_table(),
            self.placement_table("sector"),
            self.placement_table("region"),
        ]

    def totals(self):
        """(job seekers {state: n}, openings {state: n}, placements n) over the offices."""
        seekers = dict.fromkeys(STATES, 0)
        for office, _e, _s, _b, counts in self.figures.seekers:
            if office in self.offices:
                for state, n in counts.items():
                    seekers[state] += n
        openings = dict.fromkeys(STATES, 0)
        for office, _e, by_sex in self.figures.vacancies:
            if office in self.offices:
                for counts in by_sex.values():
                    for state, n in counts.items():
                        openings[state] += n
        placed = sum(n for office, *_rest, n in self.figures.placements if office in self.offices)
        return seekers, openings, placed
