"""E-mail against real servers on loopback: pymap (IMAP) for intake, aiosmtpd (SMTP) for sending."""

import imaplib
import io
import time
from email.message import EmailMessage

import pytest
from django.core.management import call_command

from complaints import services
from complaints.models import Channel, Complaint, MailboxCursor, UnreadableMail
from portal import roles
from portal.workflow import MoveRefused
from tests.complaints.conftest import CHAIN, COMPLAINANT, ours, step_service
from tests.factories import default_office


def _message(sender, subject, body, message_id):
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "pentalasker@yahoo.co.id"
    message["Subject"] = subject
    message["Message-ID"] = message_id
    message.set_content(body)
    return message.as_bytes()


UNREADABLE = (
    b"From: Orang <orang@example.com>\r\n"
    b"To: pentalasker@yahoo.co.id\r\n"
    b"Subject: lampiran\r\n"
    b"Message-ID: <unreadable-1@example.com>\r\n"
    b"MIME-Version: 1.0\r\n"
    b'Content-Type: text/plain; charset="x-no-such-charset"\r\n'
    b"Content-Transfer-Encoding: base64\r\n"
    b"\r\n"
    b"//79/Pv6+fj39vX08/Lx8A==\r\n"
)


def _append(config, *messages):
    connection = imaplib.IMAP4(config["HOST"], config["PORT"])
    connection.login(config["USER"], config["PASSWORD"])
    for raw in messages:
        status, _ = connection.append(config["MAILBOX"], None, None, raw)
        assert status == "OK"
    connection.logout()


def _fetch():
    out = io.StringIO()
    call_command("fetch_complaint_mail", stdout=out)
    return out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_intake_records_two_skips_them_again_and_keeps_the_unreadable_one(
    imap_server, office, roles_synced, mailoutbox
):
    _append(
        imap_server,
        _message(
            "Budi Santoso <budi@example.com>",
            "Gaji di bawah UMK",
            "Perusahaan membayar di bawah UMK.\n\nBudi, 0812 1111 2222",
            "<first@example.com>",
        ),
        _message(
            "ani@example.com",
            "Loker palsu",
            "Ada lowongan palsu di BKOL.",
            "<second@example.com>",
        ),
        UNREADABLE,
    )

    output = _fetch()
    assert "recorded 2, kept aside 1" in output
    complaints = list(Complaint.objects.order_by("book_number"))
    assert [c.channel for c in complaints] == [Channel.EMAIL, Channel.EMAIL]
    assert [c.email_message_id for c in complaints] == [
        "<first@example.com>",
        "<second@example.com>",
    ]
    budi, ani = complaints
    assert (budi.complainant_name, budi.complainant_email) == ("Budi Santoso", "budi@example.com")
    assert budi.subject == "Gaji di bawah UMK"
    assert "di bawah UMK" in budi.text
    assert ani.complainant_name == "ani"
    assert budi.received_by is None  # the reporting officer becomes the receiving officer
    # The standard's promise: a notification to the sender's address, with the reference.
    notified = {m.to[0]: m for m in ours(mailoutbox)}
    assert budi.reference in notified["budi@example.com"].body
    assert ani.reference in notified["ani@example.com"].body

    kept = UnreadableMail.objects.get()
    assert kept.fingerprint == "<unreadable-1@example.com>"
    assert kept.state == UnreadableMail.State.WAITING
    assert b"//79/Pv6+fj39vX08/Lx8A==" in bytes(kept.raw)  # kept whole
    assert "tidak dapat dibaca" in kept.problem  # "cannot be decoded", for the officers

    # The next run reads only what arrived since (the UID cursor): nothing.
    assert "recorded 0, kept aside 0, already taken 0" in _fetch()
    # Without its cursor (a mailbox renumbered, a lost row) it reads all again and skips all.
    MailboxCursor.objects.all().delete()
    again = _fetch()
    assert "recorded 0, kept aside 0, already taken 3" in again
    assert Complaint.objects.count() == 2
    assert UnreadableMail.objects.count() == 1
    assert len(ours(mailoutbox)) == 2


@pytest.mark.django_db(transaction=True)
def test_a_message_without_text_or_message_id_is_kept_once(imap_server, office, roles_synced):
    message = EmailMessage()
    message["From"] = "foto@example.com"
    message["Subject"] = "foto"
    message.add_attachment(b"\xff\xd8\xff\xe0" + b"0" * 50, maintype="image", subtype="jpeg")
    _append(imap_server, message.as_bytes())
    assert "kept aside 1" in _fetch()
    assert "kept aside 0" in _fetch()
    kept = UnreadableMail.objects.get()
    assert kept.fingerprint.startswith("<sha256:")
    assert kept.problem == "pesan tidak berisi teks"  # in the office's language: officers read it


@pytest.mark.django_db(transaction=True)
def test_an_officer_records_or_dismisses_what_was_kept_aside(imap_server, office, officers):
    _append(imap_server, UNREADABLE)
    _fetch()
    mail = UnreadableMail.objects.get()
    officer = officers[roles.COMPLAINT_OFFICER]
    with pytest.raises(services.PermissionDenied):
        services.dismiss_unreadable_mail(mail=mail, actor=officers[roles.DIVISION_HEAD], note="x")
    complaint = services.record_unreadable_mail(
        mail=mail,
        actor=officer,
        data={**COMPLAINANT, "complainant_email": "orang@example.com"},
    )
    mail.refresh_from_db()
    assert (mail.state, mail.complaint, mail.handled_by) == ("recorded", complaint, officer)
    with pytest.raises(MoveRefused):
        services.dismiss_unreadable_mail(mail=mail, actor=officer, note="spam")


@pytest.mark.django_db(transaction=True)
def test_notification_and_answer_reach_a_real_smtp_server(smtp_server, office, officers):
    complaint = services.record_complaint(
        office=default_office(), actor=None, channel=Channel.WEB, data=COMPLAINANT
    )
    for action, role, extra in CHAIN[:5]:  # up to the written answer
        step_service(action)(complaint=complaint, actor=officers[role], **extra)

    deadline = time.monotonic() + 10
    while len(ours(smtp_server.messages)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(ours(smtp_server.messages)) == 2
    (to1, receipt), (to2, answer) = ours(smtp_server.messages)
    assert to1 == to2 == ["siti@example.com"]
    assert complaint.reference in receipt["Subject"]
    assert complaint.reference in receipt.get_content()
    assert "/pengaduan/status/" in receipt.get_content()
    assert complaint.reference in answer["Subject"]
    assert "Kartu dapat diambil di loket 2." in answer.get_content()


@pytest.mark.django_db(transaction=True)
def test_a_message_that_fails_to_record_is_kept_aside_not_lost(office, roles_synced, monkeypatch):
    from complaints import mailbox

    def broken(**kwargs):
        raise RuntimeError("database hiccup")

    monkeypatch.setattr(services, "record_mail_complaint", broken)
    result = mailbox.IntakeResult()
    raw = _message("a@example.com", "x", "Tolong.", "<broken@example.com>")
    mailbox.take_in(raw, result, office=default_office())
    assert [m.fingerprint for m in result.kept_aside] == ["<broken@example.com>"]
    assert UnreadableMail.objects.get().problem == "tidak dapat dicatat (RuntimeError)"
