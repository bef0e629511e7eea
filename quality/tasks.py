"""The quality app's background tasks (scheduled in background/schedule.py)."""

import datetime

from django.tasks import task


def _moment(now):
    from django.utils import timezone

    return datetime.datetime.fromisoformat(now) if now else timezone.now()


@task
def escalate_late_steps(now=None):
    """Every few minutes: steps past their standard go to the next person up, once each.
    ``now`` (ISO 8601) stands for the clock, for the tests."""
    from . import escalation

    return {"escalated": escalation.escalate_late_steps(_moment(now))}


@task
def send_morning_digests(now=None):
    """Every morning at 07:00: each officer who asked for it receives what waits for him."""
    from . import digest

    return {"sent": digest.send_digests(_moment(now))}
