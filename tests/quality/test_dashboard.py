"""The dashboard's figures for a known data set, against figures worked out by hand
(tests/quality/dataset.py explains each)."""

import csv
import io

import pytest
from django.urls import reverse

from quality import charts, dashboard, services, skm, targets
from quality.headline import headline
from quality.models import SurveyInvitation, SurveyResponse

from . import dataset
from .conftest import NOVEMBER, NOW, wib

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(head):
    return dataset.load(head)


@pytest.fixture
def period():
    return dashboard.Period(month=NOVEMBER, now=NOW)


def row_for(table, label):
    return next(row for row in table.rows if row[0] == label)


def test_registrations_activations_and_time_to_decision(data, period):
    table = dashboard.registrations(period)
    assert len(table.rows) == 12
    november, october = table.rows[-1], table.rows[-2]
    # registered js, registered emp, activated js, activated emp, decisions, median, p90, late
    assert november[1:] == [3, 1, 3, 1, 5, 4.0, 8.4, 2]
    assert october[1:] == [0, 1, 0, 0, 0, None, None, 0]


def test_vacancies_open_and_placements(data, period):
    table = dashboard.vacancies(period)
    assert table.rows[-1][1:] == [2, 1, 1]  # published, open now, placements
    assert table.rows[-2][1:] == [1, 1, 0]


def test_complaints_by_channel_answered_and_by_step(data, period):
    channels = dashboard.complaints_by_channel(period)
    assert channels.rows[-1][1:] == [1, 0, 1, 0, 1, 3]  # counter, phone, e-mail, radio, web
    assert channels.rows[-2][1:] == [0, 1, 0, 0, 0, 1]

    answered = dashboard.complaints_answered(period)
    assert answered.rows[-1][1:] == [2, 4.5, 6.5, 1]

    steps = dashboard.complaints_by_step(period)
    recorded, reported = steps.rows[0], steps.rows[1]
    # waiting, median days in step, median days since receipt, oldest, late
    assert recorded[1:] == [1, 23.75, 23.75, 23.75, 1]
    assert reported[1:] == [1, 2.25, 2.75, 2.75, 0]
    assert all(row[1] == 0 for row in steps.rows[2:])


def test_late_complaints_are_listed_oldest_first(data, period):
    late = dashboard.late_complaints(period)
    assert [(r[0], r[-1]) for r in late.rows] == [("PGD-TEST-4", 23.75), ("PGD-TEST-2", 7.0)]
    # October: c4 received then and unanswered now is late; nothing was answered in October.
    october = dashboard.late_complaints(dashboard.Period(month=NOVEMBER.replace(month=10), now=NOW))
    assert [r[0] for r in october.rows] == ["PGD-TEST-4"]


def test_permit_steps_against_the_sop(data, period):
    table = dashboard.permit_steps(period)
    # step, SOP, taken, median, p90, over, waiting now, waiting late
    assert [row[1:] for row in table.rows] == [
        [15, 3, 20.0, 84.0, 2, 0, 0],
        [5, 3, 10.0, 402.0, 2, 0, 0],
        [15, 1, 15.0, 15.0, 0, 1, 1],
        [15, 1, 10.0, 10.0, 0, 0, 0],
        [5, 1, 250.0, 250.0, 1, 0, 0],
    ]


def test_permits_decided_against_one_working_day(data, period):
    table = dashboard.permits_completed(period)
    assert table.rows[-1][1:] == [1, 1, 450.0, 570.0, 1]
    assert table.rows[-2][1:] == [1, 0, 700.0, 700.0, 1]


def test_late_permits_listed(data, period):
    p1, p2, p3 = (
        a for a in sorted(dataset.PermitApplication.objects.all(), key=lambda a: a.pk)[:3]
    )
    table = dashboard.late_permits(period)
    # reference, applicant, status, submitted, late steps in month, in step, SOP, total, >1 day
    assert [(r[0], r[4], r[5], r[6], r[7], str(r[8])) for r in table.rows] == [
        (p2.reference, 2, None, None, 600, "ya"),
        (p3.reference, 1, 300, 15, 320, "tidak"),
        (p1.reference, 2, None, None, 300, "tidak"),
    ]


def test_survey_element_averages_and_index(data, period):
    """Two job-exchange answers (all 4, all 3): every element 3.5, IKM 87.50, B.
    One AKAD answer (eight 4s and a 3): 35/9 x 25 = 97.22, A."""
    invitations = SurveyInvitation.objects.order_by("pk")
    bkol = list(invitations.filter(service="bkol")[:2])
    akad = invitations.filter(service="akad").first()
    answers = services.answer
    answers(invitation=bkol[0], answers=dict.fromkeys(skm.FIELDS, 4))
    answers(invitation=bkol[1], answers=dict.fromkeys(skm.FIELDS, 3))
    answers(invitation=akad, answers={**dict.fromkeys(skm.FIELDS, 4), "u9_facilities": 3})
    SurveyResponse.objects.update(submitted_at=wib(2026, 11, 19, 10))

    elements, series = dashboard.survey_tables(period)
    job = elements.rows[0]
    assert job[1] == 2 and job[2:11] == [3.5] * 9
    assert str(job[11]) == "87.50" and job[12].startswith("B")
    permit = elements.rows[1]
    assert permit[1] == 1 and permit[2:11] == [4.0] * 8 + [3.0]
    assert str(permit[11]) == "97.22" and permit[12].startswith("A")
    assert elements.rows[2][1] == 0 and elements.rows[2][11] is None
    assert series.rows[-1][1:4] == [2, job[11], "B"]


