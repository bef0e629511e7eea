"""Late steps go up the chain once (issue 17 item 5), with the clock moved.

Each rule: nothing before its standard, one report to the next person up in the record's own
office (not the other office's) just after it, and none again however often the check runs.
"""

import datetime

import pytest

from background import schedule
from background.models import OutboxMail
from portal import roles
from quality import escalation
from quality.models import Escalation
from tests.factories import make_employer, make_jobseeker

from .conftest import wib

# Monday 16 November 2026, 09:00 WIB: office hours, so working minutes run with the clock.
START = wib(2026, 11, 16, 9, 0)


def minutes(n):
    return START + datetime.timedelta(minutes=n)


def escalation_mails():
    return list(OutboxMail.objects.filter(template="quality/email/escalation").order_by("pk"))


def check(now):
    return escalation.escalate_late_steps(now)


def test_a_registration_waiting_past_five_minutes_goes_to_the_kasi_of_its_office_once(
    staff, office, lumajang
):
    seeker = make_jobseeker(office=lumajang)
    type(seeker).objects.filter(pk=seeker.pk).update(submitted_at=START)
    make_jobseeker(office=office)  # Probolinggo's, submitted just now: not late

    assert check(minutes(5)) == 0
    assert escalation_mails() == []

    assert check(minutes(6)) == 1
    kasi = staff[(lumajang.slug, roles.SECTION_HEAD)]
    [mail] = escalation_mails()
    assert mail.to == [kasi.email]
    assert seeker.full_name in mail.subject
    assert "Petugas Antar Kerja" in mail.body
    assert "menit kerja" in mail.body  # Indonesian
    assert f"/admin/jobboard/jobseeker/{seeker.pk}/change/" in mail.body

    # Again, later, and by a second worker's run: nothing more.
    assert check(minutes(7)) == 0
    assert check(minutes(60)) == 0
    assert len(escalation_mails()) == 1
    report = Escalation.objects.get()
    assert report.office == lumajang
    assert list(report.recipients.all()) == [kasi]
    assert (report.waiting_role, report.escalated_to) == (
        roles.JOB_PLACEMENT_OFFICER,
        roles.SECTION_HEAD,
    )


def test_an_employer_registration_follows_the_same_rule(staff, office):
    employer = make_employer(office=office)
    type(employer).objects.filter(pk=employer.pk).update(submitted_at=START)
    assert check(minutes(5)) == 0
    assert check(minutes(6)) == 1
    assert [m.to for m in escalation_mails()] == [[staff[(office.slug, roles.SECTION_HEAD)].email]]
    assert check(minutes(30)) == 0


def test_the_clock_counts_working_minutes_only(staff, office):
    seeker = make_jobseeker(office=office)
    friday_evening = wib(2026, 11, 13, 15, 58)
    type(seeker).objects.filter(pk=seeker.pk).update(submitted_at=friday_evening)
    # Two working minutes on Friday, none over the weekend.
    assert check(wib(2026, 11, 16, 7, 30)) == 0
    assert check(wib(2026, 11, 16, 8, 3)) == 0
    assert check(wib(2026, 11, 16, 8, 4)) == 1


def test_a_rejected_and_resubmitted_registration_is_a_new_wait(staff, office):
    seeker = make_jobseeker(office=office)
    model = type(seeker)
    model.objects.filter(pk=seeker.pk).update(submitted_at=START)
    assert check(minutes(6)) == 1
    # Decided, then sent again later: a new entry into the waiting state.
    model.objects.filter(pk=seeker.pk).update(status="rejected")
    assert check(minutes(7)) == 0
    assert Escalation.objects.get().resolved_at == minutes(7)
    model.objects.filter(pk=seeker.pk).update(status="waiting", submitted_at=minutes(30))
    assert check(minutes(35)) == 0
    assert check(minutes(36)) == 1
    assert Escalation.objects.count() == 2


# --- AKAD: each officer's step against its SOP minutes ---------------------------------------

AKAD = [
    # state, SOP minutes, waits for, reported to
    ("submitted", 15, roles.SECRETARIAT, roles.HEAD_OF_OFFICE),
    ("registered", 5, roles.HEAD_OF_OFFICE, roles.HEAD_OF_OFFICE),
    ("disposed", 15, roles.DIVISION_HEAD, roles.HEAD_OF_OFFICE),
    ("consulted", 15, roles.SECTION_HEAD, roles.DIVISION_HEAD),
    ("drafted", 5, roles.HEAD_OF_OFFICE, roles.HEAD_OF_OFFICE),
]


def test_the_akad_rules_are_the_sop_table():
    queue = escalation.BY_KEY["permit"]
    assert queue.standards == {state: sop for state, sop, _w, _r in AKAD}
    assert {state: escalation.waiting_role("permit", state) for state, *_ in AKAD} == {
        state: waits for state, _s, waits, _r in AKAD
    }


@pytest.mark.parametrize(("state", "sop", "waits_for", "reported_to"), AKAD)
def test_each_akad_step_goes_up_once_after_its_sop_minutes(
    staff, office, lumajang, state, sop, waits_for, reported_to
):
    from akad_permits.models import PermitApplication
    from tests.akad_permits.conftest import make_application

    application = make_application(make_employer(status="active", office=lumajang))
    PermitApplication.objects.filter(pk=application.pk).update(
        status=state, state_entered_at=START, submitted_at=START
    )
    assert check(minutes(sop)) == 0
    assert check(minutes(sop + 1)) == 1
    assert check(minutes(sop + 2)) == 0
    [mail] = escalation_mails()
    head = staff[(lumajang.slug, reported_to)]
    assert mail.to == [head.email]
    assert staff[(office.slug, reported_to)].email not in mail.to
    assert waits_for in mail.body
    report = Escalation.objects.get()
    assert (report.state, report.waiting_role, report.escalated_to) == (
        state,
        waits_for,
        reported_to,
    )


