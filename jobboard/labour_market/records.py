"""The dates and states of each record in the labour-market report (the definitions are in
the package's docstring), as annotations and filters; and the records behind one figure."""

import datetime

from django.db.models import (
    Case,
    DateField,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Greatest, Least, TruncDate
from django.utils.translation import gettext_lazy as _

from portal.working_time import WORK_TZ

from ..models import (
    Ak1Card,
    JobSeeker,
    Placement,
    RegistrationStatus,
    Sex,
    Vacancy,
    VacancyStatus,
    VacancyStep,
)

# --- the states and groups -------------------------------------------------------------------

CARRIED_OVER, REGISTERED, LEFT_FIRST, LEFT_SECOND, CARRIED_FORWARD = (
    "sisa_lalu",
    "terdaftar",
    "keluar1",
    "keluar2",
    "sisa_akhir",
)
STATES = (CARRIED_OVER, REGISTERED, LEFT_FIRST, LEFT_SECOND, CARRIED_FORWARD)
SEEKER_STATE_LABELS = {
    CARRIED_OVER: _("Carried over from last month"),
    REGISTERED: _("Registered this month"),
    LEFT_FIRST: _("Placed this month"),
    LEFT_SECOND: _("Removed this month"),
    CARRIED_FORWARD: _("Carried forward at month end"),
}
VACANCY_STATE_LABELS = {
    CARRIED_OVER: _("Unfilled from last month"),
    REGISTERED: _("Registered this month"),
    LEFT_FIRST: _("Filled this month"),
    LEFT_SECOND: _("Removed this month"),
    CARRIED_FORWARD: _("Remaining at month end"),
}

# (label, lowest age, highest age or None); below 20 counts in the first band
AGE_BANDS = (
    ("15-19", 0, 19),
    ("20-29", 20, 29),
    ("30-44", 30, 44),
    ("45-54", 45, 54),
    ("55+", 55, None),
)

LOCAL, AKAD, ABROAD = "lokal", "akad", "akl"
REGIONS = (
    (LOCAL, _("Local (within the region)")),
    (AKAD, _("AKAD (between regions)")),
    (ABROAD, _("Abroad (AKL)")),
)
# the openings a vacancy letter states, by sex: the filter's value and the model field
OPENINGS = (
    (Sex.MALE, "openings_male"),
    (Sex.FEMALE, "openings_female"),
    ("LP", "openings_any"),
)

# the admin filter's query parameters (jobboard.admin.common.LabourReportFilter)
FILTER_PARAMETERS = (
    "ipk",
    "ipk_bulan",
    "ipk_kantor",
    "ipk_pendidikan",
    "ipk_jk",
    "ipk_umur",
    "ipk_sektor",
    "ipk_wilayah",
)


def month_span(month):
    """[s, e) of ``month`` (any day of it) as dates."""
    start = month.replace(day=1)
    end = (start + datetime.timedelta(days=32)).replace(day=1)
    return start, end


def _plus_one_day(expression):
    return Func(expression, template="(%(expressions)s + 1)", output_field=DateField())


def _left(entered, first, second):
    """GREATEST(entered, LEAST(first, second)), NULL when both are NULL (PostgreSQL's LEAST
    and GREATEST skip NULLs, so GREATEST(entered, NULL) would be entered)."""
    return Case(
        When(Q(**{f"{first}__isnull": True, f"{second}__isnull": True}), then=Value(None)),
        default=Greatest(F(entered), Least(F(first), F(second))),
        output_field=DateField(),
    )


def _by_first(first, second):
    """Left by the first way (placement, filling): it happened, and not after the second."""
    return Q(**{f"{first}__isnull": False}) & (
        Q(**{f"{second}__isnull": True}) | Q(**{f"{first}__lte": F(second)})
    )


def state_q(state, month):
    """The condition of ``state`` in ``month`` over the annotations of ``with_dates``."""
    s, e = month_span(month)
    if state == CARRIED_OVER:
        return Q(ipk_entered__lt=s) & (Q(ipk_left__isnull=True) | Q(ipk_left__gte=s))
    if state == REGISTERED:
        return Q(ipk_entered__gte=s, ipk_entered__lt=e)
    if state == CARRIED_FORWARD:
        return Q(ipk_entered__lt=e) & (Q(ipk_left__isnull=True) | Q(ipk_left__gte=e))
    left_in = Q(ipk_left__gte=s, ipk_left__lt=e)
    if state == LEFT_FIRST:
        return left_in & Q(ipk_by_first=True)
    if state == LEFT_SECOND:
        return left_in & Q(ipk_by_first=False)
    raise ValueError(state)


def in_report(month):
    s, e = month_span(month)
    return Q(ipk_entered__lt=e) & (Q(ipk_left__isnull=True) | Q(ipk_left__gte=s))


def seekers_with_dates(queryset=None):
    """Active job seekers annotated with their entry, exit and age band (see the module)."""
    queryset = JobSeeker.objects.all() if queryset is None else queryset
    placed = Placement.objects.filter(jobseeker=OuterRef("pk")).order_by("placed_on", "pk")
    card = Ak1Card.objects.filter(jobseeker=OuterRef("pk"))
    age = Func(
        Func(F("ipk_entered"), F("birth_date"), function="AGE"),
        template="DATE_PART('year', %(expressions)s)::integer",
        output_field=IntegerField(),
    )
    bands = [When(ipk_age__lte=high, then=Value(label)) for label, _low, high in AGE_BANDS if high]
    return (
        queryset.filter(status=RegistrationStatus.ACTIVE, decided_at__isnull=False)
        .annotate(
            ipk_entered=TruncDate("decided_at", tzinfo=WORK_TZ),
            ipk_placed=Subquery(placed.values("placed_on")[:1]),
            ipk_removed=Subquery(card.values(d=_plus_one_day(F("valid_until")))[:1]),
        )
        .annotate(
            ipk_left=_left("ipk_entered", "ipk_placed", "ipk_removed"),
            ipk_by_first=Case(
                When(_by_first("ipk_placed", "ipk_removed"), then=Value(True)),
                default=Value(False),
            ),
            ipk_age=age,
        )
        .annotate(ipk_band=Case(*bands, default=Value(AGE_BANDS[-1][0])))
    )


def _openings_total():
    return F("openings_male") + F("openings_female") + F("openings_any")


def vacancies_with_dates(queryset=None):
    """Published vacancies annotated with their entry and exit (see the module)."""
    queryset = Vacancy.objects.all() if queryset is None else queryset
    placements = Placement._meta.db_table
    # the placement that takes the last opening: the N-th by date of placement
    filled = Func(
        _openings_total(),
        template=(
            # the names are the models' own tables, nothing typed by a person
            f"(SELECT p.placed_on FROM {placements} p WHERE p.vacancy_id = "  # noqa: S608
            f'"{Vacancy._meta.db_table}"."id" ORDER BY p.placed_on, p.id '
            "OFFSET GREATEST(%(expressions)s - 1, 0) LIMIT 1)"
        ),
        output_field=DateField(),
    )
    closed = VacancyStep.objects.filter(
        vacancy=OuterRef("pk"), to_status=VacancyStatus.CLOSED
    ).order_by("created_at")
    return (
        queryset.filter(
            status__in=(VacancyStatus.PUBLISHED, VacancyStatus.CLOSED),
            published_at__isnull=False,
        )
        .annotate(
            ipk_entered=TruncDate("published_at", tzinfo=WORK_TZ),
            ipk_filled=Case(
                When(
                    Q(openings_male=0, openings_female=0, openings_any=0),
                    then=Value(None, output_field=DateField()),
                ),
                default=filled,
                output_field=DateField(),
            ),
            ipk_removed=Least(
                Subquery(closed.values(d=TruncDate("created_at", tzinfo=WORK_TZ))[:1]),
                _plus_one_day(F("closing_date")),
            ),
        )
        .annotate(
            ipk_left=_left("ipk_entered", "ipk_filled", "ipk_removed"),
            ipk_by_first=Case(
                When(_by_first("ipk_filled", "ipk_removed"), then=Value(True)),
                default=Value(False),
            ),
        )
    )


def placements_with_region(queryset=None):
    """Placements annotated with their region of placement (see the module)."""
    from akad_permits.models import PermitApplication, Status

    queryset = Placement.objects.all() if queryset is None else queryset
    permit = PermitApplication.objects.filter(
        employer=OuterRef("employer"),
        office=OuterRef("office"),
        status=Status.ISSUED,
        valid_from__lte=OuterRef("placed_on"),
        valid_until__gte=OuterRef("placed_on"),
    )
    return queryset.annotate(
        ipk_region=Case(When(Exists(permit), then=Value(AKAD)), default=Value(LOCAL))
    )


# --- what the admin's filter applies ---------------------------------------------------------


def parse_month(value):
    try:
        return datetime.datetime.strptime(value or "", "%Y-%m").date()
    except ValueError:
        return None


def filter_records(queryset, params):
    """The records behind one figure: ``params`` are a figure link's (FILTER_PARAMETERS)."""
    what = params.get("ipk", "")
    month = parse_month(params.get("ipk_bulan"))
    if month is None:
        return queryset.none()
    offices = [int(o) for o in (params.get("ipk_kantor") or "").split(",") if o.isdigit()]
    queryset = queryset.filter(office__in=offices)
    sex = params.get("ipk_jk") or None
    if what.startswith("pencaker-") and queryset.model is JobSeeker:
        state = what.removeprefix("pencaker-")
        if state not in STATES:
            return queryset.none()
        queryset = seekers_with_dates(queryset).filter(state_q(state, month))
        if params.get("ipk_pendidikan"):
            queryset = queryset.filter(education_level=params["ipk_pendidikan"])
        if params.get("ipk_umur"):
            queryset = queryset.filter(ipk_band=params["ipk_umur"])
        return queryset.filter(sex=sex) if sex else queryset
    if what.startswith("lowongan-") and queryset.model is Vacancy:
        state = what.removeprefix("lowongan-")
        if state not in STATES:
            return queryset.none()
        queryset = vacancies_with_dates(queryset).filter(state_q(state, month))
        if params.get("ipk_pendidikan"):
            queryset = queryset.filter(min_education=params["ipk_pendidikan"])
        fields = dict(OPENINGS)
        if sex in fields:
            return queryset.filter(**{f"{fields[sex]}__gt": 0})
        return queryset.annotate(ipk_openings=_openings_total()).filter(ipk_openings__gt=0)
    if what == "penempatan" and queryset.model is Placement:
        s, e = month_span(month)
        queryset = placements_with_region(queryset.filter(placed_on__gte=s, placed_on__lt=e))
        if "ipk_sektor" in params:
            queryset = queryset.filter(employer__sector=params["ipk_sektor"])
        if params.get("ipk_wilayah"):
            queryset = queryset.filter(ipk_region=params["ipk_wilayah"])
        return queryset.filter(jobseeker__sex=sex) if sex else queryset
    return queryset.none()
