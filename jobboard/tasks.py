"""The job exchange's background tasks (scheduled in background/schedule.py)."""

import logging

from django.tasks import task

from jobboard import services

logger = logging.getLogger(__name__)


@task
def send_ak1_reminders():
    """Every morning: AK/I holders whose report is due within a week or overdue, once each."""
    sent, failed = services.send_ak1_reminders()
    if failed:
        logger.warning("AK/I reminders: %d not sent, tried again tomorrow", failed)
    return {"sent": sent, "failed": failed}
