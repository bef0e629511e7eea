"""Complaints' fixtures: complaints in every state, role holders, real mail servers on loopback."""

import email
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from portal import roles
from tests.factories import default_office

COMPLAINANT = {
    "complainant_name": "Siti Aminah",
    "complainant_institution": "",
    "complainant_address": "Jl. Panglima Sudirman 12",
    "complainant_phone": "0812-3334-4455",
    "complainant_email": "siti@example.com",
    "subject": "Kartu AK/I",
    "text": "Kartu AK/I saya belum jadi.",
}

# The action that leads out of each state, and what it needs, in the chain's order.
CHAIN = [
    ("report", roles.COMPLAINT_OFFICER, {}),
    ("pass", roles.SECTION_HEAD, {}),
    ("coordinate", roles.DIVISION_HEAD, {"instruction": "Cek pencetakan kartu."}),
    ("hand_back", roles.SECTION_HEAD, {"follow_up": "Kartu sudah dicetak."}),
    ("answer", roles.COMPLAINT_OFFICER, {"answer": "Kartu dapat diambil di loket 2."}),
    ("close", roles.COMPLAINT_OFFICER, {}),
]


def step_service(action):
    """The service function of ``action``, from its row of the move table."""
    from complaints.workflows import WORKFLOW

    return WORKFLOW.move(action).service_function()


@pytest.fixture
def make_complaint(officers, office):
    """make_complaint(status="recorded", channel="counter", **data) moved there by the services."""
    from complaints import services
    from complaints.models import Status

    order = [s.value for s in Status]

    def make(status="recorded", channel="counter", **data):
        complaint = services.record_complaint(
            office=default_office(),
            actor=officers[roles.COMPLAINT_OFFICER],
            channel=channel,
            data={**COMPLAINANT, **data},
        )
        for action, role, extra in CHAIN[: order.index(status)]:
            step_service(action)(complaint=complaint, actor=officers[role], **extra)
        assert complaint.status == status
        return complaint

    return make


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server (aiosmtpd) on loopback; Django's SMTP backend sends to it."""
    from aiosmtpd.controller import Controller

    class Keep:
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):
            self.messages.append(
                (
                    envelope.rcpt_tos,
                    email.message_from_bytes(envelope.content, policy=email.policy.default),
                )
            )
            return "250 OK"

    handler = Keep()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 10},
        }
    }
    yield handler
    controller.stop()


IMAP_USER, IMAP_PASSWORD = "pengaduan", "rahasia-imap"


@pytest.fixture
def imap_server(settings):
    """A real IMAP server (pymap's in-memory backend) in a subprocess on a free port."""
    port = free_port()
    pymap = Path(sys.executable).parent / "pymap"
    process = subprocess.Popen(
        [
            str(pymap),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-tls",
            "dict",
            "--demo-user",
            IMAP_USER,
            "--demo-password",
            IMAP_PASSWORD,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 15
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("pymap did not start")
            time.sleep(0.1)
    settings.COMPLAINT_IMAP = {
        "HOST": "127.0.0.1",
        "PORT": port,
        "USER": IMAP_USER,
        "PASSWORD": IMAP_PASSWORD,
        "SSL": False,
        "MAILBOX": "INBOX",
    }
    yield settings.COMPLAINT_IMAP
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()


OUR_SUBJECTS = ("Pengaduan Anda sudah dicatat", "Jawaban atas pengaduan Anda")


def ours(messages):
    """This app's own mails (receipt and answer); other apps may mail about a complaint too."""
    return [
        m
        for m in messages
        if str(m.subject if hasattr(m, "subject") else m[1]["Subject"]).startswith(OUR_SUBJECTS)
    ]
