"""Mail as tasks: the request never waits for SMTP; the worker delivers, retries, gives up,
and an officer of the service sees it in the outbox and resends it."""

import time

import pytest
from django.urls import reverse

from background.models import OutboxMail
from portal import roles
from tests.background.conftest import wait_for
from tests.complaints.test_public import VALID as COMPLAINT


def smtp_at(port, timeout=5):
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": timeout},
        }
    }


def timed_complaint(client, **data):
    started = time.perf_counter()
    response = client.post(reverse("complaints:create"), {**COMPLAINT, **data})
    assert response.status_code == 302
    return time.perf_counter() - started


def receipt():
    return OutboxMail.objects.get(template="complaints/email/received")


def test_a_click_that_sends_mail_does_not_wait_for_a_hanging_mail_server(
    queue, office, client, settings, silent_smtp, smtp
):
    smtp.start()
    settings.MAILERS = smtp_at(smtp.port)
    client.get(reverse("complaints:create"))  # warm up templates and the session
    with_server_up = timed_complaint(client)
    settings.MAILERS = smtp_at(silent_smtp)  # would hold a sending request for 5 s
    with_server_hanging = timed_complaint(client, complainant_email="budi@example.com")
    assert with_server_hanging < 1.0
    assert with_server_hanging < with_server_up + 0.5
    assert OutboxMail.objects.filter(status="queued").count() == 2


def test_mail_waits_for_a_server_that_is_down_and_goes_out_when_it_answers(
    start_worker, office, client, smtp
):
    start_worker("--no-scheduler", env={"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": smtp.port})
    timed_complaint(client)
    mail = wait_for(lambda: receipt().attempts >= 2 and receipt())
    assert mail.status == "retrying"
    assert "Connection refused" in mail.last_error or "ConnectionRefused" in mail.last_error
    assert smtp.mailbox.messages == []

    smtp.start()  # the mail server comes back
    mail = wait_for(lambda: receipt().status == "sent" and receipt(), timeout=20)
    assert mail.sent_at and mail.last_error == ""
    ((to, message),) = smtp.mailbox.messages
    assert to == ["dewi@example.com"] and message["Subject"] == mail.subject


def test_a_refused_mail_fails_with_the_reason_and_a_resend_delivers_it_after_the_fix(
    start_worker, office, client, smtp, officers
):
    smtp.mailbox.refuse = True
    smtp.start()
    start_worker("--no-scheduler", env={"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": smtp.port})
    timed_complaint(client)
    mail = wait_for(lambda: receipt().status == "failed" and receipt())
    assert "550 5.1.1 mailbox unavailable" in mail.last_error
    assert mail.failed_at is not None

    # An officer of another service neither sees it nor can resend it.
    changelist = reverse("admin:background_outboxmail_changelist")
    client.force_login(officers[roles.JOB_PLACEMENT_OFFICER])
    assert mail.subject not in client.get(changelist).text
    client.post(changelist, {"action": "resend", "_selected_action": [mail.pk]})
    time.sleep(1)
    assert receipt().status == "failed"

    # The complaint officer sees why it failed; once the server is fixed, one click resends it.
    smtp.mailbox.refuse = False
    client.force_login(officers[roles.COMPLAINT_OFFICER])
    page = client.get(changelist).text
    assert mail.subject in page
    assert (
        "550 5.1.1"
        in client.get(reverse("admin:background_outboxmail_change", args=[mail.pk])).text
    )
    response = client.post(changelist, {"action": "resend", "_selected_action": [mail.pk]})
    assert response.status_code == 302
    mail = wait_for(lambda: receipt().status == "sent" and receipt())
    ((to, _message),) = smtp.mailbox.messages
    assert to == ["dewi@example.com"]


@pytest.mark.django_db
def test_a_mail_is_given_up_after_the_bounded_time(settings, office, silent_smtp):
    """In this process (immediate backend): refused connections are retried until give-up."""
    from background import outbox

    settings.MAILERS = smtp_at(silent_smtp, timeout=0.2)
    settings.OUTBOX_RETRY_BASE_SECONDS = 0
    settings.OUTBOX_GIVE_UP_SECONDS = 0.5
    mail = outbox.queue_mail(
        template="complaints/email/x", recipients=["a@example.com"], subject="s", body="b"
    )
    outbox.deliver(mail.pk)
    mail.refresh_from_db()
    assert mail.status == "retrying" and "timed out" in mail.last_error
    time.sleep(0.6)
    outbox.deliver(mail.pk)
    mail.refresh_from_db()
    assert mail.status == "failed" and mail.attempts == 2


@pytest.mark.django_db
def test_each_office_reads_and_resends_only_its_own_mail(client, office, make_user, roles_synced):
    """A mail is its record's office's: Lumajang's complaint officer does not see Probolinggo's
    receipt (nor open it), and sees and resends Lumajang's."""
    from background import outbox
    from portal.models import Office

    lumajang = Office.objects.create(
        slug="kab-lumajang", region_code="3508", level="kabupaten", name="Disnaker Lumajang",
        government="Pemerintah Kabupaten Lumajang", region="Kabupaten Lumajang",
        province="Jawa Timur",
    )  # fmt: skip
    ours = outbox.queue_mail(
        template="complaints/email/received", recipients=["a@example.com"],
        subject="Tanda terima Probolinggo", body="b", office=office,
    )  # fmt: skip
    theirs = outbox.queue_mail(
        template="complaints/email/received", recipients=["b@example.com"],
        subject="Tanda terima Lumajang", body="b", office=lumajang,
    )  # fmt: skip
    OutboxMail.objects.filter(pk__in=[ours.pk, theirs.pk]).update(status="failed")
    client.force_login(make_user("adu-lmj", role=roles.COMPLAINT_OFFICER, office=lumajang))
    changelist = reverse("admin:background_outboxmail_changelist")
    page = client.get(changelist).text
    assert "Tanda terima Lumajang" in page and "Tanda terima Probolinggo" not in page
    other = client.get(reverse("admin:background_outboxmail_change", args=[ours.pk]))
    assert other.status_code in (403, 404)
    client.post(changelist, {"action": "resend", "_selected_action": [ours.pk, theirs.pk]})
    assert OutboxMail.objects.get(pk=ours.pk).status == "failed"  # not Lumajang's to resend
    assert OutboxMail.objects.get(pk=theirs.pk).status == "queued"
