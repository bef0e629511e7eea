"""The index as Permenpan RB 14/2017 computes it, against a set of answers worked out by hand."""

from decimal import Decimal

import pytest

from quality import skm
from quality.dashboard import survey_by_service
from quality.models import SurveyInvitation, SurveyResponse
from tests.factories import default_office

# Five respondents, elements U1..U9.
ANSWERS = [
    [4, 4, 3, 4, 3, 4, 4, 3, 4],
    [3, 3, 3, 4, 3, 3, 4, 3, 3],
    [2, 3, 2, 4, 3, 3, 3, 2, 3],
    [4, 4, 4, 4, 4, 4, 4, 4, 4],
    [3, 2, 3, 4, 2, 3, 3, 3, 2],
]
# By hand: column sums 16 16 15 20 15 17 18 15 16, divided by 5 respondents:
AVERAGES = [3.2, 3.2, 3.0, 4.0, 3.0, 3.4, 3.6, 3.0, 3.2]
# Sum 29.6; x 1/9 = 3.28889; x 25 = 82.2222 -> 82.22, grade B (76.61-88.30, "Baik").
EXPECTED = Decimal("82.22")


def test_ikm_of_a_known_set_by_hand():
    assert skm.ikm(AVERAGES) == EXPECTED
    assert skm.grade(EXPECTED)[0] == "B"


def test_the_extremes_are_25_and_100():
    assert skm.ikm([1] * 9) == Decimal("25.00")
    assert skm.ikm([4] * 9) == Decimal("100.00")
    assert skm.grade(Decimal("25.00"))[0] == "D"
    assert skm.grade(Decimal("100"))[0] == "A"


@pytest.mark.parametrize(
    "value, letter",
    [
        ("88.31", "A"),
        ("88.30", "B"),
        ("76.61", "B"),
        ("76.60", "C"),
        ("65.00", "C"),
        ("64.99", "D"),
        ("25.00", "D"),
    ],
)
def test_grade_boundaries_of_the_regulation(value, letter):
    assert skm.grade(Decimal(value))[0] == letter


def test_no_answers_no_index():
    assert skm.ikm([None] * 9) is None
    assert skm.grade(None) == (None, None)


def test_nine_elements_in_the_regulations_order_with_four_answers_each():
    assert [e.code for e in skm.ELEMENTS] == [f"U{i}" for i in range(1, 10)]
    assert all(len(e.answers) == 4 for e in skm.ELEMENTS)


@pytest.mark.django_db
def test_the_database_averages_give_the_same_index(django_assert_num_queries):
    for i, values in enumerate(ANSWERS):
        invitation = SurveyInvitation.objects.create(
            office=default_office(), service="akad", event_key=f"permit:{i}", event_label="-"
        )
        SurveyResponse.objects.create(
            office_id=default_office().pk,
            invitation=invitation,
            service="akad",
            **dict(zip(skm.FIELDS, values, strict=True)),
        )
    from django.utils import timezone

    now = timezone.now()
    with django_assert_num_queries(1):
        found = survey_by_service(
            now - timezone.timedelta(days=1), now + timezone.timedelta(days=1)
        )
    row = found["akad"]
    assert row["n"] == 5
    assert [round(float(row[f]), 2) for f in skm.FIELDS] == AVERAGES
    assert skm.ikm(row) == EXPECTED
