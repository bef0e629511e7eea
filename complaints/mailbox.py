"""E-mail intake (sarana pengaduan 3): the office mailbox read over IMAP.

Each new message becomes an e-mail complaint, once per Message-ID. A message that cannot be
read as a complaint (no text, an unknown character set, no usable sender) is kept whole as
an ``UnreadableMail`` for an officer: nothing in the mailbox is ever dropped or deleted.
"""

import email
import email.policy
import hashlib
import html
import imaplib
import logging
import re
from dataclasses import dataclass, field
from email.utils import parseaddr

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.html import strip_tags

from . import services
from .models import Complaint, UnreadableMail

logger = logging.getLogger(__name__)


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


def parse_complaint(raw):
    """(complaint data, Message-ID) from the message's bytes, or UnreadableMessage."""
    try:
        message = _message(raw)
    except Exception as exc:  # noqa: BLE001
        raise UnreadableMessage(f"not an e-mail message ({exc.__class__.__name__})") from exc
    message_id = fingerprint(raw, _header(message, "Message-ID"))
    sender = _header(message, "From")
    subject = _header(message, "Subject")
    name, address = parseaddr(sender)
    try:
        validate_email(address)
    except ValidationError:
        raise UnreadableMessage("no valid sender address", sender=sender, subject=subject) from None
    try:
        body = message.get_body(preferencelist=("plain", "html"))
        if body is None:
            raise UnreadableMessage("no text in the message", sender=sender, subject=subject)
        text = body.get_content()
    except UnreadableMessage:
        raise
    except Exception as exc:  # noqa: BLE001 - unknown charset, broken encoding
        raise UnreadableMessage(
            f"the text cannot be decoded ({exc.__class__.__name__})", sender=sender, subject=subject
        ) from exc
    if body.get_content_subtype() == "html":
        text = html.unescape(strip_tags(text))
    text = re.sub(r"\n{3,}", "\n\n", text.replace("\r\n", "\n")).strip()
    if not text:
        raise UnreadableMessage("the message is empty", sender=sender, subject=subject)
    data = {
        "complainant_name": (name.strip() or address.split("@")[0])[:150],
        "complainant_email": address,
        "subject": subject[:200],
        "text": text,
    }
    return data, message_id


@dataclass
class IntakeResult:
    recorded: list = field(default_factory=list)
    kept_aside: list = field(default_factory=list)
    skipped: int = 0


def take_in(raw, result):
    """Record one message, keep it aside, or skip it if it was seen before."""
    try:
        data, message_id = parse_complaint(raw)
    except UnreadableMessage as exc:
        key = fingerprint(raw, _message_id_of(raw))
        mail = services.keep_unreadable_mail(
            fingerprint=key, raw=raw, problem=exc.problem, sender=exc.sender, subject=exc.subject
        )
        if mail is None:
            result.skipped += 1
        else:
            result.kept_aside.append(mail)
        return
    try:
        complaint = services.record_mail_complaint(data=data, message_id=message_id)
    except Exception as exc:  # noqa: BLE001 - kept for an officer rather than lost
        logger.exception("could not record a complaint e-mail")
        mail = services.keep_unreadable_mail(
            fingerprint=message_id,
            raw=raw,
            problem=f"could not be recorded ({exc.__class__.__name__})",
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


def already_taken(message_id):
    return (
        Complaint.objects.filter(email_message_id=message_id).exists()
        or UnreadableMail.objects.filter(fingerprint=message_id).exists()
    )


def _fetch_part(connection, uid, part):
    status, data = connection.uid("FETCH", uid, f"({part})")
    if status != "OK":
        raise imaplib.IMAP4.error(f"FETCH {uid} failed")
    for item in data:
        if isinstance(item, tuple):
            return item[1]
    return b""


def fetch(config, result=None):
    """Read every message of the mailbox; record the new ones. Returns an IntakeResult."""
    result = result or IntakeResult()
    connection_class = imaplib.IMAP4_SSL if config.get("SSL") else imaplib.IMAP4
    connection = connection_class(config["HOST"], int(config["PORT"]), timeout=60)
    try:
        connection.login(config["USER"], config["PASSWORD"])
        status, _data = connection.select(config.get("MAILBOX") or "INBOX")
        if status != "OK":
            raise imaplib.IMAP4.error(f"cannot open mailbox {config.get('MAILBOX')}")
        status, data = connection.uid("SEARCH", None, "ALL")
        for uid in (data[0] or b"").split():
            header = _fetch_part(connection, uid, "BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]")
            message_id = _message_id_of(header or b"")
            if message_id and already_taken(message_id):
                result.skipped += 1
                continue
            raw = _fetch_part(connection, uid, "BODY.PEEK[]")
            take_in(raw, result)
            # Seen, so an officer reading the mailbox knows; never deleted.
            connection.uid("STORE", uid, "+FLAGS", "(\\Seen)")
    finally:
        try:
            connection.logout()
        except Exception:  # noqa: BLE001
            logger.warning("IMAP logout failed", exc_info=True)
    return result
