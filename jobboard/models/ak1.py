"""The AK/I card (Kartu Tanda Bukti Pendaftaran Pencari Kerja, the "kartu kuning").

Issued by the portal when a Petugas Antar Kerja activates a job seeker who asked for one,
reported on every six months, closed at placement. jobboard.models re-exports these models;
this module refers to the others by name only, so it imports nothing from there.
"""

import calendar
import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.files import PrivateUploadTo
from portal.models import OfficeFollows, YearCounter, office_field


def months_later(day, months):
    """The same day ``months`` later, or the month's last day (31 August + 6 = 28/29 February)."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


class Ak1ClosedReason(models.TextChoices):
    PLACED = "placed", _("Placed in work")
    EXPIRED = "expired", _("Expired")


class Ak1CardQuerySet(models.QuerySet):
    """The officers' vocabulary: cards due, overdue, expired, as of today (no cron needed)."""

    def open(self):
        return self.filter(closed_at__isnull=True)

    def valid(self, today=None):
        return self.open().filter(valid_until__gte=today or timezone.localdate())

    def expired(self, today=None):
        return self.open().filter(valid_until__lt=today or timezone.localdate())

    def report_due(self, today=None):
        """A report falls due within the coming week (the reminder's window)."""
        today = today or timezone.localdate()
        return self.valid(today).filter(
            next_report_due__gte=today,
            next_report_due__lte=today + Ak1Card.REMINDER_WINDOW,
        )

    def report_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.valid(today).filter(next_report_due__lt=today)

    def needing_reminder(self, today=None):
        today = today or timezone.localdate()
        return self.valid(today).filter(next_report_due__lte=today + Ak1Card.REMINDER_WINDOW)


