"""Each office's time for a written answer to a complaint (issue 17 item 5, issue 15 item 1).

The complaint standard promises a written answer and names no time; each office sets its own
(``Office.complaint_answer_days``). Two offices, Probolinggo with 5 working days and Lumajang
with 3: the same complaint age is late in Lumajang and not in Probolinggo, for the escalation
(with the clock moved), the heads' dashboard (SQL) and the officers' complaint list alike.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from portal import roles
from portal.models import Office
from quality import escalation, targets
from quality.models import Escalation
from tests.complaints.conftest import COMPLAINANT

from .conftest import wib
from .test_escalation import escalation_mails

pytestmark = pytest.mark.django_db

# Monday 16 November 2026, 09:00 WIB; four working days later is Friday 20 November, 09:00.
START = wib(2026, 11, 16, 9, 0)
FOUR_DAYS_LATER = START + datetime.timedelta(days=4, minutes=1)


@pytest.fixture
def offices_with_times(office, lumajang):
    office.complaint_answer_days = 5
    office.save()
    lumajang.complaint_answer_days = 3
    lumajang.save()
    return office, lumajang


def received_at_start(place, staff):
    from complaints import services
    from complaints.models import Complaint

    complaint = services.record_complaint(
        office=place,
        actor=staff[(place.slug, roles.COMPLAINT_OFFICER)],
        channel="counter",
        data=dict(COMPLAINANT),
    )
    Complaint.objects.filter(pk=complaint.pk).update(received_at=START, status_changed_at=START)
    return complaint


def test_the_answer_time_is_one_to_sixty_working_days_five_by_default(office):
    assert Office._meta.get_field("complaint_answer_days").default == 5
    assert targets.complaint_answer_minutes(office) == 5 * targets.WORKING_DAY_MINUTES
    for wrong in (0, 61):
        office.complaint_answer_days = wrong
        with pytest.raises(ValidationError) as error:
            office.full_clean()
        assert "complaint_answer_days" in error.value.message_dict
    # the database keeps the bound too
    with pytest.raises(IntegrityError), transaction.atomic():
        Office.objects.filter(pk=office.pk).update(complaint_answer_days=0)


def test_the_same_age_is_late_in_one_office_only_and_escalated_there_once(
    staff, offices_with_times
):
    probolinggo, lumajang = offices_with_times
    early = received_at_start(probolinggo, staff)
    late = received_at_start(lumajang, staff)

    # three working days: Thursday 09:00 is not past it yet, a minute later is
    assert escalation.escalate_late_steps(START + datetime.timedelta(days=3)) == 0
    assert escalation.escalate_late_steps(FOUR_DAYS_LATER) == 1
    report = Escalation.objects.get()
    assert (report.office, report.object_id) == (lumajang, late.pk)
    assert report.standard_minutes == 3 * targets.WORKING_DAY_MINUTES
    [mail] = escalation_mails()
    assert mail.to == [staff[(lumajang.slug, roles.SECTION_HEAD)].email]
    # once, however often the check runs; Probolinggo's is still within its five days
    assert escalation.escalate_late_steps(FOUR_DAYS_LATER + datetime.timedelta(hours=1)) == 0
    assert not Escalation.objects.filter(object_id=early.pk).exists()
    # Probolinggo's goes up only after its own five working days (the next Monday 09:00)
    assert escalation.escalate_late_steps(START + datetime.timedelta(days=7)) == 0
    assert escalation.escalate_late_steps(START + datetime.timedelta(days=7, minutes=1)) == 1
    assert Escalation.objects.get(object_id=early.pk).office == probolinggo
    assert len(escalation_mails()) == 2


def test_the_dashboard_counts_each_complaint_against_its_offices_time(staff, offices_with_times):
    from quality.figures import complaints as figures
    from quality.figures.base import Period

    probolinggo, lumajang = offices_with_times
    received_at_start(probolinggo, staff)
    received_at_start(lumajang, staff)
    period = Period(month=datetime.date(2026, 11, 1), now=FOUR_DAYS_LATER)
    steps = figures.complaints_by_step(period)
    assert sum(row[-1] for row in steps.rows) == 1  # the "Late" column: Lumajang's only
    late = figures.late_complaints(period)
    assert len(late.rows) == 1
    assert "3" in steps.note and "5" in steps.note  # each office's time is named
    alone = Period(month=period.month, now=FOUR_DAYS_LATER, offices=[probolinggo.pk])
    assert figures.late_complaints(alone).rows == []
    assert "Lumajang" not in str(figures.complaint_note(alone))


def test_the_complaint_list_marks_late_by_the_offices_time(
    client, staff, offices_with_times, monkeypatch
):
    from django.utils import timezone

    probolinggo, lumajang = offices_with_times
    received_at_start(probolinggo, staff)
    received_at_start(lumajang, staff)
    monkeypatch.setattr(timezone, "now", lambda: FOUR_DAYS_LATER)
    client.force_login(
        type(staff[(lumajang.slug, roles.HEAD_OF_OFFICE)]).objects.create_superuser(
            "root-times", "root-times@example.com", "pw-Secret-123"
        )
    )
    page = client.get(reverse("admin:complaints_complaint_changelist"))
    assert page.status_code == 200
    assert page.text.count('class="complaint-late"') == 1  # Lumajang's, not Probolinggo's


def test_the_offices_pages_state_its_own_time(client, offices_with_times):
    from portal.demo import STANDARDS
    from portal.models import ServiceStandard
    from portal.offices import office_reverse

    complaint_standard = next(s for s in STANDARDS if s["service"] == "pengaduan")
    for place, days in zip(offices_with_times, (5, 3), strict=True):
        ServiceStandard.objects.filter(office=place, service="pengaduan").delete()
        ServiceStandard.objects.create(office=place, **complaint_standard)
        for page in (
            office_reverse(place, "complaints:create"),
            office_reverse(place, "portal:service_standard", args=["pengaduan"]),
        ):
            response = client.get(page)
            assert response.status_code == 200, page
            assert f"dalam {days} hari kerja" in response.text, page


def test_the_kepala_dinas_sets_his_own_offices_time_only(client, staff, offices_with_times):
    probolinggo, lumajang = offices_with_times
    kadis = staff[(lumajang.slug, roles.HEAD_OF_OFFICE)]
    client.force_login(kadis)
    own = reverse("admin:portal_office_change", args=[lumajang.pk])
    page = client.get(own)
    assert page.status_code == 200
    assert 'name="complaint_answer_days"' in page.text
    assert 'name="name"' not in page.text  # the rest of the office is the superuser's
    assert client.post(own, {"complaint_answer_days": "61"}).status_code == 200  # refused
    lumajang.refresh_from_db()
    assert lumajang.complaint_answer_days == 3
    response = client.post(own, {"complaint_answer_days": "10", "_save": "1"})
    assert response.status_code == 302, response.content[:2000]
    lumajang.refresh_from_db()
    assert lumajang.complaint_answer_days == 10
    # Probolinggo's page is not his
    other = reverse("admin:portal_office_change", args=[probolinggo.pk])
    assert client.get(other).status_code == 403
    assert client.post(other, {"complaint_answer_days": "1"}).status_code == 403
    probolinggo.refresh_from_db()
    assert probolinggo.complaint_answer_days == 5
    listing = client.get(reverse("admin:portal_office_changelist"))
    assert listing.status_code == 200
    assert lumajang.name in listing.text and probolinggo.name not in listing.text
    # a Kepala Seksi has no such permission
    client.force_login(staff[(lumajang.slug, roles.SECTION_HEAD)])
    assert client.get(own).status_code == 403
