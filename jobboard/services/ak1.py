"""The AK/I card: issued at activation, reported every six months, closed at placement."""

import logging

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import numbering
from portal.dates import tanggal
from portal.notifications import send_now
from portal.workflow import MoveRefused

from ..models import (
    Ak1Card,
    Ak1ClosedReason,
    Ak1NumberCounter,
    Ak1Reminder,
    Ak1Report,
    JobSeeker,
    months_later,
)
from ..workflows import registration_workflow
from .ak1_snapshot import freeze_card
from .changes import save_own_data

logger = logging.getLogger(__name__)


def _book_ak1_number(office, now):
    """The next running AK/I number of the holder's office in the year, in its format.

    The counter row stays locked until the activation commits, so two officers activating
    at the same moment get consecutive numbers, never the same one, and a rolled-back
    activation gives its number back (no gap).
    """
    # A format that cannot make unique numbers refuses the activation: it waits.
    return numbering.book_or_refuse(
        Ak1NumberCounter,
        office,
        office.ak1_number_format,
        now,
        _("The AK/I number format in the office profile is not valid: %(format)s"),
    )


def _issue_ak1_card(seeker, *, actor, now):
    """Issue the card inside the activation's transaction (the seeker row is locked)."""
    if Ak1Card.objects.filter(jobseeker=seeker).exists():
        return seeker.ak1_card
    year, seq, number = _book_ak1_number(seeker.office, now)
    valid_from = timezone.localtime(now).date()
    card = Ak1Card(
        jobseeker=seeker,
        office=seeker.office,
        number=number,
        year=year,
        seq=seq,
        issued_at=now,
        issued_by=actor,
        valid_from=valid_from,
        valid_until=months_later(valid_from, Ak1Card.VALID_MONTHS),
        next_report_period=2,
    )
    card.next_report_due = card.period_start(2)
    freeze_card(card, now=now)
    card._change_reason = "issue"
    card.save()
    return card


def issue_ak1_card(seeker, *, actor):
    """Issue an AK/I to an already active job seeker who asked for one (e.g. after a correction)."""
    # The card is part of the activation: the activation's permission, in the person's office,
    # issues it.
    workflow = registration_workflow(JobSeeker)
    if not workflow.may(actor, "activate"):
        raise PermissionDenied(_("You may not activate or reject this account."))
    if not workflow.may_in_office(actor, workflow.permission("activate"), seeker):
        raise PermissionDenied(_("This record belongs to another office."))
    with transaction.atomic():
        locked = JobSeeker.objects.select_for_update().get(pk=seeker.pk)
        if not locked.is_active:
            raise MoveRefused(_("An AK/I card is issued only to an active job seeker."))
        return _issue_ak1_card(locked, actor=actor, now=timezone.now())


def _card_refusal(card, today):
    """Why the holder cannot report now, in words they can act on; None if they can."""
    if card.is_closed:
        return _("Your AK/I card was closed on %(date)s (%(reason)s); no report is needed.") % {
            "date": tanggal(card.closed_at),
            "reason": card.get_closed_reason_display().lower(),
        }
    if card.valid_until < today:
        return _("Your AK/I card expired on %(date)s. Come to the office to register again.") % {
            "date": tanggal(card.valid_until)
        }
    if card.next_report_period is None:
        return _("All four report columns of your AK/I card are filled; no report is needed.")
    opens = card.report_opens(card.next_report_period)
    if today < opens:
        return _(
            "Your next report (column %(column)s) is due on %(due)s. You can report from %(opens)s."
        ) % {
            "column": card.next_report_period,
            "due": tanggal(card.next_report_due),
            "opens": tanggal(opens),
        }
    return None


def ak1_report_refusal(card):
    return _card_refusal(card, timezone.localdate())


def report_ak1(card, *, actor, data=None):
    """The holder's six-monthly report: still looking for work (and the profile brought up to
    date with the report form's cleaned ``data`` in the same transaction). Fills the column of the current period; a
    period whose report was never made stays empty."""
    if actor.pk != card.jobseeker.user_id:
        raise PermissionDenied
    today = timezone.localdate()
    with transaction.atomic():
        locked = Ak1Card.objects.select_for_update().get(pk=card.pk)
        refusal = _card_refusal(locked, today)
        if refusal:
            raise MoveRefused(refusal)
        period = locked.next_report_period
        while period < Ak1Card.COLUMNS and today >= locked.report_opens(period + 1):
            period += 1  # that period passed without a report
        if data:
            # checked fields (address, education) wait for an officer, the rest saves now
            seeker = JobSeeker.objects.select_for_update().get(pk=locked.jobseeker_id)
            save_own_data(seeker, actor=actor, data=data)
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
    if not actor.has_perm("jobboard.legalise_ak1_card", card):  # in the card's office
        raise PermissionDenied(_("You may not legalise AK/I cards."))
    with transaction.atomic():
        locked = Ak1Card.objects.select_for_update().get(pk=card.pk)
        if locked.legalised_at:
            raise MoveRefused(_("This card is already legalised."))
        if locked.is_closed or locked.is_expired:
            raise MoveRefused(_("A closed or expired card is not legalised."))
        locked.legalised_at = timezone.now()
        locked.legalised_by = actor
        # What the officer compared with the person at the counter is what the card prints.
        freeze_card(locked, now=locked.legalised_at)
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
    card.snapshot = {**card.snapshot, "placed_with": placement.employer.company_name}
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
        .select_related("jobseeker", "office")
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
                        office=card.office,
                    )
                    sent += 1
        except Exception:  # noqa: BLE001 - one refused address must not stop the others
            logger.exception("AK/I reminder for card %s not sent", card.pk)
            failed += 1
    return sent, failed
