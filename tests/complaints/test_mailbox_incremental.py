"""The mailbox read incrementally (UIDs above a cursor, UIDVALIDITY kept), against pymap."""

import imaplib
import threading
import time
from email.message import EmailMessage

import pytest

from background.models import OutboxMail
from complaints import mailbox
from complaints.models import Complaint, MailAttachment, MailboxCursor, UnreadableMail
from portal import roles
from tests.conftest import EXE_BYTES, PDF_BYTES

pytestmark = pytest.mark.django_db(transaction=True)


def message(i, *, prefix="m", attach=(), **headers):
    msg = EmailMessage()
    msg["From"] = f"Warga {i} <warga{i}@example.com>"
    msg["To"] = "pentalasker@yahoo.co.id"
    msg["Subject"] = f"Pengaduan {prefix}{i}"
    msg["Message-ID"] = f"<{prefix}{i}@example.com>"
    for name, value in headers.items():
        msg[name.replace("_", "-")] = value
    msg.set_content(f"Isi pengaduan {prefix}{i}.")
    for name, data, maintype, subtype in attach:
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return msg.as_bytes()


def append(config, raws):
    """APPEND the messages, 500 to a command (MULTIAPPEND with LITERAL+, which pymap offers):
    one APPEND per message costs pymap 50 ms, too slow for a mailbox of thousands."""
    imap = imaplib.IMAP4(config["HOST"], config["PORT"])
    imap.login(config["USER"], config["PASSWORD"])
    raws = list(raws)
    for batch, start in enumerate(range(0, len(raws), 500)):
        tag = f"m{batch}".encode()
        literals = b"".join(b" {%d+}\r\n" % len(raw) + raw for raw in raws[start : start + 500])
        imap.send(tag + b" APPEND " + config["MAILBOX"].encode() + literals + b"\r\n")
        while not (line := imap.readline()).startswith(tag + b" "):
            pass
        assert line.startswith(tag + b" OK"), line
    imap.select(config["MAILBOX"])
    uidvalidity = int(imap.response("UIDVALIDITY")[1][0])
    _status, data = imap.uid("SEARCH", None, "ALL")
    imap.logout()
    return uidvalidity, max(map(int, data[0].split()))


def test_a_mailbox_of_hundreds_read_twice_records_each_message_once(imap_server, office):
    append(imap_server, [message(i) for i in range(150)])
    first = mailbox.fetch(imap_server)
    assert len(first.recorded) == 150
    second = mailbox.fetch(imap_server)
    assert (len(second.recorded), second.skipped, second.kept_aside) == (0, 0, [])
    assert Complaint.objects.count() == 150
    assert OutboxMail.objects.filter(template="complaints/email/received").count() == 150
    append(imap_server, [message(i, prefix="new") for i in range(3)])
    assert len(mailbox.fetch(imap_server).recorded) == 3


def test_new_messages_are_read_in_the_same_time_however_many_old_ones_the_mailbox_holds(
    imap_server, office, capsys
):
    """20 new messages after 10 old ones, then 20 more after 5,000 old ones."""
    timings = {}
    old_total = 0
    for old in (10, 5000):
        uidvalidity, last_uid = append(
            imap_server, [message(i, prefix=f"old{old}-") for i in range(old - old_total)]
        )
        old_total = old
        # The earlier runs' state: everything up to here was read.
        MailboxCursor.objects.update_or_create(
            mailbox=mailbox._cursor_key(imap_server),
            defaults={"uidvalidity": uidvalidity, "last_uid": last_uid},
        )
        append(imap_server, [message(i, prefix=f"new{old}-") for i in range(20)])
        started = time.perf_counter()
        result = mailbox.fetch(imap_server)
        timings[old] = time.perf_counter() - started
        assert len(result.recorded) == 20
        assert result.skipped == 0
        old_total += 20
    with capsys.disabled():
        print(
            f"\n20 new messages: {timings[10]:.2f} s beside 10 old, {timings[5000]:.2f} s beside 5,000 old"
        )
    assert timings[5000] < 2 * timings[10] + 0.5


