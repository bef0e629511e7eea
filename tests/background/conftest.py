"""Real worker processes (manage.py run_worker) on the test database, and SMTP servers."""

import email
import email.policy
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Quick clocks for the tests: beats every 0.2 s, a silent worker is dead after 2 s, mail is
# retried after 0.5 s then every second.
FAST = {
    "WORKER_BEAT_SECONDS": "0.2",
    "WORKER_DEAD_AFTER_SECONDS": "2",
    "OUTBOX_RETRY_BASE_SECONDS": "0.5",
    "OUTBOX_RETRY_MAX_SECONDS": "1",
    "OUTBOX_SWEEP_GRACE_SECONDS": "2",
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(condition, timeout=15, step=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f"not within {timeout} s: {condition.__doc__ or condition}")


def worker_env(**extra):
    from django.db import connection

    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "TASK_BACKEND": DATABASE_BACKEND["default"]["BACKEND"],
        "PGDATABASE": connection.settings_dict["NAME"],
        **FAST,
        **{k: str(v) for k, v in extra.items()},
    }


def stop_process(process, timeout=20):
    """SIGTERM (a worker finishes its task), then SIGKILL after ``timeout`` seconds."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture
def queue(transactional_db, settings):
    """This process enqueues into the database queue, as the portal does in production."""
    settings.TASKS = DATABASE_BACKEND
    for name, value in FAST.items():
        setattr(settings, name, float(value))


@pytest.fixture
def start_worker(queue):
    """start_worker(*args, env={...}) -> (process, worker id), once its first beat is written."""
    from background.models import WorkerBeat

    processes = []

    def start(*args, env=None):
        worker_id = uuid.uuid4().hex
        process = subprocess.Popen(
            [sys.executable, "manage.py", "run_worker", "--worker-id", worker_id, *args],
            cwd=ROOT,
            env=worker_env(**(env or {})),
            stdout=subprocess.DEVNULL,
        )
        processes.append(process)
        wait_for(lambda: WorkerBeat.objects.filter(worker_id=worker_id).exists(), timeout=30)
        return process, worker_id

    yield start
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Mailbox:
    """What an aiosmtpd server received; ``refuse`` makes it answer RCPT with a 550."""

    def __init__(self):
        self.messages = []
        self.refuse = False

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 OK"


@pytest.fixture
def smtp():
    """smtp.start(port) brings up a real SMTP server on loopback (later than the worker, if
    the test wants); smtp.mailbox is what it received."""
    from aiosmtpd.controller import Controller

    class Server:
        def __init__(self):
            self.port = free_port()
            self.mailbox = Mailbox()
            self.controller = None

        def start(self):
            self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)
            self.controller.start()

    server = Server()
    yield server
    if server.controller:
        server.controller.stop()


@pytest.fixture
def silent_smtp():
    """A port that accepts connections and never answers: a mail server that hangs."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(50)
    yield listener.getsockname()[1]
    listener.close()
