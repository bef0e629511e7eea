import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from jobboard import services
from jobboard.models import (
    Application,
    ApplicationStep,
    Employer,
    JobSeeker,
    Placement,
    RegistrationStep,
    SavedCandidate,
    VacancyStep,
)
from portal.workflow import MoveRefused
from tests.jobboard.factories import make_application, make_employer, make_jobseeker, make_vacancy

pytestmark = pytest.mark.django_db


# --- activation ----------------------------------------------------------------------------


@pytest.mark.parametrize("factory", [make_jobseeker, make_employer])
def test_officer_activates_a_waiting_account_with_step_history_and_mail(
    factory, officer, django_capture_on_commit_callbacks
):
    profile = factory()
    with django_capture_on_commit_callbacks(execute=True):
        services.activate_registration(profile, actor=officer)
    profile.refresh_from_db()
    assert profile.is_active
    assert profile.decided_by == officer and profile.decided_at is not None
    step = RegistrationStep.objects.get()
    assert (step.from_status, step.to_status, step.actor) == ("waiting", "active", officer)
    assert profile.history.first().history_change_reason == "activate"
    # Other apps may add their own mail (the quality app's survey); ours is one.
    ours = [m for m in mail.outbox if "sudah aktif" in m.subject]
    assert len(ours) == 1 and ours[0].to == [profile.email]


