"""Who may open the dashboard, the public page, and a fixed number of queries at any size."""

import datetime
import itertools

import pytest
from django.urls import reverse

from akad_permits.models import PermitApplication, PermitStep
from complaints.models import Complaint
from jobboard.models import RegistrationStep
from portal import roles
from quality import skm
from quality.models import SurveyInvitation, SurveyResponse
from tests.factories import default_office, make_employer, make_jobseeker
from tests.offices import office_url

from . import dataset
from .conftest import wib

pytestmark = pytest.mark.django_db

_seq = itertools.count(1000)


@pytest.mark.parametrize("role", [roles.SECTION_HEAD, roles.DIVISION_HEAD, roles.HEAD_OF_OFFICE])
def test_the_three_heads_open_the_dashboard(client, make_user, roles_synced, role):
    client.force_login(make_user("head", role=role))
    assert client.get(reverse("quality:dashboard")).status_code == 200
    assert client.get(reverse("quality:dashboard_csv", args=["vacancies"])).status_code == 200


@pytest.mark.parametrize(
    "role", [roles.JOB_PLACEMENT_OFFICER, roles.COMPLAINT_OFFICER, roles.SECRETARIAT]
)
def test_other_officers_are_refused(client, make_user, roles_synced, role):
    client.force_login(make_user("officer", role=role))
    assert client.get(reverse("quality:dashboard")).status_code == 403
    assert client.get(reverse("quality:dashboard_csv", args=["vacancies"])).status_code == 403


def test_a_non_staff_account_with_the_permission_is_refused(client, make_user, roles_synced):
    """Staff only: the permission alone (say, a head's account made non-staff) is not enough."""
    client.force_login(make_user("former", role=roles.HEAD_OF_OFFICE, staff=False))
    assert client.get(reverse("quality:dashboard")).status_code == 403


def test_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("quality:dashboard"))
    assert response.status_code == 302 and "/masuk/" in response["Location"]


def test_unknown_csv_table_is_not_found(head_client):
    assert head_client.get("/mutu/dasbor/nope.csv").status_code == 404


def test_the_admin_index_leads_heads_to_the_dashboard(client, head, officers):
    client.force_login(head)
    index = client.get(reverse("admin:index")).text
    url = reverse("admin:quality_dashboard_changelist")
    assert url in index
    assert client.get(url)["Location"] == reverse("quality:dashboard")
    client.force_login(officers[roles.SECRETARIAT])
    assert url not in client.get(reverse("admin:index")).text


def test_the_public_page_shows_index_grade_and_times_without_login(client, head, office):
    dataset.load(head)
    invitation = SurveyInvitation.objects.filter(service="bkol").first()
    SurveyResponse.objects.create(
        office_id=default_office().pk,
        invitation=invitation,
        service="bkol",
        **dict.fromkeys(skm.FIELDS, 3),
    )
    response = client.get(office_url("quality:public"))
    assert response.status_code == 200
    page = response.text
    assert 'id="ikm-bkol"' in page and "75,00" in page  # all 3s: 3 x 25
    assert "mutu <strong>C</strong>" in page
    assert "Pengecekan data dan aktivasi: 5 menit" in page
    assert "1 hari kerja dengan berkas lengkap" in page
    assert "Belum ada jawaban" in page  # AKAD and complaints have no answers


# --- fixed number of queries -----------------------------------------------------------


