"""Issue 15 item 6: AKAD across offices. The "Rekomendasi Rekrutmen AKAD" comes from the
labour office of the region the workers go to; on the portal its Kadis issues it, with its
own number, and the permit application at the recruiting region's office refers to it: the
Sekretariat sees it confirmed, the permit names it."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from akad_permits import services
from akad_permits.models import (
    PermitApplication,
    Recommendation,
    RecommendationStatus,
    Status,
)
from akad_permits.workflows import RECOMMENDATION_WORKFLOW
from portal import roles
from portal.models import Office
from portal.workflow import MoveRefused
from tests.factories import make_employer, make_jobseeker

from .conftest import bring_to, make_application
from .test_office_documents import LUMAJANG, pdf_text

pytestmark = pytest.mark.django_db

ROWS = [pytest.param(m, id=f"{m.source}-{m.action}") for m in RECOMMENDATION_WORKFLOW.moves]


@pytest.fixture
def lumajang(office):
    # after the first office (Kota Probolinggo), which the factories take as their default
    return Office.objects.create(**LUMAJANG)


@pytest.fixture
def officers_of(make_user, roles_synced):
    """officers_of(office) -> one officer per role holding that role in ``office``."""

    def make(office):
        return {
            role: make_user(f"{office.slug}-{i}", role=role, office=office)
            for i, role in enumerate(roles.ALL_ROLES)
        }

    return make


@pytest.fixture
def employer(lumajang):
    # registered where it recruits (any office would do: the recommendation is the employer's)
    return make_employer(status="active", office=lumajang, company_name="PT Karya Lintas Daerah")


def requested(employer, office, recruiting_office, **fields):
    values = dict(
        actor=employer.user,
        office=office,
        recruiting_office=recruiting_office,
        user_company="PT Industri Pangan Probolinggo",
        positions="Operator produksi\nPengemas",
        male_count=12,
        female_count=18,
    )
    values.update(fields)
    return services.request_recommendation(**values)


def issued(recommendation, kadis):
    return services.issue_recommendation(
        recommendation=recommendation,
        actor=kadis,
        valid_until=timezone.localdate() + datetime.timedelta(days=180),
    )


@pytest.fixture
def recommendation(employer, office, lumajang):
    """Requested from Kota Probolinggo (the workers go there), for recruiting in Lumajang."""
    return requested(employer, office, lumajang)


# --- the move table -------------------------------------------------------------------------


def inputs(action):
    return {
        "issue": {"valid_until": timezone.localdate() + datetime.timedelta(days=90)},
        "refuse": {"reason": "Kuota penempatan daerah tujuan sudah penuh."},
    }[action]


def put_in(recommendation, state):
    Recommendation.objects.filter(pk=recommendation.pk).update(status=state)
    recommendation.refresh_from_db()
    return recommendation


def take(move, recommendation, actor):
    return move.service_function()(
        recommendation=recommendation, actor=actor, **inputs(move.action)
    )


@pytest.mark.parametrize("move", ROWS)
def test_a_row_is_refused_to_every_actor_without_its_permission(
    move, recommendation, office, officers_of, make_user
):
    actors = {
        f"role {role}": user
        for role, user in officers_of(office).items()
        if not user.has_perm(move.permission)
    }
    actors["job seeker"] = make_jobseeker(status="active").user
    actors["another employer"] = make_employer(status="active").user
    actors["the requesting employer"] = recommendation.employer.user
    actors["staff without a role"] = make_user("bare-staff", staff=True)
    actors["not logged in"] = AnonymousUser()
    for name, actor in actors.items():
        with pytest.raises(PermissionDenied):
            take(move, recommendation, actor)
        recommendation.refresh_from_db()
        assert recommendation.status == RecommendationStatus.REQUESTED, name
    assert not recommendation.steps.exists()


@pytest.mark.parametrize("move", ROWS)
def test_a_row_is_refused_from_every_state_it_does_not_leave(
    move, recommendation, office, officers_of
):
    kadis = officers_of(office)[roles.HEAD_OF_OFFICE]
    for state in RecommendationStatus:
        if state == move.source:
            continue
        put_in(recommendation, state)
        with pytest.raises(MoveRefused):
            take(move, recommendation, kadis)
        recommendation.refresh_from_db()
        assert recommendation.status == state
    assert not recommendation.steps.exists()


@pytest.mark.parametrize("move", ROWS)
def test_a_row_is_allowed_from_its_source_and_writes_its_step(
    move, recommendation, office, officers_of
):
    kadis = officers_of(office)[roles.HEAD_OF_OFFICE]
    assert kadis.has_perm(move.permission)  # the Kadis of the destination office signs
    take(move, recommendation, kadis)
    recommendation.refresh_from_db()
    assert recommendation.status == move.target
    step = recommendation.steps.get()
    assert (step.action, step.from_status, step.to_status, step.actor) == (
        move.action,
        move.source,
        move.target,
        kadis,
    )


def test_the_recruiting_offices_kadis_may_not_issue_the_destination_offices_recommendation(
    recommendation, office, lumajang, officers_of, client
):
    """The recommendation is the destination office's record: the Kadis of Lumajang (where
    the workers are recruited) is nobody there, in the service and on the admin's pages."""
    lumajang_kadis = officers_of(lumajang)[roles.HEAD_OF_OFFICE]
    for move in RECOMMENDATION_WORKFLOW.moves:
        with pytest.raises(PermissionDenied):
            take(move, recommendation, lumajang_kadis)
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.REQUESTED
    client.force_login(lumajang_kadis)
    step = reverse("admin:akad_permits_recommendation_step", args=[recommendation.pk, "issue"])
    assert client.get(step).status_code in (403, 404)
    change = reverse("admin:akad_permits_recommendation_change", args=[recommendation.pk])
    assert client.get(change).status_code in (403, 404)
    listing = client.get(reverse("admin:akad_permits_recommendation_changelist"))
    assert recommendation.employer.company_name not in listing.content.decode()


