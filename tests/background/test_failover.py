"""A task survives a database failover (issue 17): a real worker process on a real streaming
pair (tests/replication.py), the primary stopped mid-run and the standby promoted."""

import asyncio
import subprocess
import sys
import time
import uuid
from collections import Counter

import pytest
from django.db import transaction

from tests.background.conftest import FAST, ROOT, Mailbox, free_port, stop_process, wait_for
from tests.replication import database_settings, use_databases

MAILS_BEFORE = 20
MAILS_AFTER = 5


class SlowMailbox(Mailbox):
    """A mail server that takes a moment per message, so the failover lands mid-run."""

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(0.1)
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def slow_smtp():
    from aiosmtpd.controller import Controller

    mailbox = SlowMailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, mailbox
    controller.stop()


@pytest.fixture
def on_the_pair(streaming_pair, django_db_blocker, settings):
    """This process queues into the pair's database through the libpq host list, as every
    portal process would be configured after a failover-ready set-up."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    for name, value in FAST.items():
        setattr(settings, name, float(value))
    url = streaming_pair.failover_url("portal")
    with django_db_blocker.unblock(), use_databases({"default": database_settings(url)}):
        yield url


def queue_mails(prefix, count):
    from background import outbox

    with transaction.atomic():
        for i in range(count):
            outbox.queue_mail(
                template="complaints/email/received",
                recipients=[f"warga{i}@example.com"],
                subject=f"{prefix} {i}",
                body="Pengaduan Anda kami terima.",
            )


def reconnect():
    from background.connections import close_connection

    close_connection()


def test_a_worker_carries_on_through_a_failover_and_sends_each_mail_once(
    streaming_pair, on_the_pair, slow_smtp
):
    from background.models import OutboxMail, WorkerBeat

    port, mailbox = slow_smtp
    worker_id = uuid.uuid4().hex
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--worker-id", worker_id],
        cwd=ROOT,
        env={
            **streaming_pair.env("portal", url=on_the_pair),
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "TASK_BACKEND": "django_tasks_db.DatabaseBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(port),
            **FAST,
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(lambda: WorkerBeat.objects.filter(worker_id=worker_id).exists(), timeout=30)
        queue_mails(
            "before", MAILS_BEFORE
        )  # committed on the primary and (synchronously) the standby
        wait_for(lambda: len(mailbox.messages) >= 5, timeout=30)

        streaming_pair.stop_primary()  # mid-run: pg_ctl stop -m immediate
        failed_at = time.time()
        time.sleep(1)  # the worker finds the database gone
        sent_while_down = len(mailbox.messages)
        streaming_pair.promote()
        reconnect()
        assert streaming_pair.psql("select pg_is_in_recovery()", standby=True) == "f"

        queue_mails("after", MAILS_AFTER)  # on the promoted standby, found through the host list
        wait_for(
            lambda: OutboxMail.objects.filter(status="sent").count() == MAILS_BEFORE + MAILS_AFTER,
            timeout=60,
        )
        time.sleep(1.5)  # time for a second delivery of anything, if one were coming

        assert worker.poll() is None, "the worker stopped instead of reconnecting"
        delivered = Counter(message["Subject"] for _to, message in mailbox.messages)
        expected = {f"before {i}" for i in range(MAILS_BEFORE)} | {
            f"after {i}" for i in range(MAILS_AFTER)
        }
        assert set(delivered) == expected
        twice = {subject: n for subject, n in delivered.items() if n > 1}
        assert not twice, f"delivered more than once: {twice}"
        assert sent_while_down < MAILS_BEFORE  # the failover did land mid-run
        # and the worker's housekeeping (its heartbeat) reconnected too
        beat = WorkerBeat.objects.get(worker_id=worker_id)
        assert beat.seen_at.timestamp() > failed_at + 1
        from django_tasks_db.models import DBTaskResult

        assert not DBTaskResult.objects.filter(status="RUNNING").exists()
    finally:
        stop_process(worker)
