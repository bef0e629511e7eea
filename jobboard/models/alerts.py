"""Job alerts (issue 17 item 6): a job seeker's saved searches of the vacancy list, the weekly
suggestions for one without a saved search, and what was announced to whom.

A saved search keeps the search form's cleaned values as JSON (jobboard.forms.VacancySearchForm
``saved_filters``), so a filter the list gains later is carried along without a migration.
"""

import datetime

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .registration import JobSeeker
from .vacancies import Vacancy


class AlertFrequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")


# How many days after the last alert (by office date) each frequency is due again.
DAYS = {AlertFrequency.DAILY: 1, AlertFrequency.WEEKLY: 7}


def due_before(now, days):
    """The moment an alert last sent (or a search saved) must be before to be due at ``now``:
    office midnight ``days - 1`` days ago, so a daily run at 06:00 finds yesterday's 06:00:03
    due, and a weekly search saved on a Monday is due on the next Monday."""
    today = timezone.localdate(now) - datetime.timedelta(days=days - 1)
    return timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))


class SavedSearchQuerySet(models.QuerySet):
    def running(self):
        return self.filter(stopped_at__isnull=True, jobseeker__status="active")

    def due(self, now):
        """Running searches whose next alert falls due at ``now``."""
        due = Q()
        for frequency, days in DAYS.items():
            due |= Q(frequency=frequency, reference__lt=due_before(now, days))
        return (
            self.running().annotate(reference=Coalesce("last_alert_at", "created_at")).filter(due)
        )


class SavedSearch(models.Model):
    jobseeker = models.ForeignKey(
        JobSeeker,
        on_delete=models.CASCADE,
        related_name="saved_searches",
        verbose_name=_("job seeker"),
    )
    filters = models.JSONField(_("search"), encoder=DjangoJSONEncoder, default=dict)
    frequency = models.CharField(
        _("how often"), max_length=10, choices=AlertFrequency, default=AlertFrequency.DAILY
    )
    created_at = models.DateTimeField(_("saved at"), default=timezone.now)
    last_alert_at = models.DateTimeField(_("last alert at"), null=True, blank=True)
    stopped_at = models.DateTimeField(_("e-mails stopped at"), null=True, blank=True)

    objects = SavedSearchQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")

    def __str__(self):
        return f"{self.jobseeker}: {self.filters}"

    def is_due(self, now):
        reference = self.last_alert_at or self.created_at
        return self.stopped_at is None and reference < due_before(now, DAYS[self.frequency])


class VacancySuggestions(models.Model):
    """The weekly mail of vacancies that suit an active job seeker without a saved search: when
    it was last sent, and whether he stopped it (by the link in the mail)."""

    jobseeker = models.OneToOneField(
        JobSeeker,
        on_delete=models.CASCADE,
        related_name="suggestions",
        verbose_name=_("job seeker"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_sent_at = models.DateTimeField(_("last alert at"), null=True, blank=True)
    stopped_at = models.DateTimeField(_("e-mails stopped at"), null=True, blank=True)

    class Meta:
        verbose_name = _("vacancy suggestions")
        verbose_name_plural = _("vacancy suggestions")

    def __str__(self):
        return str(self.jobseeker)

    def is_due(self, now):
        return self.stopped_at is None and (
            self.last_sent_at is None or self.last_sent_at < due_before(now, 7)
        )


class VacancyAnnouncement(models.Model):
    """One vacancy announced to one person, written with the mail that announces it: the
    unique pair is what keeps a vacancy from being announced to anyone twice."""

    jobseeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="+")
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="+")
    saved_search = models.ForeignKey(
        SavedSearch, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    announced_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("announced vacancy")
        verbose_name_plural = _("announced vacancies")
        constraints = [
            models.UniqueConstraint(
                fields=["jobseeker", "vacancy"], name="announce_vacancy_once_per_person"
            )
        ]

    def __str__(self):
        return f"{self.vacancy} → {self.jobseeker}"
