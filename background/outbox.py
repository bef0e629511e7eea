"""Mail through the outbox: rendered and stored with the change that causes it, delivered by
the task queue after the commit, retried with backoff, given up after a bounded time.

A request only writes a row and queues a task: it never waits for a mail server.
"""

import datetime
import logging
import smtplib
import time

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.db import transaction
from django.tasks import default_task_backend
from django.utils import timezone

from portal.workflow import SYSTEM, MoveRefused

from .connections import LOST, close_connection
from .models import SERVICES, OutboxMail
from .workflows import OUTBOX

logger = logging.getLogger(__name__)


def service_of(template):
    app = template.split("/", 1)[0]
    return app if app in SERVICES else "portal"


def queue_mail(*, template, recipients, subject, body, headers=None, office=None):
    """Store one mail of ``office`` (with extra ``headers``, if any); its delivery is queued
    when the current transaction commits."""
    now = timezone.now()
    mail = OutboxMail.objects.create(
        service=service_of(template),
        template=template,
        to=list(recipients),
        subject=subject[:300],
        body=body,
        headers=dict(headers or {}),
        office=office if getattr(office, "pk", None) else None,
        next_attempt_at=now,
        give_up_at=now + datetime.timedelta(seconds=settings.OUTBOX_GIVE_UP_SECONDS),
    )
    transaction.on_commit(lambda: enqueue_delivery(mail.pk))
    return mail


def enqueue_delivery(pk, at=None):
    """Queue the delivery of one mail (at ``at`` where the backend can wait)."""
    from .tasks import deliver_mail

    task = deliver_mail
    if at is not None and default_task_backend.supports_defer:
        task = deliver_mail.using(run_after=at)
    try:
        task.enqueue(pk)
    except Exception:  # noqa: BLE001 - the outbox row stands; the sweep queues it again
        logger.exception("could not queue outgoing mail %s", pk)


def backoff(attempts):
    """Seconds before attempt ``attempts + 1``: doubling from the base, capped."""
    base = settings.OUTBOX_RETRY_BASE_SECONDS
    return min(base * 2 ** max(attempts - 1, 0), settings.OUTBOX_RETRY_MAX_SECONDS)


