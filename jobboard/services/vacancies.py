"""Vacancies (step 7 of the document): submitted by an employer, published or returned."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from portal.workflow import Mail, MoveRefused

from .. import rules
from ..models import Vacancy, VacancyStatus
from ..workflows import VACANCIES
from .common import assign


def _decided(actor, *, published, reason=""):
    def changes(locked, now):
        locked.decided_at = now
        locked.decided_by = actor
        locked.return_reason = reason
        if published:
            locked.published_at = now

    return changes


def _employer_mail(outcome, reason=""):
    return lambda locked: [
        Mail(
            f"jobboard/email/vacancy_{outcome}",
            {"vacancy": locked, "reason": reason},
            locked.employer.email,
        )
    ]


def publish_vacancy(vacancy, *, actor):
    """Step 7: the officer has checked the signed letter; the vacancy becomes public."""
    return VACANCIES.apply(
        vacancy,
        "publish",
        actor=actor,
        changes=_decided(actor, published=True),
        mail=_employer_mail("published"),
    )


def return_vacancy(vacancy, *, actor, reason):
    """Step 7, the other outcome: back to the employer with what to correct."""
    reason = (reason or "").strip()
    return VACANCIES.apply(
        vacancy,
        "return",
        actor=actor,
        note=reason,
        changes=_decided(actor, published=False, reason=reason),
        mail=_employer_mail("returned", reason),
    )


def close_vacancy(vacancy, *, actor):
    """The employer ends a published vacancy before its closing date."""
    return VACANCIES.apply(vacancy, "close", actor=actor)


def submit_vacancy(*, actor, data):
    """Step 7: an active employer enters a vacancy (the form's cleaned ``data``, the signed
    letter among it); it waits for checking."""
    employer = rules.active_employer(actor)
    if employer is None:
        raise PermissionDenied(_("Only an active employer may post vacancies."))
    vacancy = assign(Vacancy(employer=employer), data)
    vacancy.save()
    return vacancy


def update_vacancy(vacancy, *, actor, data):
    """The owner corrects a vacancy not yet public; a returned one goes back to the queue."""
    if not rules.can_edit_vacancy(actor, vacancy):
        raise PermissionDenied
    with transaction.atomic():
        locked = Vacancy.objects.select_for_update(of=("self",)).get(pk=vacancy.pk)
        if locked.status == VacancyStatus.RETURNED:

            def changes(row, now):
                assign(row, data)
                row.submitted_at = now

            return VACANCIES.apply(locked, "resubmit", actor=actor, changes=changes)
        if not rules.can_edit_vacancy(actor, locked):
            # published a moment ago: no longer the employer's to change
            raise MoveRefused(_("A published or closed vacancy cannot be changed."))
        assign(locked, data)
        locked.save()
    return locked
