"""Database-side figures: percentiles and working time, computed by PostgreSQL."""

import datetime

from django.db.models import Aggregate, F, FloatField, Value
from django.db.models.functions import TruncMonth
from django.utils import timezone

from portal.working_time import WORK_TZ, WorkingMinutes  # noqa: F401  (the SQL clock)


class Percentile(Aggregate):
    """percentile_cont(fraction) WITHIN GROUP (ORDER BY expression): the interpolated quantile."""

    function = "percentile_cont"
    name = "Percentile"
    output_field = FloatField()
    allow_distinct = False
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"

    def __init__(self, expression, fraction, **extra):
        fraction = float(fraction)
        if not 0 <= fraction <= 1:
            raise ValueError("fraction must be between 0 and 1")
        super().__init__(expression, fraction=repr(fraction), **extra)


def Median(expression, **extra):  # noqa: N802 - reads like the other aggregates
    return Percentile(expression, 0.5, **extra)


def P90(expression, **extra):  # noqa: N802
    return Percentile(expression, 0.9, **extra)


def month_of(expression):
    """The calendar month (in Jakarta time) of a datetime column."""
    return TruncMonth(expression, tzinfo=WORK_TZ)


def elapsed(field, now, office="office"):
    return WorkingMinutes(F(office), F(field), Value(now))


# --- periods ------------------------------------------------------------------------------


def month_start(day):
    return day.replace(day=1)


def shift_month(month, months):
    """The first day of the month ``months`` after (or before) the month of ``month``."""
    index = month.year * 12 + month.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def month_bounds(month):
    """Aware [start, end) of a calendar month in the office's time zone."""
    start = datetime.datetime.combine(month, datetime.time.min, WORK_TZ)
    end = datetime.datetime.combine(shift_month(month, 1), datetime.time.min, WORK_TZ)
    return start, end


def last_twelve(month):
    """The twelve months ending with ``month``, oldest first."""
    return [shift_month(month, i) for i in range(-11, 1)]


def current_month():
    return month_start(timezone.localdate(timezone=WORK_TZ))


def as_month(value):
    """A TruncMonth result (aware datetime) as the date of the month's first day."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value, WORK_TZ).date().replace(day=1)
    return value.replace(day=1)