class Ak1Card(OfficeFollows, models.Model):
    """An AK/I card issued by the portal when a Petugas Antar Kerja activates the holder.

    Column I of the report table is the registration itself; the holder then reports once
    in each following six-month period (columns II-IV) while still looking for work.
    """

    office_from = "jobseeker"
    VALID_MONTHS = 24
    PERIOD_MONTHS = 6
    COLUMNS = 4
    REMINDER_WINDOW = datetime.timedelta(days=7)

    jobseeker = models.OneToOneField(
        "jobboard.JobSeeker",
        on_delete=models.PROTECT,
        related_name="ak1_card",
        verbose_name=_("holder"),
    )
    # the holder's office: it issues, numbers and legalises the card
    office = office_field()
    number = models.CharField(_("AK/I number"), max_length=100, editable=False)
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    seq = models.PositiveIntegerField(_("running number"), editable=False)
    issued_at = models.DateTimeField(_("issued at"), editable=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        verbose_name=_("issued by"),
    )
    valid_from = models.DateField(_("valid from"), editable=False)
    valid_until = models.DateField(_("valid until"), editable=False)
    next_report_period = models.PositiveSmallIntegerField(
        _("next report (column)"), null=True, blank=True, editable=False
    )
    next_report_due = models.DateField(
        _("next report due"), null=True, blank=True, editable=False, db_index=True
    )
    legalised_at = models.DateTimeField(_("legalised at"), null=True, blank=True, editable=False)
    legalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("legalised by"),
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    closed_reason = models.CharField(
        _("reason for closing"), max_length=10, choices=Ak1ClosedReason, blank=True, editable=False
    )
    placement = models.OneToOneField(
        "jobboard.Placement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ak1_card",
        editable=False,
        verbose_name=_("placement"),
    )
    placed_with = models.ForeignKey(
        "jobboard.Employer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("placed with"),
    )
    # What the card prints of its holder, the office and the officer, frozen when it is
    # issued, legalised, or a change of checked data is accepted (jobboard.services.ak1):
    # the PDF and the holder's page read these, never the live records.
    snapshot = models.JSONField(_("printed data"), default=dict, editable=False)
    snapshot_photo = models.FileField(
        _("printed photo"), upload_to=PrivateUploadTo("ak1/photo"), blank=True, editable=False
    )
    snapshot_at = models.DateTimeField(
        _("printed data frozen at"), null=True, blank=True, editable=False
    )
    history = HistoricalRecords()

    objects = Ak1CardQuerySet.as_manager()

    class Meta:
        verbose_name = _("AK/I card")
        verbose_name_plural = _("AK/I cards")
        ordering = ["issued_at", "pk"]
        permissions = [
            ("download_ak1_card", _("Can download job seekers' AK/I cards")),
            ("legalise_ak1_card", _("Can mark printed AK/I cards as legalised")),
        ]
        constraints = [
            # each office numbers its own cards
            models.UniqueConstraint(
                fields=["office", "year", "seq"], name="ak1_one_number_per_year"
            ),
            models.UniqueConstraint(fields=["office", "number"], name="ak1_number_unique"),
        ]

    def __str__(self):
        return self.number

    def period_start(self, period):
        """The first day of six-month period ``period`` (1-4) of the card's validity."""
        return months_later(self.valid_from, self.PERIOD_MONTHS * (period - 1))

    def report_opens(self, period):
        """A report may be made from a week before its period starts (when the reminder goes)."""
        return self.period_start(period) - self.REMINDER_WINDOW

    @property
    def is_closed(self):
        return self.closed_at is not None

    @property
    def is_expired(self):
        return not self.is_closed and self.valid_until < timezone.localdate()

    def state_label(self):
        today = timezone.localdate()
        if self.is_closed:
            return self.get_closed_reason_display()
        if self.is_expired:
            return Ak1ClosedReason.EXPIRED.label
        if self.next_report_due and self.next_report_due < today:
            return _("Report overdue")
        if self.next_report_due and self.next_report_due <= today + self.REMINDER_WINDOW:
            return _("Report due")
        return _("In force")

    def columns(self):
        """The four report columns of page one: (roman numeral, date or None, period start)."""
        reported = {r.period: r for r in self.reports.all()}
        cols = [("I", timezone.localtime(self.issued_at).date(), self.valid_from)]
        for period, roman in ((2, "II"), (3, "III"), (4, "IV")):
            report = reported.get(period)
            when = timezone.localtime(report.reported_at).date() if report else None
            cols.append((roman, when, self.period_start(period)))
        return cols


class Ak1Report(models.Model):
    """A six-monthly report: the holder confirms online that they are still looking for work."""

    card = models.ForeignKey(Ak1Card, on_delete=models.CASCADE, related_name="reports")
    period = models.PositiveSmallIntegerField(_("column"))
    reported_at = models.DateTimeField(_("reported at"), default=timezone.now)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["period"]
        verbose_name = _("AK/I report")
        verbose_name_plural = _("AK/I reports")
        constraints = [
            models.UniqueConstraint(fields=["card", "period"], name="ak1_one_report_per_period"),
            models.CheckConstraint(
                condition=Q(period__gte=2, period__lte=4), name="ak1_report_period_2_to_4"
            ),
        ]

    def __str__(self):
        return f"{self.card} · {self.period}"


class Ak1Reminder(models.Model):
    """A reminder e-mail sent for one due report; the unique key makes a second one impossible."""

    card = models.ForeignKey(Ak1Card, on_delete=models.CASCADE, related_name="reminders")
    period = models.PositiveSmallIntegerField(_("column"))
    due_on = models.DateField(_("due on"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("AK/I reminder")
        verbose_name_plural = _("AK/I reminders")
        constraints = [
            models.UniqueConstraint(fields=["card", "period"], name="ak1_one_reminder_per_report")
        ]

    def __str__(self):
        return f"{self.card} · {self.period} · {self.sent_at:%Y-%m-%d}"


class Ak1NumberCounter(YearCounter):
    """The last AK/I running number of a year at this office."""

    class Meta(YearCounter.Meta):
        verbose_name = _("AK/I number counter")
        verbose_name_plural = _("AK/I number counters")
