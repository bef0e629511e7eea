"""Remind AK/I holders whose six-monthly report is due or overdue, by hand: the background
worker runs the same every morning (jobboard.tasks.send_ak1_reminders)."""

from django.core.management.base import BaseCommand

from jobboard import services


class Command(BaseCommand):
    help = "E-mail AK/I holders whose report is due within a week or overdue (once per report)."

    def handle(self, *args, **options):
        sent, failed = services.send_ak1_reminders()
        self.stdout.write(f"AK/I reminders sent: {sent}, not sent: {failed}")
        if failed:
            self.stderr.write("Some reminders could not be sent; the next run tries them again.")
