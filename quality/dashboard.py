"""The heads' dashboard: every figure is an aggregate PostgreSQL computes.

Each function runs one query (whatever the number of rows) and returns a ``Table``: the page
shows it, draws some as charts, and offers each as CSV. ``now`` is passed in so a test can
fix the clock.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    Avg,
    Case,
    Count,
    DateTimeField,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from akad_permits.models import STATE_ACTION, PermitApplication, PermitStep
from akad_permits.models import Status as PermitStatus
from akad_permits.services import ACTION_LABELS
from complaints.models import Channel, Complaint
from complaints.models import Status as ComplaintStatus
from jobboard.models import Employer, JobSeeker, Placement, RegistrationStep, Vacancy, VacancyStep

from . import skm, targets
from .models import Service, SurveyResponse
from .stats import (
    P90,
    Median,
    WorkingMinutes,
    add_months,
    as_month,
    last_twelve,
    month_bounds,
    month_of,
)


@dataclass
class Table:
    key: str
    title: str
    columns: list
    rows: list = field(default_factory=list)
    note: str = ""
    cut: bool = False  # a late list longer than targets.LATE_LIST_LIMIT, shown in part


@dataclass
class Period:
    month: datetime.date  # first day of the chosen month
    now: datetime.datetime

    @property
    def months(self):
        return last_twelve(self.month)

    @property
    def start(self):
        return month_bounds(self.months[0])[0]

    @property
    def month_start(self):
        return month_bounds(self.month)[0]

    @property
    def end(self):
        return month_bounds(self.month)[1]

    @property
    def is_current(self):
        return self.month_start <= self.now < self.end

    def label(self, month):
        return formats.date_format(month, "YEAR_MONTH_FORMAT")


def _round(value, digits=1):
    return None if value is None else round(float(value), digits)


def _by_month(rows, key="m"):
    return {as_month(row.pop(key)): row for row in rows}


# --- Bursa Kerja On Line -------------------------------------------------------------------


def registrations(period):
    """Registrations, activations and the time from (re)submission to the officer's decision.

    Three queries: job seekers and employers registered per month, and one over the decision
    steps (activate or reject) with the working minutes since the registration was sent.
    """
    months = period.months
    in_range = {"created_at__gte": period.start, "created_at__lt": period.end}
    seekers = _by_month(
        JobSeeker.objects.filter(**in_range)
        .annotate(m=month_of("created_at"))
        .values("m")
        .annotate(n=Count("pk"))
        .order_by()
    )
    employers = _by_month(
        Employer.objects.filter(**in_range)
        .annotate(m=month_of("created_at"))
        .values("m")
        .annotate(n=Count("pk"))
        .order_by()
    )
    decisions = _by_month(
        decision_steps(period.start, period.end)
        .annotate(m=month_of("created_at"))
        .values("m")
        .annotate(
            seekers=Count("pk", filter=Q(to_status="active", jobseeker__isnull=False)),
            employers=Count("pk", filter=Q(to_status="active", employer__isnull=False)),
            decided=Count("pk"),
            median=Median("minutes"),
            p90=P90("minutes"),
            late=Count("pk", filter=Q(minutes__gt=targets.ACTIVATION_MINUTES)),
        )
        .order_by()
    )
    rows = []
    for month in months:
        d = decisions.get(month, {})
        rows.append(
            [
                period.label(month),
                seekers.get(month, {}).get("n", 0),
                employers.get(month, {}).get("n", 0),
                d.get("seekers", 0),
                d.get("employers", 0),
                d.get("decided", 0),
                _round(d.get("median")),
                _round(d.get("p90")),
                d.get("late", 0),
            ]
        )
    return Table(
        "registrations",
        _("Registrations and activations"),
        [
            _("Month"),
            _("Job seekers registered"),
            _("Employers registered"),
            _("Job seekers activated"),
            _("Employers activated"),
            _("Decisions (activated or rejected)"),
            _("Median minutes to decision"),
            _("90th percentile, minutes"),
            _("Decisions over %(n)s minutes") % {"n": targets.ACTIVATION_MINUTES},
        ],
        rows,
        note=_(
            "Standard: checking and activation within %(n)s minutes. Time is counted in "
            "working minutes (Monday-Friday 08:00-16:00 WIB) from the moment the registration "
            "was sent (or sent again after a correction) to the officer's decision."
        )
        % {"n": targets.ACTIVATION_MINUTES},
    )


def decision_steps(start, end):
    """Officers' decisions on registrations in [start, end), with ``minutes``: the working
    minutes from the moment the registration was sent (its last resubmission before the
    decision, or the registration itself) to the decision."""
    resubmitted = (
        RegistrationStep.objects.filter(to_status="waiting", created_at__lte=OuterRef("created_at"))
        .filter(
            Q(jobseeker_id=OuterRef("jobseeker_id"), jobseeker_id__isnull=False)
            | Q(employer_id=OuterRef("employer_id"), employer_id__isnull=False)
        )
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    return RegistrationStep.objects.filter(
        from_status="waiting",
        to_status__in=("active", "rejected"),
        created_at__gte=start,
        created_at__lt=end,
    ).annotate(
        sent=Coalesce(
            Subquery(resubmitted),
            F("jobseeker__created_at"),
            F("employer__created_at"),
            output_field=DateTimeField(),
        ),
        minutes=WorkingMinutes(F("sent"), F("created_at")),
    )


def vacancies(period):
    """Vacancies published per month, open at each month's end (or now), and placements."""
    aggregates = {}
    for i, month in enumerate(period.months):
        start, end = month_bounds(month)
        at = min(end, period.now)
        closed_before = VacancyStep.objects.filter(
            vacancy=OuterRef("pk"), to_status="closed", created_at__lt=at
        )
        aggregates[f"published_{i}"] = Count(
            "pk", filter=Q(published_at__gte=start, published_at__lt=end)
        )
        aggregates[f"open_{i}"] = Count(
            "pk",
            filter=Q(published_at__lt=at, closing_date__gte=at.date())
            & ~Q(status="returned")
            & ~Exists(closed_before),
        )
    counts = Vacancy.objects.filter(published_at__isnull=False).aggregate(**aggregates)
    placements = {
        as_month(row["m"]): row["n"]
        for row in Placement.objects.filter(
            placed_on__gte=period.months[0], placed_on__lt=add_months(period.month, 1)
        )
        .annotate(m=TruncMonth("placed_on"))
        .values("m")
        .annotate(n=Count("pk"))
        .order_by()
    }
    rows = [
        [
            period.label(month),
            counts[f"published_{i}"],
            counts[f"open_{i}"],
            placements.get(month, 0),
        ]
        for i, month in enumerate(period.months)
    ]
    return Table(
        "vacancies",
        _("Vacancies and placements"),
        [
            _("Month"),
            _("Vacancies published"),
            _("Vacancies open at the end of the month"),
            _("Placements"),
        ],
        rows,
        note=_("For the current month, “open” means open now."),
    )


