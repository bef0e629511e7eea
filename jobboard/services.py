"""Every state change of the job exchange, and every write with a rule in it.

Views, admin actions and the demo loader call these functions; nothing else assigns
``status``. Each move checks who acts, checks the current state against a TRANSITIONS table,
locks the row, writes a step row beside django-simple-history's audit, and queues e-mail to
go out after the commit.
"""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import numbering
from portal.models import OfficeProfile
from portal.notifications import notify, send_now

from . import rules
from .models import (
    Ak1Card,
    Ak1ClosedReason,
    Ak1NumberCounter,
    Ak1Reminder,
    Ak1Report,
    Application,
    ApplicationStatus,
    ApplicationStep,
    Employer,
    JobSeeker,
    Placement,
    RegistrationStatus,
    RegistrationStep,
    SavedCandidate,
    Vacancy,
    VacancyStatus,
    VacancyStep,
    add_months,
)

logger = logging.getLogger(__name__)


class TransitionNotAllowed(Exception):
    """The object is not in a state from which this move is possible (someone was quicker)."""


# --- Registrations (steps 1-3 and 5 of the document) ---------------------------------------

REGISTRATION_TRANSITIONS = {
    (RegistrationStatus.WAITING, "activate"): RegistrationStatus.ACTIVE,
    (RegistrationStatus.WAITING, "reject"): RegistrationStatus.REJECTED,
    (RegistrationStatus.REJECTED, "resubmit"): RegistrationStatus.WAITING,
}

DECISION_PERMISSIONS = {
    JobSeeker: "jobboard.activate_jobseeker",
    Employer: "jobboard.activate_employer",
}


def _registration_target(profile, move):
    try:
        return REGISTRATION_TRANSITIONS[(profile.status, move)]
    except KeyError:
        raise TransitionNotAllowed(
            _("%(name)s is %(status)s: this cannot be done now.")
            % {"name": profile, "status": profile.get_status_display().lower()}
        ) from None


def _move_registration(profile, *, actor, move, note=""):
    model = type(profile)
    with transaction.atomic():
        locked = model.objects.select_for_update().get(pk=profile.pk)
        target = _registration_target(locked, move)
        step = RegistrationStep(
            from_status=locked.status,
            to_status=target,
            actor=actor,
            note=note,
            **{model._meta.model_name: locked},
        )
        locked.status = target
        now = timezone.now()
        if move == "resubmit":
            locked.submitted_at = now
        else:
            locked.decided_at = now
            locked.decided_by = actor
            locked.rejection_reason = note if move == "reject" else ""
        locked._change_reason = move
        locked.save()
        step.save()
        card = None
        if move == "activate" and model is JobSeeker and locked.ak1_requested:
            card = _issue_ak1_card(locked, actor=actor, now=now)
        kind = "jobseeker" if model is JobSeeker else "employer"
        if move != "resubmit":
            outcome = "activated" if move == "activate" else "rejected"
            notify(
                f"jobboard/email/{kind}_{outcome}",
                {"profile": locked, "reason": note, "card": card},
                locked.email,
            )
    return locked


