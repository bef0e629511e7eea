"""The move tables of the background work: a mail's delivery, a task given back.

Most moves here are the portal's own (``system=True``, made for ``portal.workflow.SYSTEM``):
the worker records the outcome of a delivery attempt, or gives back a task whose worker
stopped. No person can make them. The one person's move is the resend, by an officer of the
mail's service (``background.resend_<service>_mail``).

A delivery attempt first claims its mail in a short transaction (background.outbox.deliver:
the mail is not due again for OUTBOX_SEND_LEASE_SECONDS), speaks to the mail server with no
transaction open, and records the outcome as one of the moves below; a mail "being sent"
stays queued or waiting to retry until then.
"""

from django.tasks import TaskResultStatus
from django.utils.translation import gettext_lazy as _

from portal.workflow import Move, Workflow

from .models import OutboxMail

Status = OutboxMail.Status
WAITING = (Status.QUEUED, Status.RETRYING)


def system_moves(action, target, label):
    """The portal's own move ``action`` from either waiting state."""
    return [
        Move(source, action, target, permission=None, system=True, label=label)
        for source in WAITING
    ]


OUTBOX_MOVES = [
    *system_moves("send", Status.SENT, _("Delivered to the mail server")),
    *system_moves("retry", Status.RETRYING, _("Not delivered; tried again later")),
    *system_moves("fail", Status.FAILED, _("Not delivered; given up")),
    *(
        Move(
            source=source,
            action="resend",
            target=Status.QUEUED,
            permission="background.resend_{service}_mail",
            label=_("Queued again by an officer"),
            button=_("Send again"),
            service="background.outbox.resend_one",
        )
        for source in (Status.QUEUED, Status.RETRYING, Status.FAILED)
    ),
]

# No step rows: a mail keeps its delivery on its own row (attempts, last error, times).
OUTBOX = Workflow(OUTBOX_MOVES, step_model=None)

TASK_MOVES = [
    Move(
        source=TaskResultStatus.RUNNING,
        action="give_back",
        target=TaskResultStatus.READY,
        permission=None,
        system=True,
        label=_("Given back to the queue: its worker stopped"),
    ),
]

# django-tasks-db's own result row; the library makes its other moves (claim, finish) itself.
TASKS = Workflow(TASK_MOVES, step_model=None)
