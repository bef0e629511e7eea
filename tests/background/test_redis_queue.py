"""The same tasks on the Redis-backed queue (issue 17): TASK_REDIS_URL switches django.tasks to
django-tasks-redis, and `manage.py run_worker` runs that backend's worker with the portal's
periodic scheduler beside it. Against the real Redis on loopback."""

import datetime
import socket
import subprocess
import sys
import uuid

import django_tasks_redis  # noqa: F401 - scripts/setup.sh installs the redis-queue extra
import pytest
from django.db import transaction
from django.utils import timezone

from portal import roles
from portal.settings.base import redis_tasks
from tests.background.conftest import FAST, ROOT, stop_process, wait_for, worker_env
from tests.jobboard.ak1_helpers import backdate, issued_card

REDIS_URL = "redis://127.0.0.1:6379/11"


def redis_answers():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


pytestmark = pytest.mark.skipif(not redis_answers(), reason="no Redis on 127.0.0.1:6379")


@pytest.fixture
def redis_queue(transactional_db, settings):
    """This process enqueues on Redis, under keys of its own (removed afterwards)."""
    import redis

    prefix = f"test_tasks_{uuid.uuid4().hex[:12]}"
    settings.TASKS = redis_tasks(REDIS_URL, prefix)
    assert settings.TASKS["default"]["BACKEND"] == "django_tasks_redis.RedisTaskBackend"
    for name, value in FAST.items():
        setattr(settings, name, float(value))
    yield prefix
    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(f"{prefix}*"))
    if keys:
        client.delete(*keys)


def test_the_worker_on_redis_delivers_mail_and_runs_the_periodic_and_reminder_tasks(
    redis_queue, start_worker_on_redis, smtp, make_user, roles_synced
):
    from background import outbox
    from background.models import OutboxMail, PeriodicRun
    from jobboard.models import Ak1Reminder
    from jobboard.tasks import send_ak1_reminders

    smtp.start()
    # A mail whose delivery task went missing: only the periodic sweep finds it.
    stale = OutboxMail.objects.create(
        service="portal",
        template="portal/email/test",
        to=["lama@example.com"],
        subject="tertinggal",
        body="...",
        next_attempt_at=timezone.now() - datetime.timedelta(minutes=10),
        give_up_at=timezone.now() + datetime.timedelta(days=1),
    )
    officer = make_user("petugas", role=roles.JOB_PLACEMENT_OFFICER)
    due = backdate(issued_card(officer), months=6, days=-5)  # AK/I report due in 5 days
    start_worker_on_redis(redis_queue, smtp.port)

    with transaction.atomic():  # queued after the commit, on Redis
        fresh = outbox.queue_mail(
            template="complaints/email/received",
            recipients=["warga@example.com"],
            subject="baru",
            body="Pengaduan Anda kami terima.",
        )
    wait_for(lambda: OutboxMail.objects.get(pk=fresh.pk).status == "sent", timeout=30)

    # the periodic sweep, scheduled by run_worker on the Redis queue, found the stale one
    assert PeriodicRun.objects.filter(name="background.tasks.sweep_outbox").exists()
    wait_for(lambda: OutboxMail.objects.get(pk=stale.pk).status == "sent", timeout=30)

    send_ak1_reminders.enqueue()  # as the scheduler does every morning
    wait_for(lambda: Ak1Reminder.objects.filter(card=due).exists(), timeout=30)

    def subjects_to(address):
        return [m["Subject"] for to, m in smtp.mailbox.messages if to == [address]]

    def reminders():
        return [s for s in subjects_to(due.jobseeker.email) if due.number in s]

    wait_for(reminders, timeout=10)
    assert subjects_to("warga@example.com") == ["baru"]
    assert subjects_to("lama@example.com") == ["tertinggal"]
    assert len(reminders()) == 1


@pytest.fixture
def start_worker_on_redis():
    """start_worker_on_redis(prefix, smtp_port): `manage.py run_worker` with TASK_REDIS_URL,
    once its first heartbeat is written."""
    from background.models import WorkerBeat

    processes = []

    def start(prefix, smtp_port):
        worker_id = uuid.uuid4().hex
        env = worker_env(
            TASK_REDIS_URL=REDIS_URL,
            TASK_REDIS_PREFIX=prefix,
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=smtp_port,
        )
        process = subprocess.Popen(
            [sys.executable, "manage.py", "run_worker", "--worker-id", worker_id],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        processes.append(process)
        wait_for(lambda: WorkerBeat.objects.filter(worker_id=worker_id).exists(), timeout=30)
        return process

    yield start
    for process in processes:
        stop_process(process)