def _required_reason(reason, message):
    """A refusal the person cannot act on is no answer: the reason is required."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(message)
    return reason


def _check_decider(profile, actor):
    if not actor.has_perm(DECISION_PERMISSIONS[type(profile)]):
        raise PermissionDenied(_("You may not activate or reject this account."))


def activate_registration(profile, *, actor):
    """Step 3 of the document: a Petugas Antar Kerja activates a job seeker or employer."""
    _check_decider(profile, actor)
    return _move_registration(profile, actor=actor, move="activate")


def reject_registration(profile, *, actor, reason):
    """Step 3, the other outcome: the account is refused, with a reason the person reads."""
    _check_decider(profile, actor)
    reason = _required_reason(reason, _("Give the reason, so the person knows what to correct."))
    return _move_registration(profile, actor=actor, move="reject", note=reason)


def resubmit_registration(profile, *, actor):
    """After a rejection the person corrects the data and asks again (steps 2-3 once more)."""
    if actor.pk != profile.user_id:
        raise PermissionDenied
    return _move_registration(profile, actor=actor, move="resubmit")


def register_profile(form, *, user_fields):
    """Steps 1-2: create the account and the profile in one transaction (an account without
    a profile would be a dead end at the next login)."""
    from django.contrib.auth import get_user_model

    with transaction.atomic():
        user = get_user_model().objects.create_user(**user_fields)
        profile = form.save(commit=False)
        profile.user = user
        profile.save()
    return profile


def save_profile_changes(form, *, actor):
    """A person edits their own data; a rejected one sends it back to the queue with it."""
    profile = form.instance
    if actor.pk != profile.user_id:
        raise PermissionDenied
    with transaction.atomic():
        profile = form.save()
        if "email" in form.changed_data:
            # The profile's address is the login and where decisions are mailed.
            profile.user.email = profile.email
            profile.user.save(update_fields=["email"])
        if profile.is_rejected:
            profile = resubmit_registration(profile, actor=actor)
    return profile


# --- Vacancies (step 7) --------------------------------------------------------------------

VACANCY_TRANSITIONS = {
    (VacancyStatus.SUBMITTED, "publish"): VacancyStatus.PUBLISHED,
    (VacancyStatus.SUBMITTED, "return"): VacancyStatus.RETURNED,
    (VacancyStatus.RETURNED, "resubmit"): VacancyStatus.SUBMITTED,
    (VacancyStatus.PUBLISHED, "close"): VacancyStatus.CLOSED,
}


def _move_vacancy(vacancy, *, actor, move, note=""):
    with transaction.atomic():
        locked = Vacancy.objects.select_for_update().select_related("employer").get(pk=vacancy.pk)
        try:
            target = VACANCY_TRANSITIONS[(locked.status, move)]
        except KeyError:
            raise TransitionNotAllowed(
                _("The vacancy is %(status)s: this cannot be done now.")
                % {"status": locked.get_status_display().lower()}
            ) from None
        step = VacancyStep(
            vacancy=locked, from_status=locked.status, to_status=target, actor=actor, note=note
        )
        locked.status = target
        now = timezone.now()
        if move in ("publish", "return"):
            locked.decided_at = now
            locked.decided_by = actor
            locked.return_reason = note if move == "return" else ""
            if move == "publish":
                locked.published_at = now
            notify(
                f"jobboard/email/vacancy_{'published' if move == 'publish' else 'returned'}",
                {"vacancy": locked, "reason": note},
                locked.employer.email,
            )
        elif move == "resubmit":
            locked.submitted_at = now
        locked._change_reason = move
        locked.save()
        step.save()
    return locked


def _check_verifier(actor):
    if not actor.has_perm("jobboard.verify_vacancy"):
        raise PermissionDenied(_("You may not publish or return vacancies."))


def publish_vacancy(vacancy, *, actor):
    """Step 7: the officer has checked the signed letter; the vacancy becomes public."""
    _check_verifier(actor)
    return _move_vacancy(vacancy, actor=actor, move="publish")


def return_vacancy(vacancy, *, actor, reason):
    """Step 7, the other outcome: back to the employer with what to correct."""
    _check_verifier(actor)
    reason = _required_reason(reason, _("Give the reason, so the employer knows what to correct."))
    return _move_vacancy(vacancy, actor=actor, move="return", note=reason)


def close_vacancy(vacancy, *, actor):
    """The employer ends a published vacancy before its closing date."""
    if not rules.owns_vacancy(actor, vacancy):
        raise PermissionDenied
    return _move_vacancy(vacancy, actor=actor, move="close")


def submit_vacancy(form, *, actor):
    """Step 7: an active employer enters a vacancy with the signed letter; it waits for checking."""
    employer = rules.active_employer(actor)
    if employer is None:
        raise PermissionDenied(_("Only an active employer may post vacancies."))
    vacancy = form.save(commit=False)
    vacancy.employer = employer
    vacancy.save()
    return vacancy


def update_vacancy(form, *, actor):
    """The owner corrects a vacancy not yet public; a returned one goes back to the queue."""
    vacancy = form.instance
    if not rules.can_edit_vacancy(actor, vacancy):
        raise PermissionDenied
    with transaction.atomic():
        vacancy = form.save()
        if vacancy.status == VacancyStatus.RETURNED:
            vacancy = _move_vacancy(vacancy, actor=actor, move="resubmit")
    return vacancy


# --- Applications (step 4) and placements ---------------------------------------------------

APPLICATION_TRANSITIONS = {
    ApplicationStatus.APPLIED: (ApplicationStatus.SHORTLISTED, ApplicationStatus.REJECTED),
    ApplicationStatus.SHORTLISTED: (ApplicationStatus.INTERVIEW, ApplicationStatus.REJECTED),
    ApplicationStatus.INTERVIEW: (ApplicationStatus.HIRED, ApplicationStatus.REJECTED),
}


def next_application_statuses(application):
    return APPLICATION_TRANSITIONS.get(application.status, ())


def apply(vacancy, *, actor, letter=""):
    """Step 4: an active job seeker applies to an open vacancy with one click."""
    seeker = rules.active_jobseeker(actor)
    if seeker is None:
        raise PermissionDenied(_("Only an active job seeker may apply."))
    try:
        with transaction.atomic():
            # Lock the vacancy so an application cannot slip in while it is being closed.
            locked = (
                Vacancy.objects.select_for_update().select_related("employer").get(pk=vacancy.pk)
            )
            if not locked.is_open:
                raise TransitionNotAllowed(_("This vacancy is closed."))
            application = Application.objects.create(
                vacancy=locked, jobseeker=seeker, letter=(letter or "").strip()
            )
            notify(
                "jobboard/email/application_received",
                {"application": application, "vacancy": locked, "jobseeker": seeker},
                locked.employer.email,
            )
    except IntegrityError:
        raise TransitionNotAllowed(_("You have already applied for this vacancy.")) from None
    return application


def move_application(application, *, actor, to_status, note="", placed_on=None):
    """The employer moves an applicant on; a hire is recorded as a placement (penempatan)."""
    with transaction.atomic():
        locked = (
            Application.objects.select_for_update(of=("self",))
            .select_related("vacancy__employer", "jobseeker")
            .get(pk=application.pk)
        )
        if not rules.owns_vacancy(actor, locked.vacancy):
            raise PermissionDenied
        if to_status not in APPLICATION_TRANSITIONS.get(locked.status, ()):
            raise TransitionNotAllowed(
                _("The application is %(status)s: it cannot be moved to %(target)s.")
                % {
                    "status": locked.get_status_display().lower(),
                    "target": ApplicationStatus(to_status).label.lower(),
                }
            )
        ApplicationStep.objects.create(
            application=locked,
            from_status=locked.status,
            to_status=to_status,
            actor=actor,
            note=note,
        )
        locked.status = to_status
        locked._change_reason = to_status
        locked.save()
        if to_status == ApplicationStatus.HIRED:
            # One application, one placement: the OneToOne key makes a second count impossible.
            placement, created = Placement.objects.get_or_create(
                application=locked,
                defaults={
                    "jobseeker": locked.jobseeker,
                    "employer": locked.vacancy.employer,
                    "vacancy": locked.vacancy,
                    "placed_on": placed_on or timezone.localdate(),
                    "recorded_by": actor,
                },
            )
            if created:
                _close_ak1_card_at_placement(placement)
        notify(
            "jobboard/email/application_moved",
            {"application": locked, "vacancy": locked.vacancy, "note": note},
            locked.jobseeker.email,
        )
    return locked


# --- The employer's shortlist (step 6) -----------------------------------------------------


def save_candidate(jobseeker, *, actor, note=""):
    """Step 6: an active employer keeps a consenting job seeker's data, with a note."""
    employer = rules.active_employer(actor)
    if employer is None:
        raise PermissionDenied(_("Only an active employer may save job seekers."))
    if not rules.jobseeker_is_findable(jobseeker):
        raise PermissionDenied
    saved, _created = SavedCandidate.objects.update_or_create(
        employer=employer, jobseeker=jobseeker, defaults={"note": (note or "").strip()}
    )
    return saved


