"""Registrations (steps 1-3 and 5 of the document): register, activate or reject, resubmit."""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse

from portal.files import discard_files_on_error
from portal.notifications import notify
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


def registered_owners(*, model, data, email):
    """Who already holds what a registration asks for: [(account, what)] for the e-mail
    address and for each identity number the profile must have alone (NIK, NIB)."""
    User = get_user_model()
    found = []
    by_email = User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).first()
    if by_email is not None:
        found.append((by_email, "email"))
    for field in model._meta.fields:
        if field.unique and field.name in data and data[field.name]:
            holder = model.objects.filter(**{field.name: data[field.name]}).select_related("user")
            holder = holder.first()
            if holder is not None and holder.user_id not in {user.pk for user, _ in found}:
                found.append((holder.user, field.name))
    return found


def _tell_owners(owners, model, office):
    for user, what in owners:
        notify(
            "jobboard/email/registration_attempt",
            {"what": what, "kind": model._meta.model_name, "reset_url": _reset_path()},
            user.email,
            office=office,
        )


def _reset_path():
    """Where a person who forgot the password goes: the reset page if the portal has one."""
    try:
        return reverse("password_reset")
    except NoReverseMatch:
        return reverse("login")


def register_profile(*, model, office, data, user_fields):
    """Steps 1-2: create the account and the profile (a JobSeeker or an Employer, from the
    form's cleaned ``data``, registered with ``office``) in one transaction: an account without a profile would be a dead
    end at the next login. The person gets an e-mail that the registration arrived.

    An e-mail address or identity number (NIK, NIB) registered already (issue 16, items 6
    and 9) makes no account and no error a stranger could read: the owner of the existing
    account is mailed instead, and None is returned so that the view gives the same answer as
    for a success. A parallel registration of the same address or number (a double click, two
    people) loses on the unique index and ends the same way, its uploads deleted.
    """
    owners = registered_owners(model=model, data=data, email=user_fields["email"])
    if not owners:
        try:
            with transaction.atomic(), discard_files_on_error():
                user = get_user_model().objects.create_user(**user_fields)
                profile = assign(model(user=user, office=office), data)
                profile.save()
                notify(
                    "jobboard/email/registration_received",
                    {"kind": model._meta.model_name},
                    profile.email,
                    office=office,
                )
            return profile
        except IntegrityError:
            # The other registration committed while this one was writing; now it is visible.
            owners = registered_owners(model=model, data=data, email=user_fields["email"])
            if not owners:
                raise
    else:
        make_password(user_fields["password"])  # the work a new account costs: same timing
    _tell_owners(owners, model, office)
    if all(user.email.lower() != user_fields["email"] for user, _ in owners):
        # A success mails the address typed; so does this, without saying what clashed.
        notify(
            "jobboard/email/registration_not_completed",
            {"kind": model._meta.model_name, "reset_url": _reset_path()},
            user_fields["email"],
            office=office,
        )
    return None


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