def test_a_new_uidvalidity_reads_again_without_recording_twice(imap_server, office):
    append(imap_server, [message(i) for i in range(5)])
    mailbox.fetch(imap_server)
    MailboxCursor.objects.update(uidvalidity=1, last_uid=999999)  # as if renumbered
    result = mailbox.fetch(imap_server)
    assert (len(result.recorded), result.skipped) == (0, 5)
    assert Complaint.objects.count() == 5


def test_two_readers_at_once_record_each_message_once(imap_server, office):
    append(imap_server, [message(i) for i in range(40)])
    results = []

    def read():
        from django.db import connection

        try:
            results.append(mailbox.fetch(imap_server))
        finally:
            connection.close()

    readers = [threading.Thread(target=read) for _ in range(2)]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()
    assert sum(len(r.recorded) for r in results) == 40
    assert Complaint.objects.count() == 40
    assert OutboxMail.objects.filter(template="complaints/email/received").count() == 40


def test_automatic_replies_and_bounces_are_set_aside_not_recorded(imap_server, office):
    bounce = (
        b"From: Mail Delivery System <MAILER-DAEMON@mail.example.com>\r\n"
        b"To: noreply@disnaker.example.go.id\r\n"
        b"Subject: Undelivered Mail Returned to Sender\r\n"
        b"Message-ID: <bounce-1@mail.example.com>\r\n"
        b"MIME-Version: 1.0\r\n"
        b'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n'
        b"\r\n--B\r\nContent-Type: text/plain\r\n\r\nThe mail could not be delivered.\r\n"
        b"--B\r\nContent-Type: message/delivery-status\r\n\r\nStatus: 5.1.1\r\n--B--\r\n"
    )
    append(
        imap_server,
        [
            message(1, prefix="ooo", Auto_Submitted="auto-replied"),
            bounce,
            message(2, prefix="real"),
        ],
    )
    result = mailbox.fetch(imap_server)
    assert [c.email_message_id for c in result.recorded] == ["<real2@example.com>"]
    aside = {m.fingerprint: m.problem for m in UnreadableMail.objects.all()}
    assert aside == {
        "<ooo1@example.com>": "an automatic reply (Auto-Submitted: auto-replied)",
        "<bounce-1@mail.example.com>": "a delivery failure report (bounce)",
    }
    # No receipt goes back to a machine.
    assert OutboxMail.objects.filter(template="complaints/email/received").count() == 1


def test_attachments_are_kept_as_private_files_checked_like_uploads(
    imap_server, office, officers, client
):
    append(
        imap_server,
        [
            message(
                1,
                attach=[
                    ("slip-gaji.pdf", PDF_BYTES, "application", "pdf"),
                    ("foto.pdf", EXE_BYTES, "application", "pdf"),
                ],
            )
        ],
    )
    (complaint,) = mailbox.fetch(imap_server).recorded
    kept, refused = MailAttachment.objects.filter(complaint=complaint)
    assert (kept.name, kept.refused) == ("slip-gaji.pdf", "")
    assert kept.file.name.startswith("complaints/mail/") and "slip" not in kept.file.name
    assert (refused.name, bool(refused.file)) == ("foto.pdf", False)
    assert "not a valid PDF" in refused.refused or "bukan" in refused.refused

    url = f"/berkas/complaints.mailattachment/{kept.pk}/file/"
    client.force_login(officers[roles.COMPLAINT_OFFICER])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    client.force_login(officers[roles.JOB_PLACEMENT_OFFICER])
    assert client.get(url).status_code == 403
    client.force_login(officers[roles.COMPLAINT_OFFICER])
    page = client.get(f"/admin/complaints/complaint/{complaint.pk}/change/").text
    assert url in page and "foto.pdf" in page
