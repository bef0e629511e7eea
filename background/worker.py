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
from django.db import DatabaseError, close_old_connections, transaction
from django.tasks import TaskResultStatus
from django.utils import timezone

from portal.workflow import SYSTEM

from . import schedule
from .connections import LOST, close_connection
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


def requeue_abandoned(now=None, *, mine=None):
    """Give back every RUNNING task whose worker has not beaten within WORKER_DEAD_AFTER; or,
    with ``mine``, those of worker ``mine`` itself (it lost the database during them)."""
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
            last = result.worker_ids[-1] if result.worker_ids else None
            if (last != mine) if mine else (last in alive):
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
            except (DatabaseError, *LOST):
                # A failover or restart of the database: reconnect on the next round.
                logger.warning("housekeeping failed; retrying", exc_info=True)
                close_connection()
            self.stopping.wait(settings.WORKER_BEAT_SECONDS)
        close_connection()


def run_scheduler_only(worker_id):
    """Only the periodic scheduler, for a queue whose own workers run the tasks (Redis)."""
    keeper = Housekeeper(worker_id, recover=False)
    keeper.run()


def _fresh_connections(**kwargs):
    close_old_connections()


def run_redis(worker_id, *, interval, scheduler=True):
    """django-tasks-redis's worker (``run_redis_tasks``) with this portal's housekeeper beside
    it: the heartbeat and the periodic scheduler. Abandoned tasks are the backend's own
    business there (a message left unacknowledged is claimed again after
    REDIS_CLAIM_TIMEOUT)."""
    from django.core.management import call_command
    from django.tasks.signals import task_finished, task_started

    # That worker keeps Django's connections as they are between tasks: drop a broken or
    # expired one before and after each task (a failover, CONN_MAX_AGE), as a request does.
    task_started.connect(_fresh_connections, dispatch_uid="background-redis-started")
    task_finished.connect(_fresh_connections, dispatch_uid="background-redis-finished")
    keeper = Housekeeper(worker_id, scheduler=scheduler, recover=False)
    keeper.start()
    try:
        call_command("run_redis_tasks", continuous=True, interval=interval)
    finally:
        keeper.stopping.set()


def run(worker, *, scheduler=True):
    """Run django-tasks-db's ``worker`` until it stops, surviving database outages.

    When the database goes away (a restart, a failover to the standby), the claim query or
    the record of a task's result fails: the worker drops its connection, waits, connects
    again (with a libpq host list, to whichever server now takes writes) and first gives back
    the task it was running when the database went away, whose result was never recorded:
    it runs again, as every task is safe to run twice. No restart is needed."""
    keeper = Housekeeper(worker.worker_id, scheduler=scheduler)
    try:
        beat(worker.worker_id)
    except (DatabaseError, *LOST):
        logger.warning("database not reachable at start", exc_info=True)
    keeper.start()
    lost = False
    try:
        while True:
            try:
                if lost:
                    requeue_abandoned(mine=worker.worker_id)
                    lost = False
                worker.run()
                return
            except (DatabaseError, *LOST):
                logger.warning("worker lost the database; reconnecting", exc_info=True)
                lost = True
                close_connection()
                time.sleep(1)
    finally:
        keeper.stopping.set()
