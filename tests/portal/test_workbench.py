"""The admin as the officers' workbench (issue 19 item 6).

Its start page shows, per queue the officer works, how many wait and since when, each linking
to the filtered change list, in the officer's own offices only; the login-security records
come last; the page's queries do not grow with the records or the offices. The activation
page shows the KTP and AK/I scans beside the data, through the checked file view.
"""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from portal import roles
from portal.demo import LUMAJANG
from portal.models import Office
from tests.conftest import PNG_BYTES, first_office
from tests.factories import make_jobseeker

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_offices(roles_synced, make_user):
    from types import SimpleNamespace

    w = SimpleNamespace(a=first_office())
    w.b = Office.objects.create(**LUMAJANG)
    w.pak_a = make_user("pak-a", role=roles.JOB_PLACEMENT_OFFICER, office=w.a)
    w.pak_b = make_user("pak-b", role=roles.JOB_PLACEMENT_OFFICER, office=w.b)
    w.kasi_a = make_user("kasi-a", role=roles.SECTION_HEAD, office=w.a)
    w.root = make_user("root", superuser=True)
    return w


def waiting_seeker(office, hours_ago):
    seeker = make_jobseeker(office=office)
    submitted = timezone.now() - datetime.timedelta(hours=hours_ago)
    type(seeker).objects.filter(pk=seeker.pk).update(submitted_at=submitted)
    return seeker, submitted


def workbench(client, user):
    client.force_login(user)
    page = client.get(reverse("admin:index"))
    assert page.status_code == 200
    return page, {str(q["title"]): q for q in page.context["workbench"]}


def test_each_officer_sees_his_queues_in_his_office_with_the_oldest(client, two_offices):
    w = two_offices
    oldest, oldest_at = waiting_seeker(w.a, 5)
    waiting_seeker(w.a, 1)
    waiting_seeker(w.b, 9)  # Lumajang's: not in Probolinggo's count, nor its oldest

    page, queues = workbench(client, w.pak_a)
    seekers = queues["pencari kerja"]
    assert seekers["count"] == 2
    assert abs(seekers["oldest"] - oldest_at) < datetime.timedelta(seconds=1)
    assert "pemberi kerja" in queues and queues["pemberi kerja"]["count"] == 0
    assert not any("pengaduan" in title for title in queues)  # not his work
    # the page leads with the queues, each linking to its filtered change list
    text = page.text
    assert text.index('id="workbench"') < text.index('id="content-main"')
    listing = client.get(seekers["url"])
    assert listing.status_code == 200
    assert oldest.full_name in listing.text
    assert listing.context["cl"].result_count == 2

    _page, queues = workbench(client, w.pak_b)
    assert queues["pencari kerja"]["count"] == 1
    _page, queues = workbench(client, w.kasi_a)
    assert "pencari kerja" not in queues  # the Kasi activates nobody


def test_the_complaints_waiting_at_the_kasis_step_are_his(client, two_offices, make_user):
    from complaints import services
    from tests.complaints.conftest import COMPLAINANT

    w = two_offices
    clerk = make_user("pengaduan-a", role=roles.COMPLAINT_OFFICER, office=w.a)
    complaint = services.record_complaint(
        office=w.a, actor=clerk, channel="counter", data=dict(COMPLAINANT)
    )
    _page, queues = workbench(client, w.kasi_a)
    assert queues["pengaduan"]["count"] == 0  # recorded: the complaint officer's step
    services.report_to_section_head(complaint=complaint, actor=clerk)
    _page, queues = workbench(client, w.kasi_a)
    assert queues["pengaduan"]["count"] == 1
    assert queues["pengaduan"]["oldest"] is not None


def test_security_records_come_last(client, two_offices):
    client.force_login(two_offices.root)
    apps = [app["app_label"] for app in client.get(reverse("admin:index")).context["app_list"]]
    assert "axes" in apps
    security = apps.index("axes")
    assert all(
        a in ("axes", "otp_static", "otp_totp", "django_tasks_database") for a in apps[security:]
    )
    assert apps.index("jobboard") < security and apps.index("complaints") < security


def test_the_index_costs_the_same_queries_whatever_the_records_and_offices(client, two_offices):
    w = two_offices

    def count(user):
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("admin:index")).status_code == 200
        return len(queries)

    waiting_seeker(w.a, 2)
    small = {user.username: count(user) for user in (w.pak_a, w.kasi_a, w.root)}
    for place in (w.a, w.b, Office.objects.create(slug="kota-x", region_code="3579", name="X")):
        for hours in (1, 2, 3):
            waiting_seeker(place, hours)
    big = {user.username: count(user) for user in (w.pak_a, w.kasi_a, w.root)}
    assert big == small
    assert max(small.values()) <= 20, small


# --- the activation page: scans beside the data, through the checked view ------------------


def test_the_officer_of_the_office_sees_the_scans_inline_and_another_office_gets_403(
    client, two_offices
):
    w = two_offices
    seeker = make_jobseeker(office=w.a)  # its KTP and AK/I scans are PDFs
    seeker.ktp_scan.save("ktp.png", ContentFile(PNG_BYTES), save=True)
    ktp = reverse("portal:download", args=["jobboard.JobSeeker", seeker.pk, "ktp_scan"])
    ak1 = reverse("portal:download", args=["jobboard.JobSeeker", seeker.pk, "ak1_scan"])

    client.force_login(w.pak_a)
    page = client.get(reverse("admin:jobboard_jobseeker_change", args=[seeker.pk]))
    assert page.status_code == 200
    text = page.text
    assert f'<img src="{ktp}?lihat=1"' in text
    assert f'<iframe src="{ak1}?lihat=1"' in text
    # beside the identity it proves: the KTP comes before the NIK's row, in the same fieldset
    assert text.index(f'<img src="{ktp}?lihat=1"') < text.index("field-nik")
    image = client.get(f"{ktp}?lihat=1")
    assert image.status_code == 200
    assert image["Content-Disposition"].startswith("inline")
    assert image["Content-Type"] == "image/png"
    pdf = client.get(f"{ak1}?lihat=1")
    assert pdf.status_code == 200
    assert pdf["Content-Disposition"].startswith("inline")
    assert pdf["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in pdf["Content-Security-Policy"]
    # without asking to see it, a download as before, framed by nobody
    saved = client.get(ktp)
    assert saved["Content-Disposition"].startswith("attachment")
    assert client.get(ak1)["X-Frame-Options"] == "DENY"

    client.force_login(w.pak_b)
    for url in (ktp, f"{ktp}?lihat=1", f"{ak1}?lihat=1"):
        assert client.get(url).status_code in (403, 404), url
    assert (
        client.get(reverse("admin:jobboard_jobseeker_change", args=[seeker.pk])).status_code == 403
    )


def test_who_may_not_read_the_documents_sees_no_scan(client, two_offices):
    w = two_offices
    seeker = make_jobseeker(office=w.a)
    client.force_login(w.kasi_a)  # reads job seekers, not their documents
    page = client.get(reverse("admin:jobboard_jobseeker_change", args=[seeker.pk]))
    assert page.status_code == 200
    assert "/berkas/" not in page.text
    assert seeker.nik in page.text
