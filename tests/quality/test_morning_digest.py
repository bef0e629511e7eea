"""The officers' morning digest: opt-in, what waits for each in his own offices, once a day."""

import datetime

import pytest
from django.utils import timezone

from background import schedule
from background.models import OutboxMail
from portal import roles
from portal.demo import LUMAJANG
from portal.models import Office
from quality import digest
from quality.models import MorningDigest
from tests.factories import make_employer, make_jobseeker

from .conftest import wib

MONDAY_7 = wib(2026, 11, 16, 7, 0)


@pytest.fixture
def lumajang(office):
    return Office.objects.create(**LUMAJANG)


@pytest.fixture
def officer(make_user, roles_synced):
    def make(username, role, office):
        user = make_user(username, role=role, office=office)
        return user

    return make


def digest_mails():
    return list(OutboxMail.objects.filter(template="quality/email/digest").order_by("pk"))


def test_an_officer_asks_for_the_digest_on_its_page_and_can_stop_it(client, officer, office):
    petugas = officer("petugas", roles.JOB_PLACEMENT_OFFICER, office)
    make_jobseeker(office=office, full_name="Ani Pendaftar")
    client.force_login(petugas)
    page = client.get("/mutu/ringkasan-pagi/").content.decode()
    assert "Ringkasan pagi" in page
    assert "Ani Pendaftar" in page  # what waits for him now
    assert "Kirimi saya ringkasan pagi" in page

    response = client.post("/mutu/ringkasan-pagi/", {"want": "1"}, follow=True)
    assert "mulai besok pukul 07.00" in response.content.decode()
    assert MorningDigest.objects.filter(user=petugas).exists()
    assert "Hentikan ringkasan pagi" in client.get("/mutu/ringkasan-pagi/").content.decode()

    client.post("/mutu/ringkasan-pagi/", {"want": "0"})
    assert not MorningDigest.objects.filter(user=petugas).exists()


def test_the_page_is_for_officers_only(client, make_user, office):
    client.force_login(make_user("warga"))
    assert client.get("/mutu/ringkasan-pagi/").status_code == 403
    assert client.post("/mutu/ringkasan-pagi/", {"want": "1"}).status_code == 403
    assert not MorningDigest.objects.exists()


def test_the_digest_lists_what_waits_for_each_officer_in_his_own_office(officer, office, lumajang):
    ours = officer("petugas", roles.JOB_PLACEMENT_OFFICER, office)
    theirs = officer("lmj-petugas", roles.JOB_PLACEMENT_OFFICER, lumajang)
    not_asked = officer("petugas2", roles.JOB_PLACEMENT_OFFICER, office)
    for person in (ours, theirs):
        MorningDigest.objects.create(user=person)
    seeker = make_jobseeker(office=office, full_name="Ani Probolinggo")
    make_jobseeker(office=lumajang, full_name="Budi Lumajang")
    make_employer(office=office, company_name="PT Kanigaran Jaya")
    make_jobseeker(office=office, full_name="Citra Aktif", status="active")

    assert digest.send_digests(MONDAY_7) == 2
    by_person = {tuple(m.to): m for m in digest_mails()}
    assert set(by_person) == {(ours.email,), (theirs.email,)}
    mail = by_person[(ours.email,)]
    assert "Yang menunggu Anda pada 16 November 2026" in mail.subject
    assert "Ani Probolinggo" in mail.body
    assert "PT Kanigaran Jaya" in mail.body
    assert f"/admin/jobboard/jobseeker/{seeker.pk}/change/" in mail.body
    assert "Pencari kerja yang menunggu aktivasi" in mail.body
    assert "Budi Lumajang" not in mail.body  # the other office's
    assert "Citra Aktif" not in mail.body  # nothing waits on her
    assert "Budi Lumajang" in by_person[(theirs.email,)].body
    assert not_asked.email not in {a for m in digest_mails() for a in m.to}


def test_the_digest_follows_the_roles_queues(officer, office, officers):
    """A Kasi's digest lists the complaints waiting for his own steps, not the officer's."""
    from complaints import services
    from tests.complaints.conftest import COMPLAINANT

    kasi = officer("kasi", roles.SECTION_HEAD, office)
    MorningDigest.objects.create(user=kasi)
    recorded = services.record_complaint(
        office=office, actor=officers[roles.COMPLAINT_OFFICER], channel="counter", data=COMPLAINANT
    )
    reported = services.record_complaint(
        office=office, actor=officers[roles.COMPLAINT_OFFICER], channel="counter", data=COMPLAINANT
    )
    services.report_to_section_head(
        complaint=reported, actor=officers[roles.COMPLAINT_OFFICER], note=""
    )
    assert digest.send_digests(MONDAY_7) == 1
    [mail] = digest_mails()
    assert reported.book_label in mail.body
    assert recorded.book_label not in mail.body
    assert reported.reference not in mail.body


def test_nothing_waiting_means_no_mail(officer, office):
    MorningDigest.objects.create(user=officer("petugas", roles.JOB_PLACEMENT_OFFICER, office))
    assert digest.send_digests(MONDAY_7) == 0
    assert digest_mails() == []


def test_sent_once_a_morning_at_seven_by_the_scheduler(officer, office):
    entries = [e for e in schedule.SCHEDULE if e.task == "quality.tasks.send_morning_digests"]
    assert [e.at for e in entries] == [datetime.time(7, 0)]
    MorningDigest.objects.create(user=officer("petugas", roles.JOB_PLACEMENT_OFFICER, office))
    make_jobseeker(office=office)

    today = timezone.localdate()

    def at(hour, minute, days=0):
        day = today + datetime.timedelta(days=days)
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))

    assert schedule.run_due(at(6, 59), entries) == []
    assert schedule.run_due(at(7, 0), entries) == ["quality.tasks.send_morning_digests"]
    assert len(digest_mails()) == 1
    assert schedule.run_due(at(9, 0), entries) == []
    # The task run a second time the same morning (a worker's crash): no second mail.
    assert digest.send_digests(at(7, 5)) == 0
    # The next morning, again.
    assert digest.send_digests(at(7, 0, days=1)) == 1
    assert len(digest_mails()) == 2
