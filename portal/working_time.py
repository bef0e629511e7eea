"""The working calendar: the hours and days an office works, and the clocks that read them.

Every service clock of the portal (the AKAD permit's steps against the SOP, the complaints'
answer target, the registrations' activation, the heads' dashboard) measures *working*
minutes: the office's own hours (``Office.opens_at`` ... ``friday_closes_at``), Monday to
Friday, without the national holidays and joint leave days (``NonWorkingDay`` rows without an
office, loaded from the ``holidays`` package) and without the office's own days off.

``quality_working_minutes(office, start, end)`` in PostgreSQL (quality migration
0009) is the same rule; tests/quality/test_sql.py checks that both agree.
"""

import bisect
import datetime
from zoneinfo import ZoneInfo

from django.db.models import Func, IntegerField
from django.utils import timezone

# All offices on the portal are in western Indonesia (WIB); the zone is the portal's.
WORK_TZ = ZoneInfo("Asia/Jakarta")
FRIDAY = 4
WEEKEND = frozenset({5, 6})

# The years the demo and the first migration load (``manage.py load_holidays`` adds others).
LOADED_YEARS = (2025, 2026, 2027)


def _length(opens, closes):
    return datetime.datetime.combine(datetime.date.min, closes) - datetime.datetime.combine(
        datetime.date.min, opens
    )


class WorkingCalendar:
    """One office's hours and non-working days, loaded once and asked many times."""

    def __init__(
        self,
        *,
        opens=datetime.time(8, 0),
        closes=datetime.time(16, 0),
        friday_opens=datetime.time(8, 0),
        friday_closes=datetime.time(16, 0),
        days_off=(),
    ):
        self.weekday_hours = (opens, closes)
        self.friday_hours = (friday_opens, friday_closes)
        self.weekday_length = _length(opens, closes)
        self.friday_length = _length(friday_opens, friday_closes)
        # only weekdays matter: a holiday on a Sunday takes nothing away
        self.days_off = sorted({d for d in days_off if d.weekday() not in WEEKEND})
        self._days_off = frozenset(self.days_off)

    @classmethod
    def of(cls, office):
        """The calendar of ``office``: its hours, the national days and its own days off."""
        from django.db.models import Q

        from .models import NonWorkingDay

        days = NonWorkingDay.objects.filter(
            Q(office__isnull=True) | Q(office_id=office.pk)
        ).values_list("date", flat=True)
        return cls(
            opens=office.opens_at,
            closes=office.closes_at,
            friday_opens=office.friday_opens_at,
            friday_closes=office.friday_closes_at,
            days_off=days,
        )

    # -- days --------------------------------------------------------------------------------
    def hours(self, day):
        """(opens, closes) on ``day``, or None if the office does not work that day."""
        if day.weekday() in WEEKEND or day in self._days_off:
            return None
        return self.friday_hours if day.weekday() == FRIDAY else self.weekday_hours

    def is_working_day(self, day):
        return self.hours(day) is not None

    def _length_of(self, day):
        return self.friday_length if day.weekday() == FRIDAY else self.weekday_length

    def _working_time(self, first, last):
        """The office hours of the days from ``first`` to ``last``, both included."""
        days = (last - first).days + 1
        if days <= 0:
            return datetime.timedelta()
        weeks, rest = divmod(days, 7)
        total = weeks * (4 * self.weekday_length + self.friday_length)
        for i in range(rest):
            day = first + datetime.timedelta(days=i)
            if day.weekday() not in WEEKEND:
                total += self._length_of(day)
        lo = bisect.bisect_left(self.days_off, first)
        hi = bisect.bisect_right(self.days_off, last)
        for day in self.days_off[lo:hi]:
            total -= self._length_of(day)
        return total

    def _open_time(self, day, start, end):
        """How much of ``day``'s office hours lies between start and end."""
        hours = self.hours(day)
        if hours is None:
            return datetime.timedelta()
        open_at = datetime.datetime.combine(day, hours[0], WORK_TZ)
        close_at = datetime.datetime.combine(day, hours[1], WORK_TZ)
        lo, hi = max(start, open_at), min(end, close_at)
        return max(hi - lo, datetime.timedelta())

    # -- the clock -----------------------------------------------------------------------------
    def working_minutes(self, start, end):
        """Whole working minutes between two aware datetimes (0 if end is not after start).

        The first and the last day count in part, the working days between them in full: the
        same figure whether a file waited an hour or a year.
        """
        if start is None or end is None or end <= start:
            return 0
        start, end = timezone.localtime(start, WORK_TZ), timezone.localtime(end, WORK_TZ)
        first, last = start.date(), end.date()
        if first == last:
            total = self._open_time(first, start, end)
        else:
            total = (
                self._open_time(first, start, end)
                + self._open_time(last, start, end)
                + self._working_time(
                    first + datetime.timedelta(days=1), last - datetime.timedelta(days=1)
                )
            )
        return total // datetime.timedelta(minutes=1)


