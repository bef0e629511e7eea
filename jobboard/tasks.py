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


ALERT_BATCH_SIZE = 100


@task
def send_job_alerts(now=None):
    """Every morning: find who has job alerts due (saved searches, weekly suggestions) and queue
    their mail in batches of ALERT_BATCH_SIZE job seekers, each batch a task of its own.
    ``now`` (ISO 8601) stands for the clock, for the tests."""
    import datetime

    from django.utils import timezone

    now = datetime.datetime.fromisoformat(now) if now else timezone.now()
    due = services.due_jobseekers(now)
    for start in range(0, len(due), ALERT_BATCH_SIZE):
        send_job_alert_batch.enqueue(due[start : start + ALERT_BATCH_SIZE], now.isoformat())
    return {"jobseekers": len(due), "batches": -(-len(due) // ALERT_BATCH_SIZE)}


@task
def send_job_alert_batch(jobseeker_ids, now):
    """One batch of the morning's alerts, at the run's time ``now`` (ISO 8601). Safe to run
    twice: a person's alerts are due once, and each vacancy is announced to him once."""
    import datetime

    sent, failed = services.send_alert_batch(jobseeker_ids, datetime.datetime.fromisoformat(now))
    if failed:
        logger.warning("job alerts: %d job seeker(s) not done, tried again tomorrow", failed)
    return {"sent": sent, "failed": failed}
