"""E-mail intake (sarana pengaduan 3): the office mailbox read over IMAP.

Each new message becomes an e-mail complaint, once per Message-ID, with its attachments kept
as the complaint's private files (checked like any upload). A message that cannot be read as
a complaint (no text, an unknown character set, no usable sender), and an automatic reply or a
bounce, is kept whole as an ``UnreadableMail`` for an officer: nothing in the mailbox is ever
dropped or deleted. Only messages above the stored UID cursor are read (MailboxCursor).
"""

import contextlib
import email
import email.policy
import hashlib
import html
import imaplib
import logging
import re
from dataclasses import dataclass, field
from email.utils import parseaddr
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext, gettext_noop

from portal.files import validate_document
from portal.models import Office

from . import services
from .models import MailAttachment, MailboxCursor

logger = logging.getLogger(__name__)


def _problem(message, **params):
    """The problem in the office's language: it is kept as text, and officers read it."""
    with translation.override(settings.LANGUAGE_CODE):
        return gettext(message) % params if params else gettext(message)


class UnreadableMessage(Exception):
    def __init__(self, problem, *, sender="", subject=""):
        super().__init__(problem)
        self.problem = problem
        self.sender = sender
        self.subject = subject


def fingerprint(raw, message_id):
    """The Message-ID, or for a message without one a digest of its bytes."""
    message_id = (message_id or "").strip()
    return message_id or f"<sha256:{hashlib.sha256(raw).hexdigest()}>"


def _header(message, name):
    try:
        return str(message.get(name, "") or "").strip()
    except Exception:  # noqa: BLE001 - a malformed header is read as missing
        return ""


def _message(raw):
    """The message object of ``raw``: the one parser and policy of the intake."""
    return email.message_from_bytes(raw, policy=email.policy.default)


BOUNCE_SENDERS = ("mailer-daemon", "postmaster")


def automatic(message):
    """Why the message was written by a machine (an auto-reply, a bounce), or ''.

    Such messages are set aside for an officer: an out-of-office answer to the office's own
    mail is not a complaint, and answering it would start a loop (RFC 3834).
    """
    if message.get_content_type() == "multipart/report":
        return "a delivery failure report (bounce)"
    sender = parseaddr(_header(message, "From"))[1].lower()
    if sender.split("@")[0] in BOUNCE_SENDERS:
        return "a delivery failure report (bounce)"
    auto_submitted = _header(message, "Auto-Submitted").lower()
    if auto_submitted and auto_submitted != "no":
        return f"an automatic reply (Auto-Submitted: {auto_submitted[:40]})"
    if _header(message, "X-Autoreply") or _header(message, "X-Autorespond"):
        return "an automatic reply"
    if _header(message, "Precedence").lower() in {"auto_reply", "bulk", "junk"}:
        return f"an automatic reply (Precedence: {_header(message, 'Precedence')[:20]})"
    return ""


def attachments(message):
    """(file name, bytes) of every attachment of the message."""
    found = []
    for part in message.iter_attachments() if message.is_multipart() else []:
        try:
            data = part.get_content()
        except Exception:  # noqa: BLE001 - unreadable part: named with no content
            data = b""
        if isinstance(data, str):
            data = data.encode()
        if not isinstance(data, bytes):  # a message/rfc822 part
            data = bytes(data) if hasattr(data, "__bytes__") else b""
        name = PurePosixPath((part.get_filename() or "attachment").replace("\\", "/")).name
        found.append((name[:200] or "attachment", data))
    return found


