"""Periodic work without cron: every worker runs this scheduler, and each slot of each entry
is enqueued by exactly one of them (the first to insert its PeriodicRun row).

An entry runs every ``every`` seconds, or once a day at ``at`` (office time). A slot missed
while no worker ran is caught up once, not once per missed slot.
"""

import datetime
import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import PeriodicRun

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Periodic:
    task: str  # dotted path of a django.tasks Task
    every: int | None = None  # seconds
    at: datetime.time | None = None  # daily, local time

    def slot(self, now):
        """The slot ``now`` falls in, or None before today's time of a daily entry."""
        if self.every:
            return str(int(now.timestamp()) // self.every)
        local = timezone.localtime(now)
        if local.time() < self.at:
            return None
        return local.date().isoformat()


SCHEDULE = [
    Periodic("background.tasks.sweep_outbox", every=60),
    Periodic("complaints.tasks.read_mailbox", every=60),
    Periodic("jobboard.tasks.send_ak1_reminders", at=datetime.time(7, 0)),
    Periodic("jobboard.tasks.send_job_alerts", at=datetime.time(6, 0)),
    Periodic("quality.tasks.escalate_late_steps", every=300),
    Periodic("quality.tasks.send_morning_digests", at=datetime.time(7, 0)),
    Periodic("background.tasks.housekeeping", at=datetime.time(2, 15)),
    Periodic("portal.tasks.discard_abandoned_uploads", every=3600),
]


def run_due(now=None, schedule=None):
    """Enqueue every entry whose current slot nobody has taken yet; returns their names."""
    now = now or timezone.now()
    enqueued = []
    for entry in SCHEDULE if schedule is None else schedule:
        slot = entry.slot(now)
        if slot is None:
            continue
        try:
            with transaction.atomic():
                PeriodicRun.objects.create(name=entry.task, slot=slot)
                # In the same transaction: the slot is taken only if the task is queued.
                import_string(entry.task).enqueue()
        except IntegrityError:
            continue  # another scheduler took this slot
        except Exception:  # noqa: BLE001 - one broken entry must not stop the others
            logger.exception("could not enqueue periodic task %s", entry.task)
            continue
        enqueued.append(entry.task)
    return enqueued
