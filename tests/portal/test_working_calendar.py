"""The working calendar (issue 18 item 1): national holidays and joint leave days from the
``holidays`` package, each office's own days off and hours, read by every clock."""

import datetime

import pytest
from django.core.management import call_command
from django.db.models import F, Value
from django.urls import reverse
from django.utils import timezone

from akad_permits import timeline
from akad_permits.models import PermitApplication
from portal.demo import LUMAJANG
from portal.models import NonWorkingDay, Office
from portal.working_time import WORK_TZ, WorkingCalendar, national_days
from quality.figures.base import Period
from quality.figures.complaints import late_complaints
from quality.figures.permits import late_permits
from quality.stats import WorkingMinutes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("national_days")]


def wib(*args):
    return datetime.datetime(*args, tzinfo=WORK_TZ)


MARCH = datetime.date(2026, 3, 1)
SUBMITTED = wib(2026, 3, 17, 15, 0)  # Tuesday, the day before the joint leave of Nyepi
ON_25_MARCH = wib(2026, 3, 25, 9, 0)  # Wednesday, the first working day after Lebaran


def second_office(**hours):
    return Office.objects.create(**{**LUMAJANG, **hours})


def waiting_permit(office, entered=SUBMITTED):
    """A permit submitted through the applicant's service, its clock set to ``entered``."""
    from akad_permits import services
    from tests.akad_permits.conftest import make_application
    from tests.factories import make_employer

    employer = make_employer(status="active", company_name="PT Karya Abadi", office=office)
    application = make_application(employer)
    services.submit(application=application, actor=employer.user)
    PermitApplication.objects.filter(pk=application.pk).update(
        submitted_at=entered, state_entered_at=entered
    )
    return PermitApplication.objects.get(pk=application.pk)


def test_lebaran_2026_comes_from_the_holidays_package_with_its_joint_leave_days():
    days = {day: (name, kind) for day, name, kind in national_days([2026])}
    holiday, leave = NonWorkingDay.Kind.HOLIDAY, NonWorkingDay.Kind.JOINT_LEAVE
    march = {d.day: kind for d, (_name, kind) in days.items() if d.month == 3}
    assert march == {
        18: leave,
        19: holiday,
        20: leave,
        21: holiday,
        22: holiday,
        23: leave,
        24: leave,
    }
    assert "Nyepi" in days[datetime.date(2026, 3, 19)][0]
    assert "Idul Fitri" in days[datetime.date(2026, 3, 21)][0]
    assert "Cuti Bersama" in days[datetime.date(2026, 3, 20)][0]
    # stored for every office (migration portal 0012, the fixture here)
    stored = NonWorkingDay.objects.filter(office__isnull=True, date__month=3, date__year=2026)
    assert dict(stored.values_list("date__day", "kind")) == march


def test_load_holidays_is_idempotent_and_corrects_a_changed_day():
    NonWorkingDay.objects.filter(office__isnull=True, date=datetime.date(2026, 3, 19)).update(
        name="salah"
    )
    call_command("load_holidays", "2026")
    assert NonWorkingDay.objects.get(office__isnull=True, date="2026-03-19").name != "salah"
    before = NonWorkingDay.objects.count()
    call_command("load_holidays", "2026", "2027")
    assert NonWorkingDay.objects.count() == before


def test_a_permit_submitted_on_17_march_2026_is_not_late_overall_on_25_march(office):
    permit = waiting_permit(office)
    # 17 March 15:00-16:00 and 25 March 08:00-09:00: the six days between are off
    assert permit.total_minutes(ON_25_MARCH) == 120
    assert not permit.is_total_late(ON_25_MARCH)
    assert not timeline.build(permit, ON_25_MARCH)["total_late"]
    # without the calendar it would have been 2,520 minutes, five times the day
    assert WorkingCalendar().working_minutes(SUBMITTED, ON_25_MARCH) == 2520
    # the dashboard: listed for its 15-minute registration step, not late overall
    rows = late_permits(Period(MARCH, ON_25_MARCH)).rows
    assert [(r[-2], r[-1]) for r in rows] == [(120, "tidak")]


def test_the_queue_shows_the_permit_in_time_overall_over_lebaran(
    client, officers, office, monkeypatch
):
    from portal import roles

    permit = waiting_permit(office)
    monkeypatch.setattr(timezone, "now", lambda: ON_25_MARCH.astimezone(datetime.UTC))
    client.force_login(officers[roles.SECRETARIAT])
    page = client.get(reverse("admin:akad_permits_permitapplication_changelist"))
    assert page.status_code == 200
    html = page.content.decode()
    assert permit.reference in html
    assert "120 / 480" in html
    assert "2520 / 480" not in html


