"""Vacancies (step 7 of the document): submitted by an employer, published or returned."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.notifications import notify

from .. import rules
from ..models import Vacancy, VacancyStatus, VacancyStep
from .common import TransitionNotAllowed, _required_reason

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
