"""Changes of checked data after activation (issue 16): what an officer checked stays what the
documents say until an officer checks the change.

An active person's edit is split: the fields of their model's ``CHECKED_FIELDS`` go into one
waiting ``ProfileChange`` (a second edit updates it), the rest saves at once. A Petugas Antar
Kerja accepts the change (the values reach the record and the AK/I card's printed data in the
same transaction) or rejects it with a reason; the person gets an e-mail either way.
"""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from portal.workflow import Mail, MoveRefused

from ..models import JobSeeker, ProfileChange, checked_json, to_json
from ..workflows import PROFILE_CHANGE_SENT, PROFILE_CHANGES
from .ak1_snapshot import refresh_card_of
from .common import assign


def waiting_change(profile):
    """The person's change of checked data that waits for an officer, or None."""
    return ProfileChange.objects.of(profile).waiting().first()


def _proposal(profile, data):
    """(values, new files) of ``data`` that differ from the live checked fields."""
    values, files = {}, {}
    for name in type(profile).CHECKED_FIELDS:
        if name not in data:
            continue
        value = data[name]
        if name in ProfileChange.FILE_FIELDS:
            if isinstance(value, UploadedFile):
                files[name] = value
            elif value is False and getattr(profile, name):
                values[name] = None  # the box "clear" ticked: the scan is to be removed
            continue
        field = profile._meta.get_field(name)
        if value != field.value_from_object(profile):
            values[name] = to_json(value)
    return values, files


def _fill(change, profile, values, files):
    change.values = values
    change.previous = {
        name: checked_json(profile, name)
        for name in values
        if name not in ProfileChange.FILE_FIELDS
    }
    for name in ProfileChange.FILE_FIELDS:
        if name in files:
            setattr(change, name, files[name])
        elif name in values:
            setattr(change, name, "")  # removal proposed instead of a new file


def propose_profile_change(profile, *, actor, data):
    """Put the checked fields of an active person's edit into their waiting change.

    ``profile`` is locked by the caller. Returns the waiting change, or None when nothing
    checked differs (a waiting change that asked for nothing more is withdrawn).
    """
    values, files = _proposal(profile, data)
    waiting = ProfileChange.objects.of(profile).waiting().select_for_update().first()
    if waiting is None:
        if not values and not files:
            return None
        change = ProfileChange(**{profile._meta.model_name: profile})
        _fill(change, profile, values, files)
        change._history_user = actor
        change.save()
        PROFILE_CHANGES.log(change, PROFILE_CHANGE_SENT, actor=actor)
        return change
    kept = {
        name
        for name in ProfileChange.FILE_FIELDS
        if getattr(waiting, name) and name not in files and name not in values
    }
    if not values and not files and not kept:
        PROFILE_CHANGES.apply(waiting, "withdraw", actor=actor)
        return None
    if values == waiting.values and not files:
        return waiting  # the same request again: nothing to log
    return PROFILE_CHANGES.apply(
        waiting,
        "update",
        actor=actor,
        changes=lambda locked, now: (_fill(locked, profile, values, files), _resent(locked, now)),
    )


def _resent(locked, now):
    locked.submitted_at = now


def save_own_data(profile, *, actor, data):
    """An active person's own edit (profile page, AK/I report): the checked fields wait for an
    officer, the rest saves at once. ``profile`` is locked by the caller; returns the
    waiting change or None."""
    checked = set(type(profile).CHECKED_FIELDS)
    assign(profile, {name: value for name, value in data.items() if name not in checked})
    profile._history_user = actor
    profile.save()
    return propose_profile_change(
        profile, actor=actor, data={name: value for name, value in data.items() if name in checked}
    )


def _decision_mail(outcome, reason=""):
    def mail(locked):
        profile = locked.profile
        context = {
            "change": locked,
            "profile": profile,
            "fields": locked.labels(),
            "reason": reason,
        }
        return [Mail(f"jobboard/email/profile_change_{outcome}", context, profile.email)]

    return mail


def accept_profile_change(change, *, actor):
    """A Petugas Antar Kerja has checked the new values against the documents: they reach the
    record, and the holder's AK/I card prints them from now on."""

    def changes(locked, now):
        model = type(locked.profile)
        profile = model.objects.select_for_update().get(pk=locked.profile.pk)
        for name in locked.values:
            if name in ProfileChange.FILE_FIELDS:
                setattr(profile, name, "")
            else:
                setattr(profile, name, locked.proposed(name))
        for name in ProfileChange.FILE_FIELDS:
            if getattr(locked, name):
                setattr(profile, name, getattr(locked, name).name)
        try:
            profile.validate_unique()
        except ValidationError as exc:
            # someone registered this NIK or NIB since the change was sent
            raise MoveRefused(" ".join(exc.messages)) from exc
        profile._change_reason = "checked data changed"
        profile._history_user = actor
        profile.save()
        locked.decided_at = now
        locked.decided_by = actor
        if isinstance(profile, JobSeeker):
            refresh_card_of(profile, now=now)

    return PROFILE_CHANGES.apply(
        change, "accept", actor=actor, changes=changes, mail=_decision_mail("accepted")
    )


def reject_profile_change(change, *, actor, reason):
    """The officer refuses the change, with a reason the person reads; the record keeps the
    checked values."""
    reason = (reason or "").strip()

    def changes(locked, now):
        locked.decided_at = now
        locked.decided_by = actor
        locked.rejection_reason = reason

    return PROFILE_CHANGES.apply(
        change,
        "reject",
        actor=actor,
        note=reason,
        changes=changes,
        mail=_decision_mail("rejected", reason),
    )
