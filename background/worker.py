"""The worker process: django-tasks-db's worker, plus a heartbeat, the periodic scheduler, and
the recovery of tasks whose worker died.

django-tasks-db claims a task by marking it RUNNING with the worker's id (a row lock with SKIP
LOCKED, so two workers never claim the same task). A worker killed during a task would leave
it RUNNING forever; here every worker writes a heartbeat, and any worker gives a RUNNING task
back to the queue when the beat of the worker that claimed it has stopped. The task then runs
again, which is why every task is written to be safe to run twice.
"""

import datetime
import logging
import os
import socket
import threading
import time

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection, transaction
from django.tasks import TaskResultStatus
from django.utils import timezone

from portal.workflow import SYSTEM

from . import schedule
from .models import WorkerBeat
from .workflows import TASKS

logger = logging.getLogger(__name__)


def beat(worker_id):
    WorkerBeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "host": socket.gethostname()[:255],
            "pid": os.getpid(),
            "seen_at": timezone.now(),
        },
    )


def requeue_abandoned(now=None):
    """Give back every RUNNING task whose worker has not beaten within WORKER_DEAD_AFTER."""
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    alive = set(
        WorkerBeat.objects.filter(
            seen_at__gte=now - datetime.timedelta(seconds=settings.WORKER_DEAD_AFTER_SECONDS)
        ).values_list("worker_id", flat=True)
    )
    requeued = []
    with transaction.atomic():
        running = DBTaskResult.objects.select_for_update(skip_locked=True).filter(
            status=TaskResultStatus.RUNNING
        )
        for result in running:
            if result.worker_ids and result.worker_ids[-1] in alive:
                continue
            TASKS.apply(result, "give_back", actor=SYSTEM, changes=_unstarted)
            requeued.append(result.pk)
    if requeued:
        logger.warning("gave back %d task(s) of a stopped worker: %s", len(requeued), requeued)
    WorkerBeat.objects.filter(
        seen_at__lt=now - datetime.timedelta(seconds=10 * settings.WORKER_DEAD_AFTER_SECONDS)
    ).delete()
    return requeued


def _unstarted(locked, now):
    locked.started_at = None


class Housekeeper(threading.Thread):
    """Beats, schedules periodic work and recovers abandoned tasks, beside the worker loop."""

    def __init__(self, worker_id, *, scheduler=True, recover=True):
        super().__init__(name="housekeeper", daemon=True)
        self.worker_id = worker_id
        self.scheduler = scheduler
        self.recover = recover
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.is_set():
            try:
                close_old_connections()
                beat(self.worker_id)
                if self.recover:
                    requeue_abandoned()
                if self.scheduler:
                    schedule.run_due()
            except DatabaseError:
                # A failover or restart of the database: reconnect on the next round.
                logger.warning("housekeeping failed; retrying", exc_info=True)
                connection.close()
            self.stopping.wait(settings.WORKER_BEAT_SECONDS)
        connection.close()


def run_scheduler_only(worker_id):
    """Only the periodic scheduler, for a queue whose own workers run the tasks (Redis)."""
    keeper = Housekeeper(worker_id, recover=False)
    keeper.run()


def run(worker, *, scheduler=True):
    """Run django-tasks-db's ``worker`` until it stops, surviving database outages."""
    keeper = Housekeeper(worker.worker_id, scheduler=scheduler)
    try:
        beat(worker.worker_id)
    except DatabaseError:
        logger.warning("database not reachable at start", exc_info=True)
    keeper.start()
    try:
        while True:
            try:
                worker.run()
                return
            except DatabaseError:
                # The claim query failed (failover, restart): wait and claim again. A task that
                # was running when the database went away is given back by the heartbeat rule.
                logger.warning("worker lost the database; reconnecting", exc_info=True)
                connection.close()
                time.sleep(1)
    finally:
        keeper.stopping.set()