def test_the_page_shows_the_figures_and_each_table_downloads_as_csv(data, head_client):
    response = head_client.get(reverse("quality:dashboard"), {"bulan": "2026-11"})
    assert response.status_code == 200
    page = response.text
    assert "AKAD-" in page and "PGD-TEST-4" in page
    assert page.count("<svg") == 4
    # Readable without colour: a pattern per series, named in the legend, values on the bars.
    assert 'fill="url(#permit-steps-hatch)"' in page
    assert ">Median dalam bulan ini</text>" in page
    assert ">250,0</text>" in page  # the signature's median minutes in November
    for key in dashboard.TABLE_BUILDERS:
        assert f"/mutu/dasbor/{key}.csv?bulan=2026-11" in page
    response = head_client.get(
        reverse("quality:dashboard_csv", args=["registrations"]), {"bulan": "2026-11"}
    )
    assert response["Content-Type"].startswith("text/csv")
    assert "registrations-2026-11.csv" in response["Content-Disposition"]
    # semicolons and decimal commas: an Excel set to Indonesian opens it in columns
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 13
    assert rows[-1][1:] == ["3", "1", "3", "1", "5", "4,0", "8,4", "2"]


def test_a_bad_month_is_refused_on_the_field(head_client):
    response = head_client.get(reverse("quality:dashboard"), {"bulan": "2099-01"})
    assert response.status_code == 200
    assert response.context["form"].errors["bulan"]
    assert 'value="2099-01"' in response.text  # what was typed is kept
    assert response.context["period"].month.year == 2026


def test_typed_names_in_the_csv_cannot_run_as_formulas(data, head_client):
    data["employer"].__class__.objects.filter(pk=data["employer"].pk).update(
        company_name='=HYPERLINK("http://evil.example","x")'
    )
    response = head_client.get(
        reverse("quality:dashboard_csv", args=["permits_late"]), {"bulan": "2026-11"}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert all(row[1].startswith("'=HYPERLINK") for row in rows[1:])


def test_the_headline_shows_the_months_late_items_medians_and_ikm(data, period, head_client):
    """The same data set: November's late items, each median against its standard, the IKM."""
    invitations = SurveyInvitation.objects.order_by("pk")
    bkol = list(invitations.filter(service="bkol")[:2])
    services.answer(invitation=bkol[0], answers=dict.fromkeys(skm.FIELDS, 4))
    services.answer(invitation=bkol[1], answers=dict.fromkeys(skm.FIELDS, 3))
    SurveyResponse.objects.update(submitted_at=wib(2026, 11, 19, 10))

    sections = dashboard.build(period)
    top = headline({t.key: t for _title, ts in sections for t in ts})
    assert [(item.count, item.anchor) for item in top.late] == [
        (3, "table-permits_late"),
        (2, "table-complaints_late"),
        (2, "table-registrations"),
    ]
    assert [(item.median, item.standard, item.taken, item.over) for item in top.times] == [
        (4.0, 5, 5, False),  # activation
        (20.0, 15, 3, True),  # the five permit steps against the SOP table
        (10.0, 5, 3, True),
        (15.0, 15, 1, False),
        (10.0, 15, 1, False),
        (250.0, 5, 1, True),
        (450.0, 480, 2, False),  # the whole permit against 1 working day
        (4.5, 5, 2, False),  # the complaint answer, in working days
    ]
    assert [(str(i.value), i.grade, i.respondents) for i in top.ikm] == [
        ("87.50", "B (Baik)", 2),
        ("None", None, 0),
        ("None", None, 0),
    ]

    page = head_client.get(reverse("quality:dashboard"), {"bulan": "2026-11"}).text
    late = page.split('id="headline-late"')[1].split("</dl>")[0]
    assert '<a href="#table-permits_late">' in late and ">3</dd>" in late
    times = page.split('id="headline-times"')[1].split("</dl>")[0]
    assert times.count("melebihi standar") == 3 and times.count("sesuai standar") == 5
    assert "<strong>250,0</strong>" in times
    assert '<strong class="fs-5">87,50</strong> B (Baik)' in page
    # the headline comes first; the sections below it are folded, the first one open
    assert page.index('id="headline"') < page.index("<details")
    assert page.count("<details") == 5 and page.count("<details class") == 5
    assert page.count(" open>") == 1


def test_the_late_count_is_complete_when_the_list_is_cut(data, period, monkeypatch):
    monkeypatch.setattr(targets, "LATE_LIST_LIMIT", 1)
    table = dashboard.late_permits(period)
    assert len(table.rows) == 1 and table.cut and table.total == 3
    assert dashboard.late_complaints(period).total == 2


def test_a_chart_of_twelve_months_fits_a_phone_column():
    """Every bar and its value inside the drawing; its text 12 px or more once the drawing is
    scaled into a 330 px column (a 360 px phone less the page's margins)."""
    months = [f"Bln {i:02d}" for i in range(12)]
    chart = charts.bar_chart(
        "k", "t", months, [("a", [i * 100 for i in range(12)]), ("b", [None] * 12)]
    )
    assert len(chart.categories) == 12 and len(chart.bars) == 24
    assert all(b.x >= 0 and b.label_x + charts.VALUE_W - 4 <= chart.width for b in chart.bars)
    assert max(b.width for b in chart.bars) > chart.width / 2  # the longest bar uses the room
    assert [b.value for b in chart.bars[1::2]] == ["–"] * 12  # no value: written as a dash
    assert chart.font * 330 / chart.width >= 12
    # labels too long for a column on the left stand above their bars, without an axis line
    long = charts.bar_chart("k", "t", ["Bursa Kerja On Line", "Pengaduan"], [("a", [80, 90])])
    assert not long.axis and all(b.x == 0 for b in long.bars)
