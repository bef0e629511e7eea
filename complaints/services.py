"""Every write with a rule in it: recording a complaint and moving it along 7.2.1-7.2.3.

Views, admin pages and the mail-intake command call these functions; nothing else assigns
``Complaint.status``.
"""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import numbering
from portal.codes import random_code
from portal.notifications import notify

from .models import BookCounter, Channel, Complaint, FollowUp, Status, UnreadableMail

# (current status, action) -> (next status, permission the actor needs)
TRANSITIONS = {
    (Status.RECORDED, "report"): (Status.REPORTED, "complaints.report_complaint"),
    (Status.REPORTED, "pass"): (Status.WITH_KABID, "complaints.pass_complaint"),
    (Status.WITH_KABID, "coordinate"): (Status.COORDINATED, "complaints.coordinate_complaint"),
    (Status.COORDINATED, "hand_back"): (Status.FOLLOWED_UP, "complaints.hand_back_complaint"),
    (Status.FOLLOWED_UP, "answer"): (Status.ANSWERED, "complaints.answer_complaint"),
    (Status.ANSWERED, "close"): (Status.CLOSED, "complaints.close_complaint"),
}

# Channels that arrive without an officer: the public form and the mailbox.
SELF_SERVICE_CHANNELS = {Channel.WEB, Channel.EMAIL}


class InvalidTransition(Exception):
    """The complaint is not in a state where this step can be taken."""


def actions_for(complaint, user):
    """The actions ``user`` may take on ``complaint`` now."""
    return [
        action
        for (status, action), (_next, perm) in TRANSITIONS.items()
        if status == complaint.status and user.has_perm(perm)
    ]


def required_permission(action):
    return next(perm for (_s, a), (_n, perm) in TRANSITIONS.items() if a == action)


def action_status(action):
    """The status a complaint waits in for ``action``."""
    return next(status for (status, a) in TRANSITIONS if a == action)


def new_reference(year):
    """A reference the complainant can quote; random, so it says nothing about the book."""
    for _attempt in range(10):
        code = random_code(6)
        reference = f"ADU-{year}-{code}"
        if not Complaint.objects.filter(reference=reference).exists():
            return reference
    raise RuntimeError("could not draw a free complaint reference")  # pragma: no cover


def next_book_number(year):
    """The next running number of the year's complaint book: no gap, no duplicate.

    The year's counter row is locked until the caller's transaction ends, so concurrent
    recordings queue on it; a rolled-back recording gives its number back.
    """
    return numbering.take_next(BookCounter, year)


def _step(complaint, from_status, to_status, actor, note=""):
    return FollowUp.objects.create(
        complaint=complaint,
        from_status=from_status,
        to_status=to_status,
        actor=actor,
        note=note,
    )


def record_complaint(*, actor, channel, data, message_id=""):
    """Record a complaint in the complaint book (sarana pengaduan 1-4, and the web form).

    ``actor`` is the receiving officer, or None for the web form and the mailbox. ``data``
    holds the complainant and complaint fields of ``Complaint``. The complainant gets the
    notification e-mail the standard promises (e-mail channel, point 3) whenever an address
    is known.
    """
    channel = Channel(channel)
    if actor is None:
        if channel not in SELF_SERVICE_CHANNELS:
            raise PermissionDenied(_("Only an officer can record this channel."))
    elif not actor.has_perm("complaints.record_complaint"):
        raise PermissionDenied(_("You may not record complaints."))
    now = timezone.now()
    year = timezone.localdate(now).year
    with transaction.atomic():
        complaint = Complaint(
            channel=channel,
            received_at=now,
            status_changed_at=now,
            received_by=actor,
            email_message_id=message_id or "",
            book_year=year,
            book_number=next_book_number(year),
            reference=new_reference(year),
            **data,
        )
        complaint._history_user = actor  # the audit names the officer outside a request too
        complaint.save()
        _step(complaint, "", Status.RECORDED, actor, complaint.get_channel_display())
        if complaint.complainant_email:
            notify(
                "complaints/email/received",
                {"complaint": complaint},
                complaint.complainant_email,
            )
    return complaint


def record_mail_complaint(*, data, message_id):
    """Record an e-mail from the mailbox once: a second call with its Message-ID returns None."""
    try:
        with transaction.atomic():
            if Complaint.objects.filter(email_message_id=message_id).exists():
                return None
            return record_complaint(
                actor=None, channel=Channel.EMAIL, data=data, message_id=message_id
            )
    except IntegrityError:  # another run recorded it at the same moment
        return None