def remove_candidate(saved, *, actor):
    if saved.employer.user_id != actor.pk:
        raise PermissionDenied
    saved.delete()


# --- The AK/I card: issued at activation, reported every six months, closed at placement ---


class CardNumberFormatError(TransitionNotAllowed):
    """The office profile's AK/I number format cannot make unique numbers."""


def _book_ak1_number(now):
    """The next running AK/I number of the year, formatted as the office profile says.

    The counter row stays locked until the activation commits, so two officers activating
    at the same moment get consecutive numbers, never the same one, and a rolled-back
    activation gives its number back (no gap).
    """
    fmt = OfficeProfile.current().ak1_number_format
    try:
        return numbering.book(Ak1NumberCounter, fmt, timezone.localtime(now))
    except numbering.NumberFormatError as exc:
        raise CardNumberFormatError(
            _("The AK/I number format in the office profile is not valid: %(format)s")
            % {"format": fmt}
        ) from exc


def _issue_ak1_card(seeker, *, actor, now):
    """Issue the card inside the activation's transaction (the seeker row is locked)."""
    if Ak1Card.objects.filter(jobseeker=seeker).exists():
        return seeker.ak1_card
    year, seq, number = _book_ak1_number(now)
    valid_from = timezone.localtime(now).date()
    card = Ak1Card(
        jobseeker=seeker,
        number=number,
        year=year,
        seq=seq,
        issued_at=now,
        issued_by=actor,
        valid_from=valid_from,
        valid_until=add_months(valid_from, Ak1Card.VALID_MONTHS),
        next_report_period=2,
    )
    card.next_report_due = card.period_start(2)
    card._change_reason = "issue"
    card.save()
    return card


def issue_ak1_card(seeker, *, actor):
    """Issue an AK/I to an already active job seeker who asked for one (e.g. after a correction)."""
    _check_decider(seeker, actor)
    with transaction.atomic():
        locked = JobSeeker.objects.select_for_update().get(pk=seeker.pk)
        if not locked.is_active:
            raise TransitionNotAllowed(_("An AK/I card is issued only to an active job seeker."))
        return _issue_ak1_card(locked, actor=actor, now=timezone.now())