def bulk_data(n, actor):
    """n of everything the dashboard reads, spread over the twelve months."""
    employer = make_employer(status="active")
    office = employer.office
    seekers = [make_jobseeker(status="active") for _ in range(n)]
    base = wib(2026, 1, 5, 9, 0)
    steps, permits, complaints, invitations = [], [], [], []
    for i, seeker in enumerate(seekers):
        at = base + datetime.timedelta(days=5 * i % 320, minutes=i)
        steps.append(
            RegistrationStep(
                jobseeker=seeker,
                from_status="waiting",
                to_status="active",
                actor=actor,
                created_at=at,
            )
        )
        permits.append(
            PermitApplication(
                employer=employer,
                office=office,
                status=["issued", "disposed", "refused", "registered"][i % 4],
                elapsed_minutes=100 + 37 * i,
                state_entered_at=at,
                submitted_at=at,
            )
        )
        k = next(_seq)
        complaints.append(
            Complaint(
                office=office,
                book_year=2026,
                book_number=k,
                reference=f"PGD-BULK-{k}",
                channel=["counter", "email", "web", "radio", "telephone"][i % 5],
                received_at=at,
                complainant_name="x",
                text="-",
                status=["recorded", "answered", "with_kabid"][i % 3],
                status_changed_at=at,
                answered_at=at + datetime.timedelta(days=i % 9) if i % 3 == 1 else None,
            )
        )
        invitations.append(
            SurveyInvitation(
                office=office,
                service=["bkol", "akad", "pengaduan"][i % 3],
                event_key=f"bulk:{k}",
                event_label="-",
            )
        )
    RegistrationStep.objects.bulk_create(steps)
    PermitApplication.objects.bulk_create(permits)
    PermitStep.objects.bulk_create(
        PermitStep(
            application=p,
            action="register",
            from_status="submitted",
            to_status="registered",
            actor=actor,
            created_at=p.state_entered_at,
            minutes=i % 40,
        )
        for i, p in enumerate(permits)
    )
    Complaint.objects.bulk_create(complaints)
    SurveyInvitation.objects.bulk_create(invitations)
    SurveyResponse.objects.bulk_create(
        SurveyResponse(
            invitation=inv,
            office=office,
            service=inv.service,
            submitted_at=base + datetime.timedelta(days=i),
            **{f: 1 + (i + j) % 4 for j, f in enumerate(skm.FIELDS)},
        )
        for i, inv in enumerate(invitations)
    )


def test_the_dashboard_runs_a_fixed_number_of_queries(
    head, head_client, django_assert_max_num_queries
):
    url = reverse("quality:dashboard") + "?bulan=2026-11"
    dataset.load(head)
    head_client.get(url)  # the first request of a session also fills caches
    with django_assert_max_num_queries(30) as small:
        assert head_client.get(url).status_code == 200
    bulk_data(60, head)
    with django_assert_max_num_queries(len(small.captured_queries)) as big:
        assert head_client.get(url).status_code == 200
    assert len(big.captured_queries) == len(small.captured_queries)


def test_the_public_page_runs_a_fixed_number_of_queries(
    client, head, office, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10) as small:
        client.get(office_url("quality:public"))
    bulk_data(60, head)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(office_url("quality:public"))


def test_the_dashboard_renders_in_english_too(head_client):
    head_client.cookies["django_language"] = "en"
    page = head_client.get(reverse("quality:dashboard")).text
    assert "Service quality dashboard" in page and "Late AKAD permits" in page
    assert "own time from receipt" in page  # the definition of a late complaint


def test_the_public_page_for_a_calendar_year(client, head, office):
    from django.utils import timezone

    invitation = SurveyInvitation.objects.create(
        office=default_office(), service="akad", event_key="x:1", event_label="-"
    )
    SurveyResponse.objects.create(
        office_id=default_office().pk,
        invitation=invitation,
        service="akad",
        submitted_at=timezone.now().replace(year=timezone.now().year - 1),
        **dict.fromkeys(skm.FIELDS, 4),
    )
    this_year = client.get(office_url("quality:public"), {"tahun": timezone.now().year}).text
    last_year = client.get(office_url("quality:public"), {"tahun": timezone.now().year - 1}).text
    assert "100,00" not in this_year
    assert "100,00" in last_year and "mutu <strong>A</strong>" in last_year
    assert (
        f"Januari {timezone.now().year - 1} sampai Desember {timezone.now().year - 1}" in last_year
    )
    # Anything else falls back to the last twelve months.
    assert client.get(office_url("quality:public"), {"tahun": "1999"}).status_code == 200