def is_permanent(exc):
    """A 5xx answer to the recipients or the message will not change by waiting."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _msg in exc.recipients.values()]
        return bool(codes) and all(500 <= code < 600 for code in codes)
    if isinstance(exc, smtplib.SMTPResponseException):
        return 500 <= exc.smtp_code < 600
    return False


def describe(exc):
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{address}: {code} {message.decode(errors='replace') if isinstance(message, bytes) else message}"
            for address, (code, message) in exc.recipients.items()
        )
    if isinstance(exc, smtplib.SMTPResponseException):
        message = exc.smtp_error
        if isinstance(message, bytes):
            message = message.decode(errors="replace")
        return f"{exc.smtp_code} {message}"
    return f"{exc.__class__.__name__}: {exc}" if str(exc) else exc.__class__.__name__


def deliver(pk):
    """One delivery attempt. Safe to run twice or at once on two workers, and through a
    failover of the database.

    The attempt is claimed first, in a short transaction of its own: a mail already sent,
    failed, not yet due or claimed by another attempt is left alone, and a claimed mail is not
    due again for OUTBOX_SEND_LEASE_SECONDS. The mail server is then spoken to with no
    database transaction open, and the outcome is recorded as the system's move
    (background.workflows: send, retry or fail). When the database is gone at that moment (a
    restart, a failover), the worker keeps the outcome and records it once the database
    answers again, instead of leaving the mail to be sent a second time. Only a worker that
    dies between the server's answer and that record sends it twice, once its claim runs out.
    """
    mail = _claim(pk)
    if not isinstance(mail, OutboxMail):
        return mail
    attempts = mail.attempts + 1
    try:
        EmailMessage(
            mail.subject,
            mail.body,
            settings.DEFAULT_FROM_EMAIL,
            mail.to,
            headers=mail.headers or None,
        ).send()
    except (smtplib.SMTPException, OSError) as exc:
        error = describe(exc)[:1000]
        now = timezone.now()
        retry_at = now + datetime.timedelta(seconds=backoff(attempts))
        if is_permanent(exc) or retry_at > mail.give_up_at:
            mail = _record_surely(mail, "fail", attempts=attempts, last_error=error, failed_at=now)
            logger.warning("outgoing mail %s failed: %s", pk, mail.last_error)
        else:
            mail = _record_surely(
                mail, "retry", attempts=attempts, last_error=error, next_attempt_at=retry_at
            )
    else:
        mail = _record_surely(
            mail, "send", attempts=attempts, sent_at=timezone.now(), last_error=""
        )
        return mail.status
    if mail.status == OutboxMail.Status.RETRYING:
        transaction.on_commit(lambda: enqueue_delivery(pk, at=mail.next_attempt_at))
    return mail.status


def _claim(pk):
    """The mail to send now, claimed for one attempt; or the status of one to leave alone."""
    with transaction.atomic():
        mail = OutboxMail.objects.select_for_update(skip_locked=True).filter(pk=pk).first()
        now = timezone.now()
        if mail is None or mail.status in (OutboxMail.Status.SENT, OutboxMail.Status.FAILED):
            return None
        if mail.next_attempt_at > now + datetime.timedelta(seconds=1):
            return mail.status  # not due, or another attempt holds it
        due = mail.next_attempt_at
        OutboxMail.objects.filter(pk=pk).update(
            next_attempt_at=now + datetime.timedelta(seconds=settings.OUTBOX_SEND_LEASE_SECONDS)
        )
        mail.next_attempt_at = due
        return mail


def _record_surely(mail, action, **fields):
    """_record, again and again while the database is unreachable (OUTBOX_RECORD_RETRY_SECONDS
    at most): the mail server has answered, and forgetting its answer would send twice."""
    deadline = time.monotonic() + settings.OUTBOX_RECORD_RETRY_SECONDS
    pause = 0.2
    lost = False
    while True:
        try:
            return _record(mail, action, **fields)
        except MoveRefused:
            if not lost:
                raise
            # The commit that was lost with the old server had reached the standby after all.
            mail.refresh_from_db()
            return mail
        except LOST:
            lost = True
            if time.monotonic() > deadline:
                raise
            logger.warning("could not record outgoing mail %s; retrying", mail.pk)
            close_connection()
            time.sleep(pause)
            pause = min(pause * 2, 5)


def _record(mail, action, **fields):
    """The attempt's outcome as the system's move on the row this worker holds locked."""

    def changes(locked, now):
        for name, value in fields.items():
            setattr(locked, name, value)

    return OUTBOX.apply(mail, action, actor=SYSTEM, changes=changes)


def resend_one(*, mail, actor):
    """Queue one mail again now, with a fresh time to give up (an officer of its service).

    Refused (MoveRefused) for a mail already sent, PermissionDenied for another service's."""

    def changes(locked, now):
        locked.next_attempt_at = now
        locked.give_up_at = now + datetime.timedelta(seconds=settings.OUTBOX_GIVE_UP_SECONDS)
        locked.failed_at = None

    mail = OUTBOX.apply(mail, "resend", actor=actor, changes=changes)
    transaction.on_commit(lambda pk=mail.pk: enqueue_delivery(pk))
    return mail


def resend(mails, *, actor):
    """Queue failed (or waiting) mails again; those sent or not the actor's are skipped.
    Returns how many were queued."""
    count = 0
    for mail in mails:
        try:
            resend_one(mail=mail, actor=actor)
        except (MoveRefused, PermissionDenied):
            continue
        count += 1
    return count


def sweep_due():
    """Queue every mail whose attempt is due but whose task went missing (a backend that
    cannot wait, a queue that refused). A duplicate task finds the mail sent and stops."""
    stale = timezone.now() - datetime.timedelta(seconds=settings.OUTBOX_SWEEP_GRACE_SECONDS)
    due = OutboxMail.objects.filter(
        status__in=[OutboxMail.Status.QUEUED, OutboxMail.Status.RETRYING],
        next_attempt_at__lte=stale,
    ).values_list("pk", flat=True)[:500]
    for pk in due:
        enqueue_delivery(pk)
    return len(due)
