"""The complaint mailbox, read by the task queue every minute (background/schedule.py)."""

import logging

from django.conf import settings
from django.tasks import task

from complaints import mailbox

logger = logging.getLogger(__name__)


@task
def read_mailbox():
    """Record the mailbox's new messages; nothing to do while no mailbox is configured."""
    config = settings.COMPLAINT_IMAP
    if not config.get("HOST") or not config.get("USER"):
        return None
    result = mailbox.fetch(config)
    return {
        "recorded": len(result.recorded),
        "kept_aside": len(result.kept_aside),
        "skipped": result.skipped,
    }
