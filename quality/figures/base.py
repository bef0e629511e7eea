"""What every figure returns (a Table) and the period it is computed for."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Window
from django.utils import formats, timezone

from portal.offices import scope

from .. import targets
from ..stats import as_month, last_twelve, month_bounds


@dataclass
class Table:
    key: str
    title: str
    columns: list
    rows: list = field(default_factory=list)
    note: str = ""
    cut: bool = False  # a late list longer than targets.LATE_LIST_LIMIT, shown in part
    total: int | None = None  # a late list's full length, however much of it is shown


@dataclass
class Period:
    month: datetime.date  # first day of the chosen month
    now: datetime.datetime
    # ids of the offices whose figures are shown (an officer's, a province's); None: all
    offices: list | None = None

    def scoped(self, queryset, field="office"):
        """``queryset`` narrowed to the period's offices (portal.offices.scope)."""
        # the period keeps what scoping looks up once (portal.offices.first_office_id)
        return scope(queryset, self.offices, field=field, holder=self)

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


def rounded(value, digits=1):
    return None if value is None else round(float(value), digits)


def by_month(rows, key="m"):
    return {as_month(row.pop(key)): row for row in rows}


def late_rows(queryset):
    """(rows up to the limit, whether the list was cut, its full length), in one query: the
    window count runs over every matching row before the LIMIT."""
    rows = list(queryset.annotate(found_total=Window(Count("pk")))[: targets.LATE_LIST_LIMIT + 1])
    total = rows[0]["found_total"] if rows else 0
    return rows[: targets.LATE_LIST_LIMIT], len(rows) > targets.LATE_LIST_LIMIT, total


def local(moment):
    if moment is None:
        return None
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")