def parse_complaint(raw):
    """(complaint data, Message-ID) from the message's bytes, or UnreadableMessage."""
    try:
        message = _message(raw)
    except Exception as exc:  # noqa: BLE001
        raise UnreadableMessage(
            _problem(
                gettext_noop("not an e-mail message (%(error)s)"), error=exc.__class__.__name__
            )
        ) from exc
    message_id = fingerprint(raw, _header(message, "Message-ID"))
    sender = _header(message, "From")
    subject = _header(message, "Subject")
    machine = automatic(message)
    if machine:
        raise UnreadableMessage(machine, sender=sender, subject=subject)
    name, address = parseaddr(sender)
    try:
        validate_email(address)
    except ValidationError:
        raise UnreadableMessage(
            _problem(gettext_noop("no valid sender address")), sender=sender, subject=subject
        ) from None
    try:
        body = message.get_body(preferencelist=("plain", "html"))
        if body is None:
            raise UnreadableMessage(
                _problem(gettext_noop("no text in the message")), sender=sender, subject=subject
            )
        text = body.get_content()
    except UnreadableMessage:
        raise
    except Exception as exc:  # noqa: BLE001 - unknown charset, broken encoding
        raise UnreadableMessage(
            _problem(
                gettext_noop("the text cannot be decoded (%(error)s)"), error=exc.__class__.__name__
            ),
            sender=sender,
            subject=subject,
        ) from exc
    if body.get_content_subtype() == "html":
        text = html.unescape(strip_tags(text))
    text = re.sub(r"\n{3,}", "\n\n", text.replace("\r\n", "\n")).strip()
    if not text:
        raise UnreadableMessage(
            _problem(gettext_noop("the message is empty")), sender=sender, subject=subject
        )
    data = {
        "complainant_name": (name.strip() or address.split("@")[0])[:150],
        "complainant_email": address,
        "subject": subject[:200],
        "text": text,
    }
    return data, message_id, attachments(message)


@dataclass
class IntakeResult:
    recorded: list = field(default_factory=list)
    kept_aside: list = field(default_factory=list)
    skipped: int = 0
    busy: bool = False  # another worker was reading the mailbox


def mailbox_office(config):
    """The office whose complaint mailbox ``config`` reads: the office its ``OFFICE`` names
    (the office's address name, COMPLAINT_IMAP_OFFICE), or else the first office."""
    offices = Office.objects.order_by("pk")
    office = offices.filter(slug=config["OFFICE"]) if config.get("OFFICE") else offices
    office = office.first()
    if office is None:
        raise ImproperlyConfigured(
            f"COMPLAINT_IMAP_OFFICE names no office: {config.get('OFFICE') or '(no office yet)'}"
        )
    return office


def take_in(raw, result, *, office):
    """Record one message to ``office``, keep it aside, or skip it if it was seen before."""
    try:
        data, message_id, files = parse_complaint(raw)
    except UnreadableMessage as exc:
        key = fingerprint(raw, _message_id_of(raw))
        mail = services.keep_unreadable_mail(
            office=office,
            fingerprint=key,
            raw=raw,
            problem=exc.problem,
            sender=exc.sender,
            subject=exc.subject,
        )
        if mail is None:
            result.skipped += 1
        else:
            result.kept_aside.append(mail)
        return
    try:
        with transaction.atomic():
            complaint = services.record_mail_complaint(
                office=office, data=data, message_id=message_id
            )
            if complaint is not None:
                keep_attachments(complaint, files)
    except Exception as exc:  # noqa: BLE001 - kept for an officer rather than lost
        logger.exception("could not record a complaint e-mail")
        mail = services.keep_unreadable_mail(
            office=office,
            fingerprint=message_id,
            raw=raw,
            problem=_problem(
                gettext_noop("could not be recorded (%(error)s)"), error=exc.__class__.__name__
            ),
            sender=data["complainant_email"],
            subject=data["subject"],
        )
        if mail is not None:
            result.kept_aside.append(mail)
        return
    if complaint is None:
        result.skipped += 1
    else:
        result.recorded.append(complaint)


def keep_attachments(complaint, files):
    """Each file checked like an upload (portal.files): kept privately, or named as refused."""
    for name, data in files:
        upload = ContentFile(data, name=name)
        try:
            validate_document(upload)
        except ValidationError as exc:
            MailAttachment.objects.create(
                complaint=complaint, name=name, refused=" ".join(exc.messages)[:300]
            )
            continue
        attachment = MailAttachment(complaint=complaint, name=name)
        attachment.file.save(name, upload, save=False)
        attachment.save()


def _message_id_of(raw):
    try:
        return _header(_message(raw), "Message-ID")
    except Exception:  # noqa: BLE001
        return ""


