"""The portal core's background tasks (scheduled in background/schedule.py)."""

from django.tasks import task


@task
def discard_abandoned_uploads():
    """Hourly: the files kept for registrations never finished (portal.pending_uploads),
    removed with their rows a day after they were chosen."""
    from . import pending_uploads

    return {"discarded": pending_uploads.discard_abandoned()}