# --- Complaints ----------------------------------------------------------------------------

OPEN_COMPLAINT = ~Q(status__in=(ComplaintStatus.ANSWERED, ComplaintStatus.CLOSED))


def complaint_note():
    return _(
        "Late: no written answer within %(days)s working days of receipt (Monday-Friday "
        "08:00-16:00 WIB). The complaint standard promises a written answer without naming a "
        "time; %(days)s working days is the office's own target."
    ) % {"days": targets.COMPLAINT_ANSWER_WORKING_DAYS}


def complaints_by_channel(period):
    counts = {}
    for row in (
        Complaint.objects.filter(received_at__gte=period.start, received_at__lt=period.end)
        .annotate(m=month_of("received_at"))
        .values("m", "channel")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts[(as_month(row["m"]), row["channel"])] = row["n"]
    rows = []
    for month in period.months:
        values = [counts.get((month, c), 0) for c in Channel.values]
        rows.append([period.label(month), *values, sum(values)])
    return Table(
        "complaints_channels",
        _("Complaints received, by channel"),
        [_("Month"), *Channel.labels, _("Total")],
        rows,
    )


def complaints_answered(period):
    minutes = WorkingMinutes(F("received_at"), F("answered_at"))
    per_month = _by_month(
        Complaint.objects.filter(answered_at__gte=period.start, answered_at__lt=period.end)
        .annotate(m=month_of("answered_at"), minutes=minutes)
        .values("m")
        .annotate(
            n=Count("pk"),
            median=Median("minutes"),
            p90=P90("minutes"),
            late=Count("pk", filter=Q(minutes__gt=targets.COMPLAINT_ANSWER_MINUTES)),
        )
        .order_by()
    )
    day = targets.WORKING_DAY_MINUTES
    rows = []
    for month in period.months:
        d = per_month.get(month, {})
        rows.append(
            [
                period.label(month),
                d.get("n", 0),
                _round(d["median"] / day, 2) if d.get("median") is not None else None,
                _round(d["p90"] / day, 2) if d.get("p90") is not None else None,
                d.get("late", 0),
            ]
        )
    return Table(
        "complaints_answered",
        _("Complaints answered"),
        [
            _("Month"),
            _("Answered"),
            _("Median working days to the answer"),
            _("90th percentile, working days"),
            _("Answered late"),
        ],
        rows,
        note=complaint_note(),
    )


def complaints_by_step(period):
    """Complaints waiting now, per step of the follow-up chain, with their ages."""
    age = WorkingMinutes(F("received_at"), Value(period.now))
    in_step = WorkingMinutes(F("status_changed_at"), Value(period.now))
    found = {
        row["status"]: row
        for row in Complaint.objects.filter(OPEN_COMPLAINT)
        .annotate(age=age, in_step=in_step)
        .values("status")
        .annotate(
            n=Count("pk"),
            median_age=Median("age"),
            oldest=Max("age"),
            median_step=Median("in_step"),
            late=Count("pk", filter=Q(age__gt=targets.COMPLAINT_ANSWER_MINUTES)),
        )
        .order_by()
    }
    day = targets.WORKING_DAY_MINUTES
    rows = []
    for status, label in ComplaintStatus.choices:
        if status in (ComplaintStatus.ANSWERED, ComplaintStatus.CLOSED):
            continue
        d = found.get(status, {})
        rows.append(
            [
                label,
                d.get("n", 0),
                _round(d["median_step"] / day, 2) if d.get("median_step") is not None else None,
                _round(d["median_age"] / day, 2) if d.get("median_age") is not None else None,
                _round(d["oldest"] / day, 2) if d.get("oldest") is not None else None,
                d.get("late", 0),
            ]
        )
    return Table(
        "complaints_steps",
        _("Complaints waiting now, by step"),
        [
            _("Step"),
            _("Waiting"),
            _("Median working days in this step"),
            _("Median working days since receipt"),
            _("Oldest, working days since receipt"),
            _("Late"),
        ],
        rows,
        note=complaint_note(),
    )


def late_complaints(period):
    """Late complaints of the month: answered late in it, or received by its end and still
    unanswered past the target now."""
    age = Case(
        When(answered_at__isnull=False, then=WorkingMinutes(F("received_at"), F("answered_at"))),
        default=WorkingMinutes(F("received_at"), Value(period.now)),
        output_field=IntegerField(),
    )
    found = (
        Complaint.objects.annotate(age=age)
        .filter(age__gt=targets.COMPLAINT_ANSWER_MINUTES)
        .filter(
            Q(answered_at__gte=period.month_start, answered_at__lt=period.end)
            | (OPEN_COMPLAINT & Q(received_at__lt=period.end))
        )
        .order_by("-age", "pk")
        .values("reference", "channel", "received_at", "status", "answered_at", "age")
    )
    rows, cut = _late_rows(found)
    channels, statuses = dict(Channel.choices), dict(ComplaintStatus.choices)
    return Table(
        "complaints_late",
        _("Late complaints"),
        [
            _("Complaint reference"),
            _("Channel"),
            _("Received"),
            _("Step"),
            _("Answered"),
            _("Working days to the answer or until now"),
        ],
        [
            [
                r["reference"],
                channels.get(r["channel"], r["channel"]),
                _local(r["received_at"]),
                statuses.get(r["status"], r["status"]),
                _local(r["answered_at"]),
                _round(r["age"] / targets.WORKING_DAY_MINUTES, 2),
            ]
            for r in rows
        ],
        note=complaint_note(),
        cut=cut,
    )


def _late_rows(queryset):
    # One query: the rows up to the limit, plus one more to tell whether the list was cut.
    rows = list(queryset[: targets.LATE_LIST_LIMIT + 1])
    return rows[: targets.LATE_LIST_LIMIT], len(rows) > targets.LATE_LIST_LIMIT


def _local(moment):
    from django.utils import timezone

    if moment is None:
        return None
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


# --- AKAD permits --------------------------------------------------------------------------


def _standard_case(field_name):
    """The SOP minutes of the step a permit waits in, by its state (NULL for other states)."""
    return Case(
        *[
            When(**{field_name: state}, then=Value(targets.PERMIT_STEP_MINUTES[action]))
            for state, action in STATE_ACTION.items()
        ],
        default=Value(None),
        output_field=IntegerField(),
    )


def _late_step_q(prefix=""):
    return Q(
        *[
            Q(**{f"{prefix}from_status": state, f"{prefix}minutes__gt": minutes})
            for state, minutes in (
                (s, targets.PERMIT_STEP_MINUTES[a]) for s, a in STATE_ACTION.items()
            )
        ],
        _connector=Q.OR,
    )


def permit_steps(period):
    """Steps taken in the month (time in step against the SOP) and files waiting in each now."""
    taken = {
        row["from_status"]: row
        for row in PermitStep.objects.filter(
            created_at__gte=period.month_start,
            created_at__lt=period.end,
            from_status__in=list(STATE_ACTION),
        )
        .values("from_status")
        .annotate(
            n=Count("pk"),
            median=Median("minutes"),
            p90=P90("minutes"),
            late=Count("pk", filter=_late_step_q()),
        )
        .order_by()
    }
    waiting = {
        row["status"]: row
        for row in PermitApplication.objects.filter(status__in=list(STATE_ACTION))
        .annotate(
            in_step=WorkingMinutes(F("state_entered_at"), Value(period.now)),
            standard=_standard_case("status"),
        )
        .values("status")
        .annotate(n=Count("pk"), late=Count("pk", filter=Q(in_step__gt=F("standard"))))
        .order_by()
    }
    rows = []
    for number, (state, action) in enumerate(STATE_ACTION.items(), start=1):
        t, w = taken.get(state, {}), waiting.get(state, {})
        rows.append(
            [
                f"{number}. {ACTION_LABELS[action]}",
                targets.PERMIT_STEP_MINUTES[action],
                t.get("n", 0),
                _round(t.get("median")),
                _round(t.get("p90")),
                t.get("late", 0),
                w.get("n", 0),
                w.get("late", 0),
            ]
        )
    return Table(
        "permit_steps",
        _("AKAD permits: time in each step"),
        [
            _("Step"),
            _("SOP standard, minutes"),
            _("Taken in the month"),
            _("Median minutes"),
            _("90th percentile, minutes"),
            _("Over the standard"),
            _("Waiting in this step now"),
            _("Waiting now, over the standard"),
        ],
        rows,
        note=_(
            "Minutes are working minutes (Monday-Friday 08:00-16:00 WIB) the file waited in "
            "the step, as the SOP table counts them; a return or refusal is measured against "
            "the step it ended."
        ),
    )


def permits_completed(period):
    finals = (PermitStatus.ISSUED, PermitStatus.REFUSED)
    per_month = _by_month(
        PermitStep.objects.filter(
            to_status__in=finals, created_at__gte=period.start, created_at__lt=period.end
        )
        .annotate(m=month_of("created_at"), total=F("application__elapsed_minutes"))
        .values("m")
        .annotate(
            n=Count("pk"),
            issued=Count("pk", filter=Q(to_status=PermitStatus.ISSUED)),
            refused=Count("pk", filter=Q(to_status=PermitStatus.REFUSED)),
            median=Median("total"),
            p90=P90("total"),
            late=Count("pk", filter=Q(total__gt=targets.PERMIT_TOTAL_MINUTES)),
        )
        .order_by()
    )
    rows = []
    for month in period.months:
        d = per_month.get(month, {})
        rows.append(
            [
                period.label(month),
                d.get("issued", 0),
                d.get("refused", 0),
                _round(d.get("median")),
                _round(d.get("p90")),
                d.get("late", 0),
            ]
        )
    return Table(
        "permits_completed",
        _("AKAD permits decided"),
        [
            _("Month"),
            _("Issued"),
            _("Refused"),
            _("Median working minutes, whole procedure"),
            _("90th percentile, working minutes"),
            _("Over 1 working day"),
        ],
        rows,
        note=_(
            "Standard: 1 working day (%(minutes)s working minutes) with complete files, "
            "counted from the letter's arrival to the signature, without the applicant's "
            "own time."
        )
        % {"minutes": targets.PERMIT_TOTAL_MINUTES},
    )


def late_permits(period):
    """Applications late in the month: a step taken in it over its SOP minutes, or decided in
    it after more than 1 working day; and, whatever the month, those waiting late now."""
    late_steps_in_month = (
        PermitStep.objects.filter(
            application=OuterRef("pk"),
            created_at__gte=period.month_start,
            created_at__lt=period.end,
        )
        .filter(_late_step_q())
        .order_by()
        .values("application")
        .annotate(n=Count("pk"))
        .values("n")
    )
    decided_in_month = PermitStep.objects.filter(
        application=OuterRef("pk"),
        to_status__in=(PermitStatus.ISSUED, PermitStatus.REFUSED),
        created_at__gte=period.month_start,
        created_at__lt=period.end,
    )
    is_open = Q(status__in=list(STATE_ACTION))
    found = (
        PermitApplication.objects.annotate(
            in_step=Case(
                When(is_open, then=WorkingMinutes(F("state_entered_at"), Value(period.now))),
                default=Value(0),
                output_field=IntegerField(),
            ),
            standard=_standard_case("status"),
            total=F("elapsed_minutes") + F("in_step"),
            late_steps=Coalesce(Subquery(late_steps_in_month), 0),
            decided=Exists(decided_in_month),
        )
        .filter(
            Q(late_steps__gt=0)
            | Q(decided=True, total__gt=targets.PERMIT_TOTAL_MINUTES)
            | (is_open & Q(total__gt=targets.PERMIT_TOTAL_MINUTES))
            | (is_open & Q(in_step__gt=F("standard")))
        )
        .order_by("-total", "pk")
        .values(
            "pk",
            "status",
            "employer__company_name",
            "submitted_at",
            "in_step",
            "standard",
            "total",
            "late_steps",
        )
    )
    statuses = dict(PermitStatus.choices)
    rows = []
    found, cut = _late_rows(found)
    for r in found:
        rows.append(
            [
                f"AKAD-{r['pk']:05d}",
                r["employer__company_name"],
                statuses.get(r["status"], r["status"]),
                _local(r["submitted_at"]),
                r["late_steps"],
                r["in_step"] if r["standard"] is not None else None,
                r["standard"],
                r["total"],
                _("yes") if r["total"] > targets.PERMIT_TOTAL_MINUTES else _("no"),
            ]
        )
    return Table(
        "permits_late",
        _("Late AKAD permits"),
        [
            _("Application number"),
            _("Applicant"),
            _("Status"),
            _("First submitted"),
            _("Steps over the SOP in the month"),
            _("Minutes in the current step"),
            _("SOP minutes of the current step"),
            _("Working minutes so far"),
            _("Over 1 working day"),
        ],
        rows,
        note=_(
            "Listed: applications with a step over its SOP minutes in the month, decided in "
            "the month after more than 1 working day, or waiting now longer than their step's "
            "standard or 1 working day."
        ),
        cut=cut,
    )


# --- The survey ----------------------------------------------------------------------------


def survey_rows(start, end):
    """One query: respondents and each element's average per (month, service)."""
    return list(
        SurveyResponse.objects.filter(submitted_at__gte=start, submitted_at__lt=end)
        .annotate(m=month_of("submitted_at"))
        .values("m", "service")
        .annotate(n=Count("pk"), **{f: Avg(f) for f in skm.FIELDS})
        .order_by()
    )


def survey_by_service(start, end):
    """One query: respondents and averages per service over a whole period."""
    return {
        row.pop("service"): row
        for row in SurveyResponse.objects.filter(submitted_at__gte=start, submitted_at__lt=end)
        .values("service")
        .annotate(n=Count("pk"), **{f: Avg(f) for f in skm.FIELDS})
        .order_by()
    }


def survey_tables(period):
    """The element averages of the chosen month and the index per month, from one query."""
    found = {(as_month(r["m"]), r["service"]): r for r in survey_rows(period.start, period.end)}
    elements = []
    for service, label in Service.choices:
        r = found.get((period.month, service), {})
        value = skm.ikm(r) if r else None
        letter, performance = skm.grade(value)
        elements.append(
            [
                label,
                r.get("n", 0),
                *[_round(r.get(f), 2) for f in skm.FIELDS],
                value,
                f"{letter} ({performance})" if letter else None,
            ]
        )
    series = []
    for month in period.months:
        row = [period.label(month)]
        for service, _label in Service.choices:
            r = found.get((month, service))
            value = skm.ikm(r) if r else None
            row += [r["n"] if r else 0, value, skm.grade(value)[0]]
        series.append(row)
    series_columns = [_("Month")]
    for _service, label in Service.choices:
        series_columns += [
            _("%(service)s: respondents") % {"service": label},
            _("%(service)s: IKM") % {"service": label},
            _("%(service)s: grade") % {"service": label},
        ]
    return (
        Table(
            "survey_elements",
            _("Satisfaction survey: average of each element"),
            [
                _("Service"),
                _("Respondents"),
                *[f"{e.code} {e.name}" for e in skm.ELEMENTS],
                _("IKM"),
                _("Grade"),
            ],
            elements,
            note=ikm_note(),
        ),
        Table("survey_index", _("Satisfaction index per month"), series_columns, series),
    )


def ikm_note():
    return _(
        "IKM as Permenpan RB 14/2017 computes it: the average of each element (1-4), weighted "
        "1/9 each and summed, times 25. Grades: A 88.31-100, B 76.61-88.30, C 65.00-76.60, "
        "D 25.00-64.99."
    )


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