def readable_part(raw):
    """What an officer can still read of a message the intake kept aside, for the intake
    form: the first text part, undecodable bytes shown as replacement marks ("" if none)."""
    try:
        for part in _message(raw).walk():
            if part.get_content_maintype() == "text":
                payload = part.get_payload(decode=True) or b""
                return payload.decode("utf-8", errors="replace")
    except Exception:  # noqa: BLE001 - the officer reads the raw message instead
        return ""
    return ""


FETCH_BATCH = 50


def _fetch_messages(imap, uids):
    """The raw messages of ``uids``, fetched in one command, in UID order."""
    status, data = imap.uid("FETCH", ",".join(map(str, uids)), "(UID BODY.PEEK[])")
    if status != "OK":
        raise imaplib.IMAP4.error(f"FETCH {uids[0]}..{uids[-1]} failed")
    found = {}
    for item in data:
        if isinstance(item, tuple):
            uid = re.search(rb"UID (\d+)", item[0])
            if uid:
                found[int(uid.group(1))] = item[1]
    return [found[uid] for uid in uids if uid in found]


def _uidvalidity(connection):
    _status, data = connection.response("UIDVALIDITY")
    if not data or data[0] is None:
        raise imaplib.IMAP4.error("the server gave no UIDVALIDITY")
    return int(data[0])


def _cursor_key(config):
    return f"{config['USER']}@{config['HOST']}:{config['PORT']}/{config.get('MAILBOX') or 'INBOX'}"


@contextlib.contextmanager
def _reader_lock(key):
    """One reader of a mailbox at a time across workers and hosts (a PostgreSQL advisory lock,
    released when the connection ends if the worker dies). Yields False if another holds it."""
    lock_id = int.from_bytes(
        hashlib.sha256(f"mailbox:{key}".encode()).digest()[:8], "big", signed=True
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [lock_id])
        held = cursor.fetchone()[0]
    try:
        yield held
    finally:
        if held:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [lock_id])


def fetch(config, result=None):
    """Read the messages that arrived since the last run; record the new ones.

    Only UIDs above the stored cursor are fetched, so a run costs what is new, however many old
    messages the mailbox keeps. A changed UIDVALIDITY (the server renumbered the mailbox)
    reads the mailbox again from the start, where the Message-IDs already taken are skipped.
    Two workers never read one mailbox at once. Returns an IntakeResult.
    """
    result = result or IntakeResult()
    key = _cursor_key(config)
    office = mailbox_office(config)
    with _reader_lock(key) as held:
        if not held:
            result.busy = True
            return result
        connection_class = imaplib.IMAP4_SSL if config.get("SSL") else imaplib.IMAP4
        imap = connection_class(config["HOST"], int(config["PORT"]), timeout=60)
        try:
            imap.login(config["USER"], config["PASSWORD"])
            status, _data = imap.select(config.get("MAILBOX") or "INBOX")
            if status != "OK":
                raise imaplib.IMAP4.error(f"cannot open mailbox {config.get('MAILBOX')}")
            uidvalidity = _uidvalidity(imap)
            cursor, _ = MailboxCursor.objects.get_or_create(
                mailbox=key, defaults={"uidvalidity": uidvalidity}
            )
            if cursor.uidvalidity != uidvalidity:
                logger.warning("mailbox %s has a new UIDVALIDITY: reading it again", key)
                cursor.uidvalidity, cursor.last_uid = uidvalidity, 0
            status, data = imap.uid("SEARCH", None, f"UID {cursor.last_uid + 1}:*")
            # "n:*" always includes the highest UID, even below n: keep only the new ones.
            uids = sorted(u for u in map(int, (data[0] or b"").split()) if u > cursor.last_uid)
            for start in range(0, len(uids), FETCH_BATCH):
                batch = uids[start : start + FETCH_BATCH]
                for raw in _fetch_messages(imap, batch):
                    take_in(
                        raw, result, office=office
                    )  # a Message-ID taken before is skipped there
                # Seen, so an officer reading the mailbox knows; never deleted.
                imap.uid("STORE", ",".join(map(str, batch)), "+FLAGS", "(\\Seen)")
                cursor.last_uid = batch[-1]
                cursor.save()
            cursor.read_at = timezone.now()
            cursor.save()
        finally:
            try:
                imap.logout()
            except Exception:  # noqa: BLE001
                logger.warning("IMAP logout failed", exc_info=True)
    return result
