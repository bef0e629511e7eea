"""Delete uploads no row references (issue 16, item 6): what a rolled-back request or a crash
left behind. Run daily (cron or the task queue); files younger than --hours are left alone."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from portal.files import sweep_private_files


class Command(BaseCommand):
    help = "Delete private files that no row references and that are older than --hours (24)."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=24)
        parser.add_argument("--dry-run", action="store_true", help="only list them")

    def handle(self, *args, hours, dry_run, **options):
        swept = sweep_private_files(older_than=timedelta(hours=hours), dry_run=dry_run)
        for name in swept:
            self.stdout.write(name)
        verb = "would delete" if dry_run else "deleted"
        self.stdout.write(f"{verb} {len(swept)} unreferenced private file(s)")
