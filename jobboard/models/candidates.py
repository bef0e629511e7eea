"""The employer's own shortlist of job seekers (step 6 of the document)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .registration import Employer, JobSeeker


class SavedCandidate(models.Model):
    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, related_name="saved_candidates"
    )
    jobseeker = models.ForeignKey(
        JobSeeker, on_delete=models.CASCADE, related_name="+", verbose_name=_("job seeker")
    )
    note = models.TextField(_("note"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("saved job seeker")
        verbose_name_plural = _("saved job seekers")
        constraints = [
            models.UniqueConstraint(fields=["employer", "jobseeker"], name="save_candidate_once")
        ]

    def __str__(self):
        return f"{self.employer}: {self.jobseeker}"