def _card_refusal(card, today):
    """Why the holder cannot report now, in words they can act on; None if they can."""
    if card.is_closed:
        return _("Your AK/I card was closed on %(date)s (%(reason)s); no report is needed.") % {
            "date": f"{timezone.localtime(card.closed_at):%d-%m-%Y}",
            "reason": card.get_closed_reason_display().lower(),
        }
    if card.valid_until < today:
        return _("Your AK/I card expired on %(date)s. Come to the office to register again.") % {
            "date": f"{card.valid_until:%d-%m-%Y}"
        }
    if card.next_report_period is None:
        return _("All four report columns of your AK/I card are filled; no report is needed.")
    opens = card.report_opens(card.next_report_period)
    if today < opens:
        return _(
            "Your next report (column %(column)s) is due on %(due)s. You can report from %(opens)s."
        ) % {
            "column": card.next_report_period,
            "due": f"{card.next_report_due:%d-%m-%Y}",
            "opens": f"{opens:%d-%m-%Y}",
        }
    return None


def ak1_report_refusal(card):
    return _card_refusal(card, timezone.localdate())


def report_ak1(card, *, actor, form=None):
    """The holder's six-monthly report: still looking for work (and the profile brought up to
    date with ``form`` in the same transaction). Fills the column of the current period; a
    period whose report was never made stays empty."""
    if actor.pk != card.jobseeker.user_id:
        raise PermissionDenied
    today = timezone.localdate()
    with transaction.atomic():
        locked = Ak1Card.objects.select_for_update().get(pk=card.pk)
        refusal = _card_refusal(locked, today)
        if refusal:
            raise TransitionNotAllowed(refusal)
        period = locked.next_report_period
        while period < Ak1Card.COLUMNS and today >= locked.report_opens(period + 1):
            period += 1  # that period passed without a report
        if form is not None:
            form.save()
        report = Ak1Report.objects.create(card=locked, period=period, reported_by=actor)
        if period < Ak1Card.COLUMNS:
            locked.next_report_period = period + 1
            locked.next_report_due = locked.period_start(period + 1)
        else:
            locked.next_report_period = locked.next_report_due = None
        locked._change_reason = f"report {period}"
        locked.save()
    return report


def legalise_ak1_card(card, *, actor):
    """An officer has stamped and signed the printed card: it is legalised."""
    if not actor.has_perm("jobboard.legalise_ak1_card"):
        raise PermissionDenied(_("You may not legalise AK/I cards."))
    with transaction.atomic():
        locked = Ak1Card.objects.select_for_update().get(pk=card.pk)
        if locked.legalised_at:
            raise TransitionNotAllowed(_("This card is already legalised."))
        if locked.is_closed or locked.is_expired:
            raise TransitionNotAllowed(_("A closed or expired card is not legalised."))
        locked.legalised_at = timezone.now()
        locked.legalised_by = actor
        locked._change_reason = "legalise"
        locked.save()
    return locked


def _close_ak1_card_at_placement(placement):
    """A hire through the portal ends the search: the holder's valid card is closed as placed."""
    card = (
        Ak1Card.objects.select_for_update()
        .filter(jobseeker_id=placement.jobseeker_id, closed_at__isnull=True)
        .first()
    )
    if card is None or card.valid_until < placement.placed_on:
        return None
    card.closed_at = timezone.now()
    card.closed_reason = Ak1ClosedReason.PLACED
    card.placement = placement
    card.placed_with_id = placement.employer_id
    card.next_report_period = card.next_report_due = None
    card._change_reason = "placed"
    card.save()
    return card


def send_ak1_reminders():
    """Mail each holder whose report falls due within a week or is overdue, once per report.

    The reminder row and the mail stand or fall together: a mail server that refuses leaves
    no row, so the next run tries again; a sent mail leaves one, so no run sends it twice.
    """
    already = Ak1Reminder.objects.filter(card=OuterRef("pk"), period=OuterRef("next_report_period"))
    cards = (
        Ak1Card.objects.needing_reminder()
        .exclude(Exists(already))
        .select_related("jobseeker")
        .order_by("next_report_due", "pk")
    )
    sent = failed = 0
    for card in cards:
        try:
            with transaction.atomic():
                _reminder, created = Ak1Reminder.objects.get_or_create(
                    card=card,
                    period=card.next_report_period,
                    defaults={"due_on": card.next_report_due},
                )
                if created:
                    send_now(
                        "jobboard/email/ak1_report_due",
                        {"card": card, "profile": card.jobseeker},
                        card.jobseeker.email,
                    )
                    sent += 1
        except Exception:  # noqa: BLE001 - one refused address must not stop the others
            logger.exception("AK/I reminder for card %s not sent", card.pk)
            failed += 1
    return sent, failed
