"""Every write with a rule in it: recording a complaint and moving it along 7.2.1-7.2.3.

Each step is a small function over its row of the move table (``workflows.py``), taking
cleaned data and the actor; ``WORKFLOW.apply`` checks the permission and the state, locks
the row, writes the new state and a ``FollowUp``, and sends the mail after the commit.
Views, admin pages and the mail-intake command call these functions; nothing else assigns
``Complaint.status`` or ``UnreadableMail.state``.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import numbering
from portal.codes import random_code
from portal.models import LetterCounter
from portal.notifications import notify
from portal.workflow import Mail, MoveRefused

from .letters import letter_values
from .models import BookCounter, Channel, Complaint, UnreadableMail
from .workflows import MAIL_WORKFLOW, RECORD, WORKFLOW

logger = logging.getLogger(__name__)

# Channels that arrive without an officer: the public form and the mailbox.
SELF_SERVICE_CHANNELS = {Channel.WEB, Channel.EMAIL}


def new_reference(year):
    """A reference the complainant can quote; random, so it says nothing about the book."""
    for _attempt in range(10):
        code = random_code(6)
        reference = f"ADU-{year}-{code}"
        if not Complaint.objects.filter(reference=reference).exists():
            return reference
    raise RuntimeError("could not draw a free complaint reference")  # pragma: no cover


PLAIN_BOOK_NUMBER = "{seq}/{year}"


def book_entry(office, now):
    """The next entry of ``office``'s complaint book in the year of ``now``: (year, running
    number, the number in the office's complaint book format). No gap, no duplicate.

    The office's counter row of the year is locked until the caller's transaction ends, so
    concurrent recordings queue on it; a rolled-back recording gives its number back. A
    format that cannot number (an officer's typing error) gives the plain "n/year": a
    complaint is never refused for the office's settings.
    """
    local = timezone.localtime(now)
    fmt = office.complaint_number_format
    try:
        numbering.format_number(fmt, seq=1, local=local)
    except numbering.NumberFormatError:
        logger.warning("office %s: the complaint number format is not usable", office.pk)
        fmt = PLAIN_BOOK_NUMBER
    return numbering.book(BookCounter, office, fmt, local)


def record_complaint(*, office, actor, channel, data, message_id=""):
    """Record a complaint in the complaint book (sarana pengaduan 1-4, and the web form).

    ``office`` is the office the complaint is addressed to: its book numbers it.
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
    elif not actor.has_perm("complaints.record_complaint", office):
        raise PermissionDenied(_("This record belongs to another office."))  # its book
    now = timezone.now()
    with transaction.atomic():
        year, seq, label = book_entry(office, now)
        complaint = Complaint(
            office=office,
            channel=channel,
            received_at=now,
            status_changed_at=now,
            received_by=actor,
            email_message_id=message_id or "",
            book_year=year,
            book_number=seq,
            book_label=label,
            reference=new_reference(year),
            **data,
        )
        complaint._history_user = actor  # the audit names the officer outside a request too
        complaint.save()
        WORKFLOW.log(complaint, RECORD, actor=actor, note=complaint.get_channel_display(), at=now)
        if complaint.complainant_email:
            notify(
                "complaints/email/received",
                {"complaint": complaint},
                complaint.complainant_email,
                office=office,
            )
    return complaint


def record_mail_complaint(*, office, data, message_id):
    """Record an e-mail from the mailbox once: a second call with its Message-ID returns None."""
    try:
        with transaction.atomic():
            if Complaint.objects.filter(email_message_id=message_id).exists():
                return None
            return record_complaint(
                office=office, actor=None, channel=Channel.EMAIL, data=data, message_id=message_id
            )
    except IntegrityError:  # another run recorded it at the same moment
        return None


def report_to_section_head(*, complaint, actor, note=""):
    """7.2.1: the receiving officer reports the recorded complaint to the Kepala Seksi Penempatan.

    A complaint that arrived without an officer (web form, mailbox) gets the reporting
    officer as its receiving officer: the one who will answer it.
    """

    def changes(locked, now):
        if locked.received_by_id is None:
            locked.received_by = actor

    return WORKFLOW.apply(complaint, "report", actor=actor, note=note, changes=changes)


def pass_to_division_head(*, complaint, actor, note=""):
    """7.2.1: the Kepala Seksi passes the complaint on to the Kepala Bidang."""
    return WORKFLOW.apply(complaint, "pass", actor=actor, note=note)


def coordinate_follow_up(*, complaint, actor, instruction):
    """7.2.2: the Kepala Bidang coordinates the follow-up with the Kepala Seksi (instruction,
    kept on the complaint: the move's ``note_field``)."""
    return WORKFLOW.apply(complaint, "coordinate", actor=actor, note=instruction)


def hand_back_follow_up(*, complaint, actor, follow_up):
    """7.2.3: the Kepala Seksi gives the follow-up to the receiving officer (``note_field``)."""
    return WORKFLOW.apply(complaint, "hand_back", actor=actor, note=follow_up)


def _book_letter_number(office, now):
    """The next number of the office's letter register in the year, in its letter number
    format; a format that cannot number refuses the answer until it is fixed."""
    return numbering.book_or_refuse(
        LetterCounter,
        office,
        office.letter_number_format,
        now,
        _("The letter number format in the office profile is not valid: %(format)s"),
    )[2]


def send_answer(*, complaint, actor, answer, letter_number="", nature="Biasa", enclosures=""):
    """7.2.3: the receiving officer answers the complainant in writing.

    The answer is the letter (printable, PDF) and, where an address is known, the same text
    by e-mail. A letter sent without a number of the officer's takes the next one of the
    office's letter register (``Office.letter_number_format``): no letter leaves unnumbered.
    """
    answer = (answer or "").strip()
    letter_number = (letter_number or "").strip()
    enclosures = (enclosures or "").strip()

    def changes(locked, now):
        if not answer:
            raise MoveRefused(_("Write the answer to the complainant."))
        locked.answer = answer
        locked.answer_letter_number = letter_number or _book_letter_number(locked.office, now)
        locked.answered_at = now
        locked.answered_by = actor
        locked.letter = letter_values(
            locked, locked.office, actor, now, nature=nature, enclosures=enclosures
        )

    def mails(locked):
        if not locked.complainant_email:
            return []
        return [Mail("complaints/email/answer", {"complaint": locked}, locked.complainant_email)]

    return WORKFLOW.apply(
        complaint,
        "answer",
        actor=actor,
        note=letter_number,
        changes=changes,
        mail=mails,
    )


def close_complaint(*, complaint, actor, note=""):
    """The answered complaint is closed in the book."""
    return WORKFLOW.apply(complaint, "close", actor=actor, note=note)


# --- the mailbox's unreadable messages --------------------------------------------------


def keep_unreadable_mail(*, office, fingerprint, raw, problem, sender="", subject=""):
    """Keep a message the intake could not read, for ``office`` (whose mailbox it came in);
    once per fingerprint. Returns it or None."""
    mail, created = UnreadableMail.objects.get_or_create(
        fingerprint=fingerprint[:300],
        defaults={
            "office": office,
            "raw": raw,
            "problem": problem[:300],
            "sender": sender[:300],
            "subject": subject[:300],
        },
    )
    return mail if created else None


def _handled(actor, note="", record=None):
    def changes(locked, now):
        locked.handled_by = actor
        locked.handled_at = now
        locked.handling_note = note.strip()
        if record is not None:
            locked.complaint = record()

    return changes


def record_unreadable_mail(*, mail, actor, data):
    """An officer who could read the message records it by hand as an e-mail complaint."""

    def record():
        return record_complaint(office=mail.office, actor=actor, channel=Channel.EMAIL, data=data)

    mail = MAIL_WORKFLOW.apply(mail, "record", actor=actor, changes=_handled(actor, record=record))
    return mail.complaint


def dismiss_unreadable_mail(*, mail, actor, note):
    """An officer decides the message is no complaint (spam, an empty reply), with a reason."""
    return MAIL_WORKFLOW.apply(
        mail, "dismiss", actor=actor, note=note, changes=_handled(actor, note or "")
    )
