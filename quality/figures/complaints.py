"""Complaints: by channel, answered, waiting by step, the late ones."""

from django.db.models import Case, Count, F, IntegerField, Max, Q, Value, When
from django.utils.translation import gettext_lazy as _

from complaints.models import Channel, Complaint
from complaints.models import Status as ComplaintStatus
from portal.models import Office

from .. import targets
from ..stats import P90, Median, WorkingMinutes, as_month, month_of
from .base import Table, by_month, late_rows, local, rounded

OPEN_COMPLAINT = ~Q(status__in=(ComplaintStatus.ANSWERED, ComplaintStatus.CLOSED))


def answer_times(period):
    """ "5 working days", or per time the offices that keep it, for the period's offices; one
    query, kept on the period (the three complaint tables share it)."""
    cached = period.__dict__.get("_answer_times")
    if cached is None:
        by_days = {}
        for name, days in (
            period.scoped(Office.objects, field="id")
            .order_by("complaint_answer_days", "name")
            .values_list("name", "complaint_answer_days")
        ):
            by_days.setdefault(days, []).append(name)
        cached = period.__dict__["_answer_times"] = by_days
    if len(cached) <= 1:
        days = next(iter(cached), targets.COMPLAINT_ANSWER_WORKING_DAYS)
        return _("%(days)s working days") % {"days": days}
    return "; ".join(
        _("%(days)s working days: %(offices)s") % {"days": days, "offices": ", ".join(names)}
        for days, names in cached.items()
    )


def complaint_note(period):
    return _(
        "Late: no written answer within the office's own time from receipt (%(times)s; the "
        "office's hours, without holidays and joint leave days). The complaint standard "
        "promises a written answer without naming a time; each office sets its own."
    ) % {"times": answer_times(period)}


def complaints_by_channel(period):
    counts = {}
    for row in (
        period.scoped(Complaint.objects)
        .filter(received_at__gte=period.start, received_at__lt=period.end)
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
    minutes = WorkingMinutes(F("office"), F("received_at"), F("answered_at"))
    per_month = by_month(
        period.scoped(Complaint.objects)
        .filter(answered_at__gte=period.start, answered_at__lt=period.end)
        .annotate(m=month_of("answered_at"), minutes=minutes)
        .values("m")
        .annotate(
            n=Count("pk"),
            median=Median("minutes"),
            p90=P90("minutes"),
            late=Count("pk", filter=Q(minutes__gt=targets.complaint_answer_minutes_sql())),
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
                rounded(d["median"] / day, 2) if d.get("median") is not None else None,
                rounded(d["p90"] / day, 2) if d.get("p90") is not None else None,
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
        note=complaint_note(period),
    )


def complaints_by_step(period):
    """Complaints waiting now, per step of the follow-up chain, with their ages."""
    age = WorkingMinutes(F("office"), F("received_at"), Value(period.now))
    in_step = WorkingMinutes(F("office"), F("status_changed_at"), Value(period.now))
    found = {
        row["status"]: row
        for row in period.scoped(Complaint.objects)
        .filter(OPEN_COMPLAINT)
        .annotate(age=age, in_step=in_step)
        .values("status")
        .annotate(
            n=Count("pk"),
            median_age=Median("age"),
            oldest=Max("age"),
            median_step=Median("in_step"),
            late=Count("pk", filter=Q(age__gt=targets.complaint_answer_minutes_sql())),
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
                rounded(d["median_step"] / day, 2) if d.get("median_step") is not None else None,
                rounded(d["median_age"] / day, 2) if d.get("median_age") is not None else None,
                rounded(d["oldest"] / day, 2) if d.get("oldest") is not None else None,
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
        note=complaint_note(period),
    )


def late_complaints(period):
    """Late complaints of the month: answered late in it, or received by its end and still
    unanswered past the target now."""
    age = Case(
        When(
            answered_at__isnull=False,
            then=WorkingMinutes(F("office"), F("received_at"), F("answered_at")),
        ),
        default=WorkingMinutes(F("office"), F("received_at"), Value(period.now)),
        output_field=IntegerField(),
    )
    found = (
        period.scoped(Complaint.objects)
        .annotate(age=age)
        .filter(age__gt=targets.complaint_answer_minutes_sql())
        .filter(
            Q(answered_at__gte=period.month_start, answered_at__lt=period.end)
            | (OPEN_COMPLAINT & Q(received_at__lt=period.end))
        )
        .order_by("-age", "pk")
        .values("reference", "channel", "received_at", "status", "answered_at", "age")
    )
    rows, cut, total = late_rows(found)
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
                local(r["received_at"]),
                statuses.get(r["status"], r["status"]),
                local(r["answered_at"]),
                rounded(r["age"] / targets.WORKING_DAY_MINUTES, 2),
            ]
            for r in rows
        ],
        note=complaint_note(period),
        cut=cut,
        total=total,
    )