def test_a_complaint_received_on_a_joint_leave_day_counts_from_the_next_working_day(
    officers, office
):
    from complaints import services
    from portal import roles
    from tests.complaints.conftest import COMPLAINANT

    complaint = services.record_complaint(
        office=office,
        actor=officers[roles.COMPLAINT_OFFICER],
        channel="counter",
        data=COMPLAINANT,
    )
    received = wib(2026, 3, 18, 10, 0)  # joint leave of Nyepi
    type(complaint).objects.filter(pk=complaint.pk).update(
        received_at=received, status_changed_at=received
    )
    now = wib(2026, 3, 27, 12, 0)  # 25th and 26th in full, the 27th until noon
    minutes = (
        type(complaint)
        .objects.annotate(m=WorkingMinutes(F("office"), F("received_at"), Value(now)))
        .get(pk=complaint.pk)
        .m
    )
    assert minutes == 480 + 480 + 240
    # five working days are not past: not among the late complaints
    assert late_complaints(Period(MARCH, now)).rows == []


def test_the_complaint_queue_counts_working_days_without_lebaran(
    client, officers, office, monkeypatch
):
    from complaints import services
    from complaints.models import Complaint
    from portal import roles
    from tests.complaints.conftest import COMPLAINANT

    def received_on(moment):
        complaint = services.record_complaint(
            office=office,
            actor=officers[roles.COMPLAINT_OFFICER],
            channel="counter",
            data=COMPLAINANT,
        )
        Complaint.objects.filter(pk=complaint.pk).update(received_at=moment)

    received_on(wib(2026, 3, 18, 10, 0))  # joint leave: 25, 26 March and the 27th to noon
    received_on(wib(2026, 3, 10, 10, 0))  # six hours, five days, then the same 2.5 days
    client.force_login(officers[roles.COMPLAINT_OFFICER])
    monkeypatch.setattr(timezone, "now", lambda: wib(2026, 3, 27, 12, 0))
    html = client.get(reverse("admin:complaints_complaint_changelist")).content.decode()
    assert '<td class="field-working_age_display">2,5</td>' in html
    assert '<span class="complaint-late">8,2 · TERLAMBAT</span>' in html
    assert html.count("complaint-late") == 1


def test_an_offices_own_day_off_moves_its_figures_and_not_the_other_offices(office):
    other = second_office()
    mine, theirs = waiting_permit(office), waiting_permit(other)
    NonWorkingDay.objects.create(office=other, date=datetime.date(2026, 3, 25), name="Hari Jadi")
    mine.__dict__.pop("working_calendar", None)
    assert mine.total_minutes(ON_25_MARCH) == 120
    assert theirs.total_minutes(ON_25_MARCH) == 60  # only 17 March 15:00-16:00
    totals = dict(
        PermitApplication.objects.annotate(
            m=WorkingMinutes(F("office"), F("state_entered_at"), Value(ON_25_MARCH))
        ).values_list("office", "m")
    )
    assert totals == {office.pk: 120, other.pk: 60}


def test_friday_hours_of_the_office_are_its_own(office):
    short_friday = second_office(
        friday_opens_at=datetime.time(7, 30), friday_closes_at=datetime.time(11, 0)
    )
    friday, monday = wib(2026, 11, 20, 10, 30), wib(2026, 11, 23, 8, 30)
    assert waiting_permit(short_friday, friday).total_minutes(monday) == 30 + 30
    assert waiting_permit(office, friday).total_minutes(monday) == 330 + 30
    day = WorkingCalendar.of(short_friday)
    assert day.hours(datetime.date(2026, 11, 20)) == (datetime.time(7, 30), datetime.time(11, 0))
    assert day.hours(datetime.date(2026, 11, 19)) == (datetime.time(8), datetime.time(16))
    assert day.hours(datetime.date(2026, 3, 20)) is None  # a joint leave Friday


def test_the_calendar_and_the_hours_are_edited_in_the_admin(admin_client, office):
    page = admin_client.get(reverse("admin:portal_office_change", args=[office.pk]))
    assert page.status_code == 200
    assert b'name="friday_closes_at"' in page.content
    assert b'name="non_working_days-0-date"' in page.content or b"non_working_days" in page.content
    added = admin_client.post(
        reverse("admin:portal_nonworkingday_add"),
        {"office": office.pk, "date": "2026-04-20", "name": "Hari Jadi Kota", "kind": "office"},
    )
    assert added.status_code == 302
    day = NonWorkingDay.objects.get(office=office, date="2026-04-20")
    assert not WorkingCalendar.of(office).is_working_day(day.date)
    # a national date cannot be given twice, and an office day is of the office's kind
    refused = admin_client.post(
        reverse("admin:portal_nonworkingday_add"),
        {"office": "", "date": "2026-03-19", "name": "lagi", "kind": "holiday"},
    )
    assert refused.status_code == 200
    assert NonWorkingDay.objects.filter(office__isnull=True, date="2026-03-19").count() == 1
    listing = admin_client.get(
        reverse("admin:portal_nonworkingday_changelist") + "?date__year=2026"
    )
    assert "Hari Suci Nyepi" in listing.content.decode()
