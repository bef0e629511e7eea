"""Applications (step 4 of the document) and the placements (penempatan) they end in."""

from django.conf import settings
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.models import OfficeFollows, StepLog, office_field
from portal.pagecache import memoize

from .registration import Employer, JobSeeker
from .vacancies import Vacancy


class ApplicationStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    INTERVIEW = "interview", _("Invited to interview")
    HIRED = "hired", _("Hired")
    REJECTED = "rejected", _("Not selected")


class Application(OfficeFollows, models.Model):
    office_from = "vacancy"

    vacancy = models.ForeignKey(
        Vacancy, on_delete=models.CASCADE, related_name="applications", verbose_name=_("vacancy")
    )
    jobseeker = models.ForeignKey(
        JobSeeker,
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name=_("job seeker"),
    )
    # the vacancy's office (its employer's), which follows the application to a placement
    office = office_field()
    letter = models.TextField(_("short letter"), blank=True, max_length=2000)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ApplicationStatus,
        default=ApplicationStatus.APPLIED,
        editable=False,
    )
    created_at = models.DateTimeField(_("applied at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        # the officers' list of all applications, newest first (300,000 at a city's volume)
        indexes = [
            models.Index(F("created_at").desc(), F("id").desc(), name="application_recent_idx"),
            models.Index(
                "office",
                F("created_at").desc(),
                F("id").desc(),
                name="application_office_recent_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["vacancy", "jobseeker"], name="one_application_per_vacancy"
            )
        ]

    def __str__(self):
        return f"{self.jobseeker} → {self.vacancy}"


class ApplicationStep(StepLog):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="steps")
    from_status = models.CharField(_("from"), max_length=12, choices=ApplicationStatus)
    to_status = models.CharField(_("to"), max_length=12, choices=ApplicationStatus)

    class Meta(StepLog.Meta):
        verbose_name = _("application step")
        verbose_name_plural = _("application steps")


class Placement(OfficeFollows, models.Model):
    """A penempatan: a hire through the job exchange, which the office counts. One per application."""

    office_from = "vacancy"

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="placement"
    )
    jobseeker = models.ForeignKey(
        JobSeeker, on_delete=models.PROTECT, related_name="placements", verbose_name=_("job seeker")
    )
    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="placements", verbose_name=_("employer")
    )
    vacancy = models.ForeignKey(
        Vacancy, on_delete=models.PROTECT, related_name="placements", verbose_name=_("vacancy")
    )
    # the vacancy's office: the placement counts there
    office = office_field()
    placed_on = models.DateField(_("date of placement"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-placed_on", "-pk"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")

    def __str__(self):
        return f"{self.jobseeker} — {self.employer} ({self.placed_on:%d-%m-%Y})"

    @classmethod
    def count_in_year(cls, year):
        """How many placements a year has, from the shared cache: the public vacancy list shows
        it on every page. Recording or removing a placement retires it (portal.pagecache.memoize,
        jobboard.apps)."""
        return memoize(
            f"jobboard:placements:{year}",
            lambda: cls.objects.filter(placed_on__year=year).count(),
            24 * 3600,
            cls,
        )
