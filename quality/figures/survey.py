"""The satisfaction survey: each element's average and the index per service and month."""

from django.db.models import Avg, Count
from django.utils.translation import gettext_lazy as _

from portal.offices import scope

from .. import skm
from ..models import Service, SurveyResponse
from ..stats import as_month, month_of
from .base import Table, rounded


def survey_rows(start, end, *, offices=None, holder=None):
    """One query: respondents and each element's average per (month, service)."""
    return list(
        scope(SurveyResponse.objects, offices, holder=holder)
        .filter(submitted_at__gte=start, submitted_at__lt=end)
        .annotate(m=month_of("submitted_at"))
        .values("m", "service")
        .annotate(n=Count("pk"), **{f: Avg(f) for f in skm.FIELDS})
        .order_by()
    )


def survey_by_service(start, end, *, offices=None):
    """One query: respondents and averages per service over a whole period."""
    return {
        row.pop("service"): row
        for row in scope(SurveyResponse.objects, offices)
        .filter(submitted_at__gte=start, submitted_at__lt=end)
        .values("service")
        .annotate(n=Count("pk"), **{f: Avg(f) for f in skm.FIELDS})
        .order_by()
    }


def survey_tables(period):
    """The element averages of the chosen month and the index per month, from one query."""
    found = {
        (as_month(r["m"]), r["service"]): r
        for r in survey_rows(period.start, period.end, offices=period.offices, holder=period)
    }
    elements = []
    for service, label in Service.choices:
        r = found.get((period.month, service), {})
        value = skm.ikm(r) if r else None
        letter, performance = skm.grade(value)
        elements.append(
            [
                label,
                r.get("n", 0),
                *[rounded(r.get(f), 2) for f in skm.FIELDS],
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
