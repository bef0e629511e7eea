"""Load Indonesia's national holidays and joint leave days (cuti bersama) into the working
calendar from the ``holidays`` package. Run each year once the joint decree for the next year
is out and the package is updated (``pip install -U holidays``); safe to run again."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from portal.working_time import WORK_TZ, load_national_days


class Command(BaseCommand):
    help = (
        "Add or correct the national holidays and joint leave days of the given years "
        "(default: this year and the next) from the holidays package."
    )

    def add_arguments(self, parser):
        parser.add_argument("years", nargs="*", type=int)

    def handle(self, *args, years, **options):
        if not years:
            this_year = timezone.localdate(timezone=WORK_TZ).year
            years = [this_year, this_year + 1]
        added, changed = load_national_days(years)
        self.stdout.write(
            f"{', '.join(map(str, years))}: {added} national day(s) added, {changed} corrected"
        )
