"""The job alerts' periodic task in real worker processes, mailing a real SMTP server (issue 17:
"A vacancy published after a saved search is announced to its owner once, in the next alert,
and not to a person whose search it does not match")."""

import datetime

from django.utils import timezone

from background import schedule
from jobboard import tasks
from jobboard.models import SavedSearch, VacancyAnnouncement
from tests.background.conftest import wait_for
from tests.jobboard.factories import make_seeker, make_vacancy

ALERTS = [e for e in schedule.SCHEDULE if e.task == "jobboard.tasks.send_job_alerts"]


def morning(days=0):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(6, 0)))


def all_tasks_done(count):
    from django_tasks_db.models import DBTaskResult

    results = list(DBTaskResult.objects.values_list("status", flat=True))
    return len(results) >= count and set(results) == {"SUCCESSFUL"}


def published(title, when):
    vacancy = make_vacancy(title=title)
    vacancy.published_at = when
    vacancy.save(update_fields=["published_at"])
    return vacancy


def test_a_vacancy_published_after_a_saved_search_is_announced_to_its_owner_once(
    start_worker, office, smtp
):
    smtp.start()
    now = timezone.now()
    owner = make_seeker(full_name="Siti Aminah")
    other = make_seeker(full_name="Budi Santoso")
    yesterday = now - datetime.timedelta(days=1)
    search = SavedSearch.objects.create(
        jobseeker=owner, filters={"q": "kasir"}, created_at=yesterday
    )
    SavedSearch.objects.create(jobseeker=other, filters={"q": "sopir"}, created_at=yesterday)
    published("Kasir lama", yesterday - datetime.timedelta(hours=1))  # before the search
    new = published("Kasir toko", now - datetime.timedelta(hours=1))
    env = {"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": smtp.port}
    start_worker("--no-scheduler", env=env)
    start_worker("--no-scheduler", env=env)

    # This morning's slot, queued by the scheduler as the worker's own would; and the same task
    # queued a second time (a second scheduler, a task run again after a crash): two workers
    # take them at once.
    assert schedule.run_due(morning(), ALERTS) == ["jobboard.tasks.send_job_alerts"]
    tasks.send_job_alerts.enqueue()
    wait_for(lambda: len(smtp.mailbox.messages) >= 1, timeout=30)
    # two alert runs, their batch(es: the later run may find nobody due), one delivery
    wait_for(lambda: all_tasks_done(4), timeout=30)
    from django_tasks_db.models import DBTaskResult

    done = DBTaskResult.objects.count()

    ((to, message),) = smtp.mailbox.messages
    assert to == [owner.email]
    body = message.get_content()
    assert "Kasir toko" in body and "Kasir lama" not in body
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["List-Unsubscribe"].strip("<>") in body
    assert list(VacancyAnnouncement.objects.values_list("jobseeker", "vacancy")) == [
        (owner.pk, new.pk)
    ]

    # The next alert (tomorrow's slot; the search made due again): nothing is announced twice.
    SavedSearch.objects.filter(pk=search.pk).update(last_alert_at=yesterday)
    assert schedule.run_due(morning(days=1), ALERTS) == ["jobboard.tasks.send_job_alerts"]
    wait_for(lambda: all_tasks_done(done + 2), timeout=30)  # the run and its batch
    assert SavedSearch.objects.get(pk=search.pk).last_alert_at > now
    assert len(smtp.mailbox.messages) == 1
