"""A change of checked data, waiting for an officer.

An officer checked a job seeker's identity or an employer's company data at activation; the
AK/I card and the AKAD permit print them. Afterwards the person's change to one of those
fields (their model's ``CHECKED_FIELDS``) does not touch the live record: it waits here, with
any new scan, until a Petugas Antar Kerja accepts or rejects it (jobboard.workflows).
"""

import datetime

from django.db import models
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.dates import tanggal
from portal.files import PrivateUploadTo, validate_document, validate_image
from portal.models import OfficeFollows, StepLog, office_field

from .registration import Employer, JobSeeker, OfficerDecision


class ProfileChangeStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting for checking")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ProfileChangeQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(status=ProfileChangeStatus.WAITING)

    def decided(self):
        decided = (ProfileChangeStatus.ACCEPTED, ProfileChangeStatus.REJECTED)
        return self.filter(status__in=decided).order_by("-decided_at", "-pk")

    def of(self, profile):
        return self.filter(**{profile._meta.model_name: profile})


def to_json(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _display(field, value):
    """A value as the person and the officer read it (a choice's label, a date in words)."""
    if value in (None, ""):
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, datetime.date):
        return tanggal(value)
    return str(value)


class ProfileChange(OfficeFollows, OfficerDecision):
    """The proposed values of one person's checked fields, and any new scans.

    ``values`` holds the proposed value of each changed field that is not a file (as JSON:
    dates as ISO text); a file field set here is a new upload, and a file field named in
    ``values`` with ``None`` is a removal. ``previous`` keeps the live values the proposal
    was made against, so the decision reads the same later.
    """

    FILE_FIELDS = ("photo", "ktp_scan", "ak1_scan")
    private_file_fields = FILE_FIELDS

    @property
    def office_from(self):
        return "jobseeker" if self.jobseeker_id else "employer"

    jobseeker = models.ForeignKey(
        JobSeeker,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="changes",
        editable=False,
        verbose_name=_("job seeker"),
    )
    employer = models.ForeignKey(
        Employer,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="changes",
        editable=False,
        verbose_name=_("employer"),
    )
    # the office of the job seeker or employer whose data changes: its officers decide
    office = office_field()
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ProfileChangeStatus,
        default=ProfileChangeStatus.WAITING,
        editable=False,
    )
    values = models.JSONField(_("proposed values"), default=dict, editable=False)
    previous = models.JSONField(_("values when proposed"), default=dict, editable=False)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True, editable=False)
    photo = models.FileField(
        _("new photo"),
        upload_to=PrivateUploadTo("changes/photo"),
        validators=[validate_image],
        blank=True,
        editable=False,
    )
    ktp_scan = models.FileField(
        _("new photocopy of KTP"),
        upload_to=PrivateUploadTo("changes/ktp"),
        validators=[validate_document],
        blank=True,
        editable=False,
    )
    ak1_scan = models.FileField(
        _("new photocopy of AK/I card"),
        upload_to=PrivateUploadTo("changes/ak1"),
        validators=[validate_document],
        blank=True,
        editable=False,
    )
    history = HistoricalRecords()

    objects = ProfileChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("change of checked data")
        verbose_name_plural = _("changes of checked data")
        permissions = [("review_profile_change", _("Can accept or reject changes of checked data"))]
        indexes = [
            models.Index(fields=["status", "submitted_at"], name="profilechange_queue_idx"),
            models.Index(
                fields=["office", "status", "submitted_at"], name="profilechange_office_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(jobseeker__isnull=True) ^ Q(employer__isnull=True),
                name="profilechange_one_subject",
            ),
            # one waiting request per person: a second edit updates it
            *(
                models.UniqueConstraint(
                    fields=[subject],
                    condition=Q(status=ProfileChangeStatus.WAITING),
                    name=f"profilechange_one_waiting_{subject}",
                )
                for subject in ("jobseeker", "employer")
            ),
        ]

    def __str__(self):
        return str(_("Change of %(name)s") % {"name": self.profile})

    @property
    def profile(self):
        return self.jobseeker or self.employer

    @property
    def is_waiting(self):
        return self.status == ProfileChangeStatus.WAITING

    def can_read_files(self, user):
        """The owner and the officers who decide on changes (through the checked view)."""
        return user.is_authenticated and (
            user.pk == self.profile.user_id or user.has_perm("jobboard.review_profile_change", self)
        )

    def field_names(self):
        """The changed fields, in the order of the model's CHECKED_FIELDS."""
        changed = set(self.values) | {name for name in self.FILE_FIELDS if getattr(self, name)}
        return [name for name in type(self.profile).CHECKED_FIELDS if name in changed]

    def proposed(self, name):
        """The proposed Python value of a field that is not a file."""
        return type(self.profile)._meta.get_field(name).to_python(self.values[name])

    def initial(self):
        """The proposed values as a form's initial data (files are not refilled)."""
        return {name: self.proposed(name) for name in self.values if name not in self.FILE_FIELDS}

    def rows(self):
        """(name, label, old, new, is_file) per changed field, for both sides to compare."""
        model = type(self.profile)
        out = []
        for name in self.field_names():
            field = model._meta.get_field(name)
            label = str(capfirst(field.verbose_name))
            if name in self.FILE_FIELDS:
                new = getattr(self, name) or None  # None: the file is removed
                out.append((name, label, getattr(self.profile, name) or None, new, True))
                continue
            old = field.to_python(self.previous.get(name, to_json(getattr(self.profile, name))))
            out.append(
                (name, label, _display(field, old), _display(field, self.proposed(name)), False)
            )
        return out

    def labels(self):
        return [label for _name, label, *_rest in self.rows()]


def checked_json(profile, name):
    """The live value of a checked field as ``ProfileChange.values`` stores it."""
    field = profile._meta.get_field(name)
    return to_json(field.value_from_object(profile))


class ProfileChangeStep(StepLog):
    """One move of a change of checked data: sent, changed again, accepted, rejected."""

    change = models.ForeignKey(ProfileChange, on_delete=models.CASCADE, related_name="steps")
    from_status = models.CharField(
        _("from"), max_length=12, choices=ProfileChangeStatus, blank=True
    )
    to_status = models.CharField(_("to"), max_length=12, choices=ProfileChangeStatus)

    class Meta(StepLog.Meta):
        verbose_name = _("step of a change of checked data")
        verbose_name_plural = _("steps of changes of checked data")