# --- Complaints: the written answer's time, from receipt, in whichever step it waits -----------


def test_an_unanswered_complaint_goes_up_after_the_answer_time_once_per_step(
    staff, office, lumajang
):
    from complaints import services
    from complaints.models import Complaint
    from quality import targets
    from tests.complaints.conftest import COMPLAINANT

    complaint = services.record_complaint(
        office=lumajang,
        actor=staff[(lumajang.slug, roles.COMPLAINT_OFFICER)],
        channel="counter",
        data=COMPLAINANT,
    )
    Complaint.objects.filter(pk=complaint.pk).update(received_at=START, status_changed_at=START)
    days = targets.COMPLAINT_ANSWER_WORKING_DAYS
    # Five working days from Monday 09:00: the next Monday 09:00.
    due = START + datetime.timedelta(days=7)
    assert check(due - datetime.timedelta(days=1)) == 0
    assert check(due) == 0
    assert check(due + datetime.timedelta(minutes=1)) == 1
    [mail] = escalation_mails()
    assert mail.to == [staff[(lumajang.slug, roles.SECTION_HEAD)].email]
    assert complaint.reference not in mail.subject + mail.body  # the complainant's key
    assert complaint.book_label in mail.subject
    assert check(due + datetime.timedelta(hours=2)) == 0
    assert days * 8 * 60 == Escalation.objects.get().standard_minutes

    # The Kasi passes it on late: now it waits for the Kabid, and the Kadis hears of it once.
    Complaint.objects.filter(pk=complaint.pk).update(
        status="with_kabid", status_changed_at=due + datetime.timedelta(hours=3)
    )
    assert check(due + datetime.timedelta(hours=3, minutes=1)) == 1
    assert check(due + datetime.timedelta(hours=4)) == 0
    assert [m.to for m in escalation_mails()][-1] == [
        staff[(lumajang.slug, roles.HEAD_OF_OFFICE)].email
    ]
    # Answered: nothing waits, both reports are closed.
    Complaint.objects.filter(pk=complaint.pk).update(status="answered")
    assert check(due + datetime.timedelta(days=3)) == 0
    assert not Escalation.objects.filter(resolved_at__isnull=True).exists()


def test_two_workers_report_one_entry_once(staff, office):
    """The unique constraint decides: a second insert for the same entry is refused."""
    from django.db import IntegrityError, transaction

    seeker = make_jobseeker(office=office)
    type(seeker).objects.filter(pk=seeker.pk).update(submitted_at=START)
    assert check(minutes(6)) == 1
    first = Escalation.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Escalation.objects.create(
            office=office,
            rule="jobseeker",
            content_type=first.content_type,
            object_id=first.object_id,
            label="x",
            state=first.state,
            state_label="x",
            state_entered_at=first.state_entered_at,
            waiting_role="x",
            escalated_to="x",
            standard_minutes=5,
            waited_minutes=6,
        )


def test_the_scheduler_runs_the_check_every_five_minutes(staff, office):
    entries = [e for e in schedule.SCHEDULE if e.task == "quality.tasks.escalate_late_steps"]
    assert [e.every for e in entries] == [300]
    seeker = make_jobseeker(office=office)
    type(seeker).objects.filter(pk=seeker.pk).update(
        submitted_at=datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=3)
    )
    assert schedule.run_due(schedule=entries) == ["quality.tasks.escalate_late_steps"]
    assert len(escalation_mails()) == 1
    assert schedule.run_due(schedule=entries) == []  # the slot is taken


def test_every_role_has_someone_above_it():
    assert set(roles.NEXT_UP) == set(roles.ALL_ROLES)
    assert set(roles.NEXT_UP.values()) <= set(roles.ALL_ROLES)


# --- the heads' dashboard ------------------------------------------------------------------


@pytest.fixture
def one_late_each(staff, office, lumajang):
    """A registration of each office, reported at 09:06; returns Probolinggo's."""
    ours = make_jobseeker(office=office, full_name="Siti Probolinggo")
    theirs = make_jobseeker(office=lumajang, full_name="Budi Lumajang")
    type(ours).objects.filter(pk__in=[ours.pk, theirs.pk]).update(submitted_at=START)
    check(minutes(6))
    return ours


def test_the_dashboard_lists_the_open_escalations_of_the_heads_office(
    client, staff, office, one_late_each
):
    ours = one_late_each
    client.force_login(staff[(office.slug, roles.DIVISION_HEAD)])
    page = client.get("/mutu/dasbor/").content.decode()
    assert "Dieskalasi" in page
    assert "Siti Probolinggo" in page
    assert f"/admin/jobboard/jobseeker/{ours.pk}/change/" in page
    assert "Budi Lumajang" not in page  # another office's

    type(ours).objects.filter(pk=ours.pk).update(status="active")
    check(minutes(7))
    page = client.get("/mutu/dasbor/").content.decode()
    assert "Siti Probolinggo" not in page


def test_the_admin_lists_the_reports_of_the_heads_own_offices(
    client, staff, office, lumajang, one_late_each
):
    client.force_login(staff[(office.slug, roles.HEAD_OF_OFFICE)])
    listing = client.get("/admin/quality/escalation/").content.decode()
    assert "Siti Probolinggo" in listing
    assert "Budi Lumajang" not in listing
    other = Escalation.objects.get(office=lumajang)
    assert client.get(f"/admin/quality/escalation/{other.pk}/change/").status_code == 403
    own = Escalation.objects.get(office=office)
    assert client.get(f"/admin/quality/escalation/{own.pk}/change/").status_code == 200