# --- the recommendation itself ----------------------------------------------------------------


def test_each_destination_office_numbers_its_recommendations_from_one_in_its_own_format(
    employer, office, lumajang, officers_of
):
    office.recommendation_number_format = "562/{seq:03d}/REK/{year}"
    office.save()
    lumajang.recommendation_number_format = "LMJ-REK/{seq}/{year}"
    lumajang.save()
    probolinggo_kadis = officers_of(office)[roles.HEAD_OF_OFFICE]
    lumajang_kadis = officers_of(lumajang)[roles.HEAD_OF_OFFICE]
    first = issued(requested(employer, office, lumajang), probolinggo_kadis)
    second = issued(requested(employer, office, lumajang), probolinggo_kadis)
    # the other way round: workers recruited in Probolinggo go to Lumajang
    other = issued(requested(employer, lumajang, office), lumajang_kadis)
    year = timezone.localdate().year
    assert (first.number, second.number) == (f"562/001/REK/{year}", f"562/002/REK/{year}")
    assert other.number == f"LMJ-REK/1/{year}"
    assert first.office == office and first.issued_on == timezone.localdate()
    assert first.signer_name == office.head_name and first.signer_nip == office.head_nip


def test_the_employer_is_told_by_mail_from_the_issuing_office(recommendation, office, officers_of):
    from background.models import OutboxMail

    issued(recommendation, officers_of(office)[roles.HEAD_OF_OFFICE])
    mail = OutboxMail.objects.get(template="akad_permits/email/recommendation_issued")
    assert recommendation.employer.email in mail.to
    assert recommendation.number in mail.body and office.name in mail.body


def test_a_request_goes_to_another_region_an_office_offering_akad_from_an_active_employer(
    employer, office, lumajang
):
    with pytest.raises(MoveRefused):
        requested(employer, lumajang, lumajang)  # the recruiting region recommends nothing
    office.offers_akad = False
    office.save()
    with pytest.raises(MoveRefused):
        requested(employer, office, lumajang)
    office.offers_akad = True
    office.save()
    with pytest.raises(MoveRefused):
        requested(employer, office, lumajang, male_count=0, female_count=0)
    with pytest.raises(PermissionDenied):
        requested(make_employer(status="waiting"), office, lumajang)
    assert not Recommendation.objects.exists()


# --- the application at the recruiting region's office ----------------------------------------


def portal_application(employer, recommendation, **fields):
    """An application at Lumajang naming the recommendation: no typed letter, no upload."""
    application = make_application(
        employer,
        office=recommendation.recruiting_office,
        recommendation=recommendation,
        recommendation_number="",
        recommendation_date=None,
        recommendation_issuer="",
        **fields,
    )
    application.recommendation_file.delete(save=True)
    return application


def test_a_portal_recommendation_stands_for_the_letter_and_its_upload(
    employer, recommendation, office, officers_of
):
    issued(recommendation, officers_of(office)[roles.HEAD_OF_OFFICE])
    application = portal_application(employer, recommendation)
    services.submit(application=application, actor=employer.user)
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


@pytest.mark.parametrize("case", ["not issued", "another employer", "another recruiting region"])
def test_only_an_issued_recommendation_of_the_same_employer_for_this_region_is_accepted(
    case, employer, recommendation, office, lumajang, officers_of
):
    kadis = officers_of(office)[roles.HEAD_OF_OFFICE]
    applicant = employer
    if case != "not issued":
        issued(recommendation, kadis)
    if case == "another employer":
        applicant = make_employer(status="active", office=lumajang)
    if case == "another recruiting region":
        third = Office.objects.create(
            slug="kab-pasuruan",
            region_code="3514",
            government="Pemerintah Kabupaten Pasuruan",
            name="Dinas Tenaga Kerja Kabupaten Pasuruan",
            address="Pasuruan",
            region="Kabupaten Pasuruan",
            province="Jawa Timur",
            phone="0343 1",
        )
        application = portal_application(applicant, recommendation)
        PermitApplication.objects.filter(pk=application.pk).update(office=third)
    else:
        application = portal_application(applicant, recommendation)
    with pytest.raises(MoveRefused):
        services.submit(application=application, actor=applicant.user)
    application.refresh_from_db()
    assert application.status == Status.DRAFT


