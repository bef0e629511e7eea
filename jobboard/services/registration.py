"""Registrations (steps 1-3 and 5 of the document): register, activate or reject, resubmit."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction

from portal.workflow import Mail

from ..models import JobSeeker
from ..workflows import registration_workflow
from .ak1 import _issue_ak1_card
from .changes import save_own_data
from .common import assign


def _decision_mail(outcome, reason="", card=None):
    def mail(locked):
        kind = locked._meta.model_name
        context = {"profile": locked, "reason": reason, "card": (card or {}).get("card")}
        return [Mail(f"jobboard/email/{kind}_{outcome}", context, locked.email)]

    return mail


def activate_registration(profile, *, actor):
    """Step 3 of the document: a Petugas Antar Kerja activates a job seeker or employer; a job
    seeker who asked for an AK/I card gets it in the same transaction."""
    issued = {}

    def changes(locked, now):
        locked.decided_at = now
        locked.decided_by = actor
        locked.rejection_reason = ""
        if isinstance(locked, JobSeeker) and locked.ak1_requested:
            issued["card"] = _issue_ak1_card(locked, actor=actor, now=now)

    return registration_workflow(profile).apply(
        profile,
        "activate",
        actor=actor,
        changes=changes,
        mail=_decision_mail("activated", card=issued),
    )


def reject_registration(profile, *, actor, reason):
    """Step 3, the other outcome: the account is refused, with a reason the person reads."""
    reason = (reason or "").strip()

    def changes(locked, now):
        locked.decided_at = now
        locked.decided_by = actor
        locked.rejection_reason = reason

    return registration_workflow(profile).apply(
        profile,
        "reject",
        actor=actor,
        note=reason,
        changes=changes,
        mail=_decision_mail("rejected", reason=reason),
    )


def _resubmitted(locked, now):
    locked.submitted_at = now


def resubmit_registration(profile, *, actor):
    """After a rejection the person corrects the data and asks again (steps 2-3 once more)."""
    return registration_workflow(profile).apply(
        profile, "resubmit", actor=actor, changes=_resubmitted
    )


def register_profile(*, model, data, user_fields):
    """Steps 1-2: create the account and the profile (a JobSeeker or an Employer, from the
    form's cleaned ``data``) in one transaction: an account without a profile would be a dead
    end at the next login."""
    with transaction.atomic():
        user = get_user_model().objects.create_user(**user_fields)
        profile = assign(model(user=user), data)
        profile.save()
    return profile


def save_profile_changes(profile, *, actor, data):
    """A person edits their own data; a rejected one sends it back to the queue with it; an
    active one's change to checked data waits for an officer (jobboard.services.changes)."""
    workflow = registration_workflow(profile)
    if not workflow.party(actor, profile):
        raise PermissionDenied

    def follow_email(locked):
        if "email" in data and data["email"] != locked.email:
            # The profile's address is the login and where decisions are mailed.
            locked.user.email = data["email"]
            locked.user.save(update_fields=["email"])

    def changes(locked, now=None):
        follow_email(locked)
        assign(locked, data)

    with transaction.atomic():
        locked = type(profile).objects.select_for_update(of=("self",)).get(pk=profile.pk)
        if locked.is_rejected:
            return workflow.apply(
                locked,
                "resubmit",
                actor=actor,
                changes=lambda row, now: (changes(row), _resubmitted(row, now)),
            )
        if locked.is_active:
            follow_email(locked)
            save_own_data(locked, actor=actor, data=data)
            return locked
        changes(locked)
        locked.save()
    return locked
