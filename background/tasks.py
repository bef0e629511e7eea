"""The portal's background tasks (django.tasks). Each is safe to run twice."""

from django.apps import apps
from django.tasks import task

from . import outbox


@task
def deliver_mail(pk):
    return outbox.deliver(pk)


@task
def sweep_outbox():
    return outbox.sweep_due()


@task
def housekeeping():
    """Daily: expired sessions, old slots of the scheduler, finished task rows after 30 days."""
    import datetime

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from .models import PeriodicRun

    now = timezone.now()
    sessions, _ = Session.objects.filter(expire_date__lt=now).delete()
    slots, _ = PeriodicRun.objects.filter(enqueued_at__lt=now - datetime.timedelta(days=7)).delete()
    results = 0
    if apps.is_installed("django_tasks_db"):
        from django_tasks_db.models import DBTaskResult

        results, _ = (
            DBTaskResult.objects.finished()
            .filter(finished_at__lt=now - datetime.timedelta(days=30))
            .delete()
        )
    return {"sessions": sessions, "slots": slots, "task_results": results}