def test_the_sekretariat_sees_the_recommendation_confirmed_and_the_permit_names_it(
    client, employer, recommendation, office, lumajang, officers_of
):
    recommendation = issued(recommendation, officers_of(office)[roles.HEAD_OF_OFFICE])
    lumajang_officers = officers_of(lumajang)
    application = portal_application(employer, recommendation)
    application = bring_to(application, "submitted", lumajang_officers)

    client.force_login(lumajang_officers[roles.SECRETARIAT])
    url = reverse("admin:akad_permits_permitapplication_step", args=[application.pk, "register"])
    page = client.get(url).content.decode()
    assert (
        f"Rekomendasi dikonfirmasi melalui portal: {recommendation.number}, {office.name}" in page
    )
    assert "Ketiga lampiran lainnya ada, terbaca dan sesuai dengan permohonan." in page
    assert "periksa surat yang diunggah" not in page

    application = bring_to(application, "issued", lumajang_officers)
    assert application.printed["recommendation"]["number"] == recommendation.number
    client.force_login(employer.user)
    response = client.get(reverse("akad_permits:permit_pdf", args=[application.pk]))
    text = pdf_text(response.content)
    date = recommendation.issued_on
    months = (
        "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"
    )
    printed_date = f"{date.day} {months.split()[date.month - 1]} {date.year}"
    # named in the permit's "Dasar" (issue 18)
    assert (
        f"Rekomendasi Rekrutmen AKAD Nomor {recommendation.number} tanggal {printed_date} "
        f"dari {office.name}" in text
    )
    assert application.permit_number in text and LUMAJANG["head_name"] in text


def test_an_uploaded_letter_is_still_checked_as_before(client, employer, lumajang, officers_of):
    lumajang_officers = officers_of(lumajang)
    application = bring_to(
        make_application(employer, office=lumajang), "submitted", lumajang_officers
    )
    client.force_login(lumajang_officers[roles.SECRETARIAT])
    url = reverse("admin:akad_permits_permitapplication_step", args=[application.pk, "register"])
    page = client.get(url).content.decode()
    assert "Rekomendasi dikonfirmasi melalui portal" not in page
    assert "periksa surat yang diunggah" in page
    assert "Keempat lampiran ada" in page


# --- the employer's pages and the Kadis's admin page -----------------------------------------


def test_the_employer_requests_it_and_chooses_it_in_the_application(
    client, employer, office, lumajang, officers_of
):
    client.force_login(employer.user)
    form = client.get(reverse("akad_permits:recommendation_request")).content.decode()
    assert "Dinas daerah tujuan (penerbit rekomendasi)" in form
    response = client.post(
        reverse("akad_permits:recommendation_request"),
        {
            "office": office.pk,
            "recruiting_office": lumajang.pk,
            "user_company": "PT Industri Pangan Probolinggo",
            "positions": "Operator produksi",
            "male_count": "5",
            "female_count": "5",
        },
    )
    assert response.status_code == 302
    recommendation = Recommendation.objects.get()
    assert (recommendation.office, recommendation.recruiting_office) == (office, lumajang)
    assert recommendation.employer == employer
    listing = client.get(reverse("akad_permits:recommendation_list")).content.decode()
    assert "Diminta" in listing and office.name in listing

    # Probolinggo's Kadis signs it in the admin
    kadis = officers_of(office)[roles.HEAD_OF_OFFICE]
    client.force_login(kadis)
    step = reverse("admin:akad_permits_recommendation_step", args=[recommendation.pk, "issue"])
    assert "Saya telah membaca konsep rekomendasi" in client.get(step).content.decode()
    until = (timezone.localdate() + datetime.timedelta(days=120)).isoformat()
    client.post(step, {"valid_until": until, "confirm": "on"})
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.ISSUED

    client.force_login(employer.user)
    page = client.get(reverse("akad_permits:application_create")).content.decode()
    assert f"{recommendation.number}, {office.name}" in page


def test_the_same_form_sent_twice_requests_once(client, employer, office, lumajang):
    from portal.submissions import FIELD

    client.force_login(employer.user)
    data = {
        FIELD: "tok-rekomendasi-000000000001",
        "office": office.pk,
        "recruiting_office": lumajang.pk,
        "user_company": "PT Industri Pangan Probolinggo",
        "positions": "Operator produksi",
        "male_count": "5",
        "female_count": "0",
    }
    client.post(reverse("akad_permits:recommendation_request"), data)
    client.post(reverse("akad_permits:recommendation_request"), data)
    assert Recommendation.objects.count() == 1


def test_an_applicant_who_is_not_an_employer_is_refused_the_pages(client, make_user):
    client.force_login(make_jobseeker(status="active").user)
    for name in ("recommendation_list", "recommendation_request"):
        assert client.get(reverse(f"akad_permits:{name}")).status_code == 403
