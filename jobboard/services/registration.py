"""Registrations (steps 1-3 and 5 of the document): register, activate or reject, resubmit."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.notifications import notify

from ..models import JobSeeker, RegistrationStatus, RegistrationStep
from .ak1 import _issue_ak1_card
from .common import TransitionNotAllowed, _check_decider, _required_reason

REGISTRATION_TRANSITIONS = {
    (RegistrationStatus.WAITING, "activate"): RegistrationStatus.ACTIVE,
    (RegistrationStatus.WAITING, "reject"): RegistrationStatus.REJECTED,
    (RegistrationStatus.REJECTED, "resubmit"): RegistrationStatus.WAITING,
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
