"""Bursa Kerja On Line: registrations, activations, vacancies, placements."""

from django.db.models import Count, DateTimeField, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, TruncMonth
from django.utils.translation import gettext_lazy as _

from jobboard.models import (
    Employer,
    JobSeeker,
    Placement,
    RegistrationStatus,
    RegistrationStep,
    Vacancy,
    VacancyStatus,
    VacancyStep,
)
from portal.offices import scope_q

from .. import targets
from ..stats import P90, Median, WorkingMinutes, as_month, month_bounds, month_of, shift_month
from .base import Table, by_month, rounded


def registrations(period):
    """Registrations, activations and the time from (re)submission to the officer's decision.

    Three queries: job seekers and employers registered per month, and one over the decision
    steps (activate or reject) with the working minutes since the registration was sent.
    """
    months = period.months
    in_range = {"created_at__gte": period.start, "created_at__lt": period.end}
    seekers = by_month(
        period.scoped(JobSeeker.objects)
        .filter(**in_range)
        .annotate(m=month_of("created_at"))
        .values("m")
        .annotate(n=Count("pk"))
        .order_by()
    )
    employers = by_month(
        period.scoped(Employer.objects)
        .filter(**in_range)
        .annotate(m=month_of("created_at"))
        .values("m")
        .annotate(n=Count("pk"))
        .order_by()
    )
    decisions = by_month(
        decision_steps(period.start, period.end, offices=period.offices, holder=period)
        .annotate(m=month_of("created_at"))
        .values("m")
        .annotate(
            seekers=Count(
                "pk", filter=Q(to_status=RegistrationStatus.ACTIVE, jobseeker__isnull=False)
            ),
            employers=Count(
                "pk", filter=Q(to_status=RegistrationStatus.ACTIVE, employer__isnull=False)
            ),
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
                rounded(d.get("median")),
                rounded(d.get("p90")),
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
            "working minutes (the office's hours, without holidays and joint leave days) from "
            "the moment the registration "
            "was sent (or sent again after a correction) to the officer's decision."
        )
        % {"n": targets.ACTIVATION_MINUTES},
    )


def decision_steps(start, end, *, offices=None, holder=None):
    """Officers' decisions on registrations in [start, end), with ``minutes``: the working
    minutes from the moment the registration was sent (its last resubmission before the
    decision, or the registration itself) to the decision; of ``offices`` (ids) when given."""
    resubmitted = (
        RegistrationStep.objects.filter(
            to_status=RegistrationStatus.WAITING, created_at__lte=OuterRef("created_at")
        )
        .filter(
            Q(jobseeker_id=OuterRef("jobseeker_id"), jobseeker_id__isnull=False)
            | Q(employer_id=OuterRef("employer_id"), employer_id__isnull=False)
        )
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    steps = RegistrationStep.objects.all()
    if offices is not None:
        steps = steps.filter(
            scope_q(RegistrationStep, offices, "jobseeker__office", holder)
            | scope_q(RegistrationStep, offices, "employer__office", holder)
        )
    return steps.filter(
        from_status=RegistrationStatus.WAITING,
        to_status__in=(RegistrationStatus.ACTIVE, RegistrationStatus.REJECTED),
        created_at__gte=start,
        created_at__lt=end,
    ).annotate(
        sent=Coalesce(
            Subquery(resubmitted),
            F("jobseeker__created_at"),
            F("employer__created_at"),
            output_field=DateTimeField(),
        ),
        minutes=WorkingMinutes(
            Coalesce(F("jobseeker__office"), F("employer__office")), F("sent"), F("created_at")
        ),
    )


def vacancies(period):
    """Vacancies published per month, open at each month's end (or now), and placements."""
    aggregates = {}
    for i, month in enumerate(period.months):
        start, end = month_bounds(month)
        at = min(end, period.now)
        closed_before = VacancyStep.objects.filter(
            vacancy=OuterRef("pk"), to_status=VacancyStatus.CLOSED, created_at__lt=at
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
    counts = (
        period.scoped(Vacancy.objects).filter(published_at__isnull=False).aggregate(**aggregates)
    )
    placements = {
        as_month(row["m"]): row["n"]
        for row in period.scoped(Placement.objects)
        .filter(placed_on__gte=period.months[0], placed_on__lt=shift_month(period.month, 1))
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
