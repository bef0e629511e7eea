"""The portal's background worker: tasks from the database queue, periodic work, recovery."""

from django.core.management.base import BaseCommand
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from background import worker


class Command(BaseCommand):
    help = (
        "Runs queued tasks (mail, mailbox, reminders, escalation, alerts) and schedules the "
        "periodic ones. Run one or more beside gunicorn, on one host or several."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=0.2, help="seconds between polls")
        parser.add_argument("--worker-id", default=None)
        parser.add_argument(
            "--no-scheduler", action="store_true", help="run tasks only; enqueue no periodic work"
        )
        parser.add_argument(
            "--scheduler-only",
            action="store_true",
            help="only enqueue the periodic work (with a queue that has its own workers, Redis)",
        )

    def handle(self, *args, interval, worker_id, no_scheduler, scheduler_only, **options):
        from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
        from django_tasks_db.backend import DatabaseBackend

        worker_id = worker_id or get_random_string(32)
        if scheduler_only:
            self.stdout.write("periodic scheduler started")
            worker.run_scheduler_only(worker_id)
            return
        backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]  # not the lazy proxy
        if not isinstance(backend, DatabaseBackend):
            # The Redis-backed queue (TASK_REDIS_URL): its own worker runs the tasks, this
            # process's housekeeper schedules the periodic work beside it, as on the database.
            self.stdout.write(f"worker {worker_id} started on {type(backend).__name__}")
            worker.run_redis(worker_id, interval=interval, scheduler=not no_scheduler)
            return
        task_worker = Worker(
            queue_names=["*"],
            interval=interval,
            batch=False,
            backend_name=DEFAULT_TASK_BACKEND_ALIAS,
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        task_worker.configure_signals()
        self.stdout.write(f"worker {task_worker.worker_id} started")
        worker.run(task_worker, scheduler=not no_scheduler)
