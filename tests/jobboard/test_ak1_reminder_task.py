"""The AK/I reminders run as a periodic task of the queue, once a day, without cron."""

import datetime

from django.core import mail
from django.utils import timezone

from background import schedule
from jobboard.models import Ak1Reminder
from tests.jobboard.ak1_helpers import backdate, issued_card

REMINDERS = [e for e in schedule.SCHEDULE if e.task == "jobboard.tasks.send_ak1_reminders"]


def at(hour, minute, days=0):
    today = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(today, datetime.time(hour, minute)))


def test_the_scheduler_sends_the_days_reminders_once_from_seven_in_the_morning(officer):
    due = backdate(issued_card(officer), months=6, days=-5)
    mail.outbox.clear()
    assert schedule.run_due(at(6, 59), REMINDERS) == []
    assert mail.outbox == []

    assert schedule.run_due(at(7, 0), REMINDERS) == ["jobboard.tasks.send_ak1_reminders"]
    assert [m.to for m in mail.outbox] == [[due.jobseeker.email]]
    # Another worker's scheduler, later the same morning: the day's slot is taken.
    assert schedule.run_due(at(9, 30), REMINDERS) == []
    # The next morning it runs again, and the reminder already sent is not sent twice.
    assert schedule.run_due(at(7, 0, days=1), REMINDERS) == ["jobboard.tasks.send_ak1_reminders"]
    assert len(mail.outbox) == 1
    assert Ak1Reminder.objects.count() == 1