class WorkingMinutes(Func):
    """The same clock in SQL: WorkingMinutes(office, start, end), three expressions.

    quality_working_minutes (quality migration 0009): the office's hours and working calendar,
    read by PostgreSQL for every row of a list or a dashboard table at once.
    """

    function = "quality_working_minutes"
    output_field = IntegerField()
    arity = 3


class Calendars:
    """The calendars of the offices one page or one report needs, each loaded once.

    Made per request or per computation, never kept in the process: an officer's change in
    the admin counts at the next page.
    """

    def __init__(self):
        self._by_office = {}

    def of(self, office):
        if office.pk not in self._by_office:
            self._by_office[office.pk] = WorkingCalendar.of(office)
        return self._by_office[office.pk]


def working_minutes(start, end, *, office, calendar=None):
    """Working minutes of ``office`` between start and end (its calendar, loaded if not given)."""
    if start is None or end is None or end <= start:
        return 0
    return (calendar or WorkingCalendar.of(office)).working_minutes(start, end)


# -- the national days from the ``holidays`` package ----------------------------------------------


def national_days(years):
    """(date, name, kind) of Indonesia's national holidays and joint leave days in ``years``.

    From the ``holidays`` package (python-holidays), which follows the joint decree of the
    ministers (SKB) on national holidays and cuti bersama each year: its "public" category
    is the holidays, its "government" category the joint leave days. Names in Indonesian.
    """
    import holidays

    from .models import NonWorkingDay

    kinds = {"public": NonWorkingDay.Kind.HOLIDAY, "government": NonWorkingDay.Kind.JOINT_LEAVE}
    found = {}
    for category, kind in kinds.items():
        calendar = holidays.country_holidays(
            "ID", years=list(years), categories=(category,), language="id"
        )
        for day, name in calendar.items():
            # a day in both lists is a holiday (it is off whatever the leave decree says)
            if day not in found or kind == NonWorkingDay.Kind.HOLIDAY:
                found[day] = (name, kind)
    return [(day, name, kind) for day, (name, kind) in sorted(found.items())]


def load_national_days(years, model=None):
    """Add or correct the national non-working days of ``years``; returns (added, changed).

    Idempotent: run again after the package is updated (a decree moved a day), it changes the
    names and kinds in place. A day removed from the package stays until an officer deletes it
    in the admin (it may have been added there on purpose).
    """
    if model is None:
        from .models import NonWorkingDay as model
    added = changed = 0
    for day, name, kind in national_days(years):
        row = model.objects.filter(office__isnull=True, date=day).first()
        if row is None:
            model.objects.create(office=None, date=day, name=name, kind=kind)
            added += 1
        elif (row.name, row.kind) != (name, kind):
            row.name, row.kind = name, kind
            row.save(update_fields=["name", "kind"])
            changed += 1
    return added, changed
