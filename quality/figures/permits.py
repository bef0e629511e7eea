"""AKAD permits: time in each step against the SOP, the whole against 1 working day."""

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from akad_permits.models import PermitApplication, PermitStep
from akad_permits.models import Status as PermitStatus
from akad_permits.workflows import LABELS, STATE_ACTION

from .. import targets
from ..stats import P90, Median, WorkingMinutes, month_of
from .base import Table, by_month, late_rows, local, rounded


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
        for row in period.scoped(PermitStep.objects, "application__office")
        .filter(
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
        for row in period.scoped(PermitApplication.objects)
        .filter(status__in=list(STATE_ACTION))
        .annotate(
            in_step=WorkingMinutes(F("office"), F("state_entered_at"), Value(period.now)),
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
                f"{number}. {LABELS[action]}",
                targets.PERMIT_STEP_MINUTES[action],
                t.get("n", 0),
                rounded(t.get("median")),
                rounded(t.get("p90")),
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
            "Minutes are working minutes (the office's hours, without holidays and joint leave "
            "days) the file waited in "
            "the step, as the SOP table counts them; a return or refusal is measured against "
            "the step it ended."
        ),
    )


def permits_completed(period):
    finals = (PermitStatus.ISSUED, PermitStatus.REFUSED)
    per_month = by_month(
        period.scoped(PermitStep.objects, "application__office")
        .filter(to_status__in=finals, created_at__gte=period.start, created_at__lt=period.end)
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
                rounded(d.get("median")),
                rounded(d.get("p90")),
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
        period.scoped(PermitApplication.objects)
        .annotate(
            in_step=Case(
                When(
                    is_open,
                    then=WorkingMinutes(F("office"), F("state_entered_at"), Value(period.now)),
                ),
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
    found, cut, total = late_rows(found)
    for r in found:
        rows.append(
            [
                f"AKAD-{r['pk']:05d}",
                r["employer__company_name"],
                statuses.get(r["status"], r["status"]),
                local(r["submitted_at"]),
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
        total=total,
    )
