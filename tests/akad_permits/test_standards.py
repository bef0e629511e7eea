"""Working time with the default hours (Monday to Friday, 08:00-16:00 in Jakarta) and no
holidays; the calendar itself: tests/portal/test_working_calendar.py."""

import datetime

import pytest

from akad_permits import standards
from portal.working_time import WorkingCalendar

WIB = datetime.timezone(datetime.timedelta(hours=7))


def minutes(start, end):
    return standards.working_minutes(start, end, office=None, calendar=WorkingCalendar())


def at(day, hour, minute=0):
    return datetime.datetime(2026, 11, day, hour, minute, tzinfo=WIB)  # 16 Nov 2026 is a Monday


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (at(16, 9), at(16, 9, 40), 40),
        (at(16, 7), at(16, 8, 30), 30),  # before opening counts nothing
        (at(16, 15, 50), at(17, 8, 10), 20),  # overnight: 10 + 10
        (at(20, 15), at(23, 9), 120),  # Friday 15:00 to Monday 09:00, the weekend is free
        (at(21, 10), at(22, 18), 0),  # Saturday and Sunday
        (at(16, 8), at(16, 16), standards.WORKING_DAY_MINUTES),
        (at(16, 10), at(16, 9), 0),
    ],
)
def test_working_minutes(start, end, expected):
    assert minutes(start, end) == expected


def test_a_long_wait_counts_every_working_day_between():
    # Monday 16 Nov 2026 12:00 to Monday 15 Nov 2027 12:00: 52 weeks of five working days
    start, end = at(16, 12), at(16, 12) + datetime.timedelta(weeks=52)
    assert minutes(start, end) == 52 * 5 * standards.WORKING_DAY_MINUTES


def test_utc_times_are_measured_in_jakarta():
    start = datetime.datetime(2026, 11, 16, 1, 0, tzinfo=datetime.UTC)  # 08:00 WIB
    end = datetime.datetime(2026, 11, 16, 2, 0, tzinfo=datetime.UTC)
    assert minutes(start, end) == 60


def test_the_sop_minutes_are_mapped_onto_the_five_officer_steps():
    assert list(standards.STEP_STANDARD_MINUTES.values()) == [15, 5, 15, 15, 5]
    assert standards.TOTAL_STANDARD_MINUTES == 480