@pytest.mark.parametrize("factory", [make_jobseeker, make_employer])
def test_rejection_needs_a_reason_and_mails_it(
    factory, officer, django_capture_on_commit_callbacks
):
    profile = factory()
    with pytest.raises(MoveRefused, match="alasan"):
        services.reject_registration(profile, actor=officer, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.reject_registration(profile, actor=officer, reason="KTP tidak terbaca")
    profile.refresh_from_db()
    assert profile.is_rejected and profile.rejection_reason == "KTP tidak terbaca"
    assert "KTP tidak terbaca" in mail.outbox[0].body


def test_a_decided_account_cannot_be_decided_again(officer):
    seeker = make_jobseeker(status="active")
    with pytest.raises(MoveRefused):
        services.activate_registration(seeker, actor=officer)
    with pytest.raises(MoveRefused):
        services.reject_registration(seeker, actor=officer, reason="x")
    assert not RegistrationStep.objects.exists()


@pytest.mark.parametrize("factory", [make_jobseeker, make_employer])
def test_every_role_without_the_permission_is_refused(
    factory, officers, django_capture_on_commit_callbacks
):
    profile = factory()
    for role, user in officers.items():
        if role == "Petugas Antar Kerja":
            continue
        with pytest.raises(PermissionDenied):
            services.activate_registration(profile, actor=user)
        with pytest.raises(PermissionDenied):
            services.reject_registration(profile, actor=user, reason="x")
    profile.refresh_from_db()
    assert profile.is_waiting and not mail.outbox


def test_the_person_resubmits_after_a_rejection_and_queues_again(officer):
    seeker = make_jobseeker()
    services.reject_registration(seeker, actor=officer, reason="AK/I buram")
    seeker.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.resubmit_registration(seeker, actor=officer)
    services.resubmit_registration(seeker, actor=seeker.user)
    seeker.refresh_from_db()
    assert seeker.is_waiting
    assert list(seeker.steps.values_list("to_status", flat=True)) == ["rejected", "waiting"]
    with pytest.raises(MoveRefused):
        services.resubmit_registration(seeker, actor=seeker.user)


# --- vacancies -----------------------------------------------------------------------------


def test_officer_publishes_or_returns_a_vacancy(officer, django_capture_on_commit_callbacks):
    first = make_vacancy(status="submitted")
    second = make_vacancy(status="submitted")
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_vacancy(first, actor=officer)
        services.return_vacancy(second, actor=officer, reason="Surat belum ditandatangani")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == "published" and first.published_at and first.decided_by == officer
    assert second.status == "returned" and second.return_reason == "Surat belum ditandatangani"
    assert VacancyStep.objects.count() == 2
    assert [m.to for m in mail.outbox] == [[first.employer.email], [second.employer.email]]
    with pytest.raises(MoveRefused):
        services.publish_vacancy(first, actor=officer)


def test_vacancy_decisions_are_refused_without_permission(officers):
    vacancy = make_vacancy(status="submitted")
    for role, user in officers.items():
        if role == "Petugas Antar Kerja":
            continue
        with pytest.raises(PermissionDenied):
            services.publish_vacancy(vacancy, actor=user)
    with pytest.raises(PermissionDenied):
        services.publish_vacancy(vacancy, actor=vacancy.employer.user)


def test_vacancy_closes_by_itself_after_its_closing_date():
    from jobboard.models import Vacancy

    today = timezone.localdate()
    open_ = make_vacancy(closing_date=today)
    make_vacancy(closing_date=today - datetime.timedelta(days=1))
    make_vacancy(status="submitted")
    assert list(Vacancy.objects.published()) == [open_]


# --- applications and placements -------------------------------------------------------------


def test_active_job_seeker_applies_once(django_capture_on_commit_callbacks):
    vacancy = make_vacancy()
    seeker = make_jobseeker(status="active")
    with django_capture_on_commit_callbacks(execute=True):
        application = services.apply(vacancy, actor=seeker.user, letter="Saya siap bekerja.")
    assert application.status == "applied"
    assert mail.outbox[0].to == [vacancy.employer.email]
    with pytest.raises(MoveRefused):
        services.apply(vacancy, actor=seeker.user)
    assert Application.objects.count() == 1


@pytest.mark.parametrize("status", ["waiting", "rejected"])
def test_an_inactive_job_seeker_cannot_apply(status):
    seeker = make_jobseeker(status=status)
    with pytest.raises(PermissionDenied):
        services.apply(make_vacancy(), actor=seeker.user)


def test_nobody_applies_to_a_closed_vacancy():
    vacancy = make_vacancy(closing_date=timezone.localdate() - datetime.timedelta(days=1))
    seeker = make_jobseeker(status="active")
    with pytest.raises(MoveRefused):
        services.apply(vacancy, actor=seeker.user)


def test_employer_moves_an_applicant_to_hired_and_the_placement_is_counted_once(
    django_capture_on_commit_callbacks,
):
    application = make_application()
    owner = application.vacancy.employer.user
    with django_capture_on_commit_callbacks(execute=True):
        for status in ("shortlisted", "interview"):
            services.move_application(application, actor=owner, to_status=status)
        services.move_application(
            application,
            actor=owner,
            to_status="hired",
            note="Mulai Senin",
            placed_on=datetime.date(2026, 12, 1),
        )
    assert len(mail.outbox) == 3 and mail.outbox[-1].to == [application.jobseeker.email]
    assert "Mulai Senin" in mail.outbox[-1].body
    placement = Placement.objects.get()
    assert placement.placed_on == datetime.date(2026, 12, 1)
    assert placement.employer == application.vacancy.employer
    assert ApplicationStep.objects.count() == 3
    with pytest.raises(MoveRefused):
        services.move_application(application, actor=owner, to_status="hired")
    assert Placement.objects.count() == 1


def test_skipping_steps_is_refused():
    application = make_application()
    with pytest.raises(MoveRefused):
        services.move_application(
            application, actor=application.vacancy.employer.user, to_status="hired"
        )


def test_another_employer_cannot_move_an_applicant():
    application = make_application()
    other = make_employer(status="active")
    with pytest.raises(PermissionDenied):
        services.move_application(application, actor=other.user, to_status="shortlisted")


# --- shortlist -----------------------------------------------------------------------------


def test_active_employer_saves_a_consenting_job_seeker_with_a_note():
    employer = make_employer(status="active")
    seeker = make_jobseeker(status="active")
    services.save_candidate(seeker, actor=employer.user, note="Cocok untuk shift malam")
    services.save_candidate(seeker, actor=employer.user, note="Sudah ditelepon")
    saved = SavedCandidate.objects.get()
    assert saved.note == "Sudah ditelepon"


def test_no_saving_of_hidden_or_inactive_job_seekers_or_by_inactive_employers():
    employer = make_employer(status="active")
    with pytest.raises(PermissionDenied):
        services.save_candidate(make_jobseeker(status="waiting"), actor=employer.user)
    with pytest.raises(PermissionDenied):
        services.save_candidate(
            make_jobseeker(status="active", discoverable=False), actor=employer.user
        )
    waiting = make_employer()
    with pytest.raises(PermissionDenied):
        services.save_candidate(make_jobseeker(status="active"), actor=waiting.user)
    assert not SavedCandidate.objects.exists()


def test_models_keep_their_contract_for_other_apps():
    """akad_permits relies on these names."""
    employer = make_employer(status="active")
    make_employer()
    assert list(Employer.objects.active()) == [employer]
    assert employer.is_active and employer.user.employer == employer
    assert JobSeeker.objects.waiting().count() == 0