def _move(complaint, action, actor, note="", **fields):
    key = next(((s, a) for (s, a) in TRANSITIONS if a == action), None)
    if key is None:
        raise ValueError(action)
    to_status, perm = TRANSITIONS[key]
    if actor is None or not actor.has_perm(perm):
        raise PermissionDenied(_("You may not take this step."))
    with transaction.atomic():
        locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
        if locked.status != key[0]:
            raise InvalidTransition(
                _("This complaint is “%(status)s”; this step is not possible now.")
                % {"status": locked.get_status_display()}
            )
        from_status = locked.status
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.status = to_status
        locked.status_changed_at = timezone.now()
        locked._history_user = actor
        locked.save()
        _step(locked, from_status, to_status, actor, note)
    complaint.refresh_from_db()
    return complaint


def report_to_section_head(*, complaint, actor, note=""):
    """7.2.1: the receiving officer reports the recorded complaint to the Kepala Seksi Penempatan.

    A complaint that arrived without an officer (web form, mailbox) gets the reporting
    officer as its receiving officer: the one who will answer it.
    """
    fields = {} if complaint.received_by_id else {"received_by": actor}
    return _move(complaint, "report", actor, note, **fields)


def pass_to_division_head(*, complaint, actor, note=""):
    """7.2.1: the Kepala Seksi passes the complaint on to the Kepala Bidang."""
    return _move(complaint, "pass", actor, note)


def coordinate_follow_up(*, complaint, actor, instruction):
    """7.2.2: the Kepala Bidang coordinates the follow-up with the Kepala Seksi (instruction)."""
    instruction = (instruction or "").strip()
    if not instruction:
        raise ValueError("an instruction is required")
    return _move(complaint, "coordinate", actor, instruction, instruction=instruction)


def hand_back_follow_up(*, complaint, actor, follow_up):
    """7.2.3: the Kepala Seksi gives the follow-up to the receiving officer."""
    follow_up = (follow_up or "").strip()
    if not follow_up:
        raise ValueError("a follow-up is required")
    return _move(complaint, "hand_back", actor, follow_up, follow_up=follow_up)


def send_answer(*, complaint, actor, answer, letter_number=""):
    """7.2.3: the receiving officer answers the complainant in writing.

    The answer is the letter (printable, PDF) and, where an address is known, the same text
    by e-mail.
    """
    answer = (answer or "").strip()
    if not answer:
        raise ValueError("an answer is required")
    complaint = _move(
        complaint,
        "answer",
        actor,
        letter_number,
        answer=answer,
        answer_letter_number=(letter_number or "").strip(),
        answered_at=timezone.now(),
        answered_by=actor,
    )
    if complaint.complainant_email:
        notify("complaints/email/answer", {"complaint": complaint}, complaint.complainant_email)
    return complaint


def close_complaint(*, complaint, actor, note=""):
    """The answered complaint is closed in the book."""
    return _move(complaint, "close", actor, note)


STEP_SERVICES = {
    "report": report_to_section_head,
    "pass": pass_to_division_head,
    "coordinate": coordinate_follow_up,
    "hand_back": hand_back_follow_up,
    "answer": send_answer,
    "close": close_complaint,
}


# --- the mailbox's unreadable messages --------------------------------------------------


def keep_unreadable_mail(*, fingerprint, raw, problem, sender="", subject=""):
    """Keep a message the intake could not read; once per fingerprint. Returns it or None."""
    mail, created = UnreadableMail.objects.get_or_create(
        fingerprint=fingerprint[:300],
        defaults={
            "raw": raw,
            "problem": problem[:300],
            "sender": sender[:300],
            "subject": subject[:300],
        },
    )
    return mail if created else None


def _handle_mail(mail, actor, state, note="", complaint=None):
    if not actor.has_perm("complaints.handle_unreadable_mail"):
        raise PermissionDenied(_("You may not handle unreadable e-mails."))
    with transaction.atomic():
        locked = UnreadableMail.objects.select_for_update().get(pk=mail.pk)
        if locked.state != UnreadableMail.State.WAITING:
            raise InvalidTransition(_("This e-mail has already been handled."))
        locked.state = state
        locked.handled_by = actor
        locked.handled_at = timezone.now()
        locked.handling_note = note
        locked.complaint = complaint
        locked.save()
    return locked


def record_unreadable_mail(*, mail, actor, data):
    """An officer who could read the message records it by hand as an e-mail complaint."""
    if mail.state != UnreadableMail.State.WAITING:
        raise InvalidTransition(_("This e-mail has already been handled."))
    with transaction.atomic():
        complaint = record_complaint(actor=actor, channel=Channel.EMAIL, data=data)
        _handle_mail(mail, actor, UnreadableMail.State.RECORDED, complaint=complaint)
    return complaint


def dismiss_unreadable_mail(*, mail, actor, note):
    """An officer decides the message is no complaint (spam, an empty reply), with a reason."""
    note = (note or "").strip()
    if not note:
        raise ValueError("a reason is required")
    return _handle_mail(mail, actor, UnreadableMail.State.DISMISSED, note)
