"""The database's figures agree with Python's: working minutes and percentiles."""

import datetime
import random
import statistics

import pytest
from django.db import connection

from akad_permits.standards import working_minutes
from portal.demo import LUMAJANG
from portal.models import NonWorkingDay, Office
from portal.working_time import WorkingCalendar
from tests.factories import default_office

from .conftest import wib

pytestmark = pytest.mark.django_db


def sql_minutes(office, pairs):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT quality_working_minutes(%s, s, e) FROM unnest(%s::timestamptz[], "
            "%s::timestamptz[]) WITH ORDINALITY AS t(s, e, n) ORDER BY n",
            [office.pk, [s for s, _e in pairs], [e for _s, e in pairs]],
        )
        return [row[0] for row in cursor.fetchall()]


def python_minutes(office, pairs):
    calendar = WorkingCalendar.of(office)
    return [working_minutes(s, e, office=office, calendar=calendar) for s, e in pairs]


def random_pairs(rng, start, spans):
    pairs = []
    for _ in range(spans):
        a = start + datetime.timedelta(seconds=rng.randrange(0, 60 * 60 * 24 * 40))
        b = a + datetime.timedelta(seconds=rng.randrange(0, 60 * 60 * 24 * 9))
        pairs.append((a, b))
    for _ in range(spans // 6):  # microseconds, and spans of years
        a = start + datetime.timedelta(microseconds=rng.randrange(0, 10**6 * 3600 * 24 * 400))
        b = a + datetime.timedelta(microseconds=rng.randrange(0, 10**6 * 3600 * 24 * 900))
        pairs.append((a, b))
    return pairs


def test_working_minutes_in_sql_match_the_akad_standard_function():
    office = default_office()
    rng = random.Random(9)
    pairs = [
        (wib(2026, 11, 13, 15, 58), wib(2026, 11, 16, 8, 4)),  # over a weekend: 6
        (wib(2026, 11, 16, 7, 0), wib(2026, 11, 16, 17, 0)),  # a whole day: 480
        (wib(2026, 11, 16, 9, 0, 30), wib(2026, 11, 16, 9, 3, 10)),  # seconds: 2
        (wib(2026, 11, 16, 9, 0), wib(2026, 11, 16, 8, 0)),  # backwards: 0
        (wib(2026, 11, 21, 9, 0), wib(2026, 11, 22, 15, 0)),  # a weekend: 0
    ]
    pairs += random_pairs(rng, wib(2026, 10, 1, 0, 0), 600)
    for hour, minute in ((8, 0), (16, 0), (7, 59), (16, 1), (0, 0), (23, 59)):  # edges
        pairs.append((wib(2026, 11, 16, hour, minute), wib(2026, 11, 20, hour, minute)))
        pairs.append((wib(2026, 11, 14, hour, minute), wib(2026, 11, 16, hour, minute)))
    assert sql_minutes(office, pairs) == python_minutes(office, pairs)
    assert sql_minutes(office, pairs[:5]) == [6, 480, 2, 0, 0]


def test_python_and_sql_agree_across_lebaran_2026_for_two_offices_with_their_own_hours(
    national_days,
):
    """Nyepi and Idul Fitri 2026 with their joint leave days, an office's own day off, and two
    offices whose hours differ (one with a short Friday)."""
    first = default_office()
    second = Office.objects.create(
        **{
            **LUMAJANG,
            "opens_at": datetime.time(7, 30),
            "closes_at": datetime.time(15, 30),
            "friday_opens_at": datetime.time(7, 0),
            "friday_closes_at": datetime.time(11, 0),
        }
    )
    NonWorkingDay.objects.create(office=second, date=datetime.date(2026, 3, 16), name="Hari Jadi")
    NonWorkingDay.objects.create(office=second, date=datetime.date(2026, 3, 27), name="Rapat")
    # the second office's day on a national day changes nothing
    NonWorkingDay.objects.create(office=second, date=datetime.date(2026, 3, 19), name="Nyepi")
    rng = random.Random(18)
    pairs = [
        (wib(2026, 3, 17, 15, 0), wib(2026, 3, 25, 9, 0)),
        (wib(2026, 3, 18, 10, 0), wib(2026, 3, 24, 23, 0)),  # inside the holidays: 0
        (wib(2026, 3, 13, 10, 0), wib(2026, 3, 16, 12, 0)),  # Friday to an own day off
        (wib(2026, 3, 27, 7, 0), wib(2026, 3, 27, 12, 0)),  # a Friday
    ]
    pairs += random_pairs(rng, wib(2026, 2, 20, 0, 0), 600)
    for hour, minute in ((7, 0), (7, 30), (8, 0), (11, 0), (15, 30), (16, 0), (23, 59)):
        pairs.append((wib(2026, 3, 13, hour, minute), wib(2026, 3, 27, hour, minute)))
        pairs.append((wib(2026, 3, 17, hour, minute), wib(2026, 3, 25, hour, minute)))
    for office in (first, second):
        assert sql_minutes(office, pairs) == python_minutes(office, pairs)
    assert sql_minutes(first, pairs[:4]) == [120, 0, 360 + 240, 240]
    # 17 March 15:00-15:30 and 25 March 07:30-09:00; Friday 13th 10:00-11:00 only;
    # the 27th is the second office's day off
    assert sql_minutes(second, pairs[:4]) == [30 + 90, 0, 60, 0]


def test_percentiles_are_postgresqls_interpolated_ones():
    from quality.models import SurveyInvitation
    from quality.stats import P90, Median

    values = [7, 1, 3, 10, 4, 4, 25, 2]
    for i, v in enumerate(values):
        SurveyInvitation.objects.create(
            office=default_office(), service="bkol", event_key=f"x:{i}", event_label=str(v)
        )
    from django.db.models import IntegerField
    from django.db.models.functions import Cast

    found = SurveyInvitation.objects.aggregate(
        median=Median(Cast("event_label", IntegerField())),
        p90=P90(Cast("event_label", IntegerField())),
    )
    assert found["median"] == statistics.median(values)
    deciles = statistics.quantiles(values, n=10, method="inclusive")
    assert found["p90"] == pytest.approx(deciles[8])
