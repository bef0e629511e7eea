"""The database's figures agree with Python's: working minutes and percentiles."""

import datetime
import random
import statistics

import pytest
from django.db import connection

from akad_permits.standards import working_minutes
from tests.factories import default_office

from .conftest import wib

pytestmark = pytest.mark.django_db


def sql_minutes(pairs):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT quality_working_minutes(s, e) FROM unnest(%s::timestamptz[], "
            "%s::timestamptz[]) AS t(s, e)",
            [[s for s, _e in pairs], [e for _s, e in pairs]],
        )
        return [row[0] for row in cursor.fetchall()]


def test_working_minutes_in_sql_match_the_akad_standard_function():
    rng = random.Random(9)
    start = wib(2026, 10, 1, 0, 0)
    pairs = [
        (wib(2026, 11, 13, 15, 58), wib(2026, 11, 16, 8, 4)),  # over a weekend: 6
        (wib(2026, 11, 16, 7, 0), wib(2026, 11, 16, 17, 0)),  # a whole day: 480
        (wib(2026, 11, 16, 9, 0, 30), wib(2026, 11, 16, 9, 3, 10)),  # seconds: 2
        (wib(2026, 11, 16, 9, 0), wib(2026, 11, 16, 8, 0)),  # backwards: 0
        (wib(2026, 11, 21, 9, 0), wib(2026, 11, 22, 15, 0)),  # a weekend: 0
    ]
    for _ in range(600):
        a = start + datetime.timedelta(seconds=rng.randrange(0, 60 * 60 * 24 * 40))
        b = a + datetime.timedelta(seconds=rng.randrange(0, 60 * 60 * 24 * 9))
        pairs.append((a, b))
    for _ in range(100):  # microseconds, and spans of years
        a = start + datetime.timedelta(microseconds=rng.randrange(0, 10**6 * 3600 * 24 * 400))
        b = a + datetime.timedelta(microseconds=rng.randrange(0, 10**6 * 3600 * 24 * 900))
        pairs.append((a, b))
    for hour, minute in ((8, 0), (16, 0), (7, 59), (16, 1), (0, 0), (23, 59)):  # edges
        pairs.append((wib(2026, 11, 16, hour, minute), wib(2026, 11, 20, hour, minute)))
        pairs.append((wib(2026, 11, 14, hour, minute), wib(2026, 11, 16, hour, minute)))
    assert sql_minutes(pairs) == [working_minutes(s, e) for s, e in pairs]
    assert sql_minutes(pairs[:5]) == [6, 480, 2, 0, 0]


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
