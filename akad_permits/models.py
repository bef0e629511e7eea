"""Izin Pelayanan Antar Kerja Antar Daerah (AKAD): the application, its positions, its steps.

From the Lumajang "Standar Pelayanan" (seed 002): an employer or recruiter applies to the
Kadis with four attachments; the Sekretariat, the Kadis, the Kabid and the Kasi move it
through the six steps of the procedure; the Kadis signs the permit. The moves between the
states are the table in ``workflows.py``; nothing else assigns ``status``.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.files import PrivateUploadTo, validate_document
from portal.models import StepLog, YearCounter, office_field
from portal.working_time import WorkingCalendar

from . import standards


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned to the applicant")
    REGISTERED = "registered", _("Registered by the Sekretariat")
    DISPOSED = "disposed", _("Disposed to the Bidang Penempatan")
    CONSULTED = "consulted", _("Consulted with the Kadis")
    DRAFTED = "drafted", _("Permit drafted")
    ISSUED = "issued", _("Permit issued")
    REFUSED = "refused", _("Refused")


FINAL_STATES = (Status.ISSUED, Status.REFUSED)
EDITABLE_STATES = (Status.DRAFT, Status.RETURNED)
# 6BR4-R795-GUCQ: three groups of four (akad_permits.services._new_verification_code).
VERIFICATION_CODE_GROUPS = (4, 4, 4)

# The four attachments the document requires, in its order (procedure step 1).
ATTACHMENT_FIELDS = ("vacancy_file", "recommendation_file", "assignment_file", "workforce_file")
# What the applicant types and uploads of a recommendation letter from an office not on the
# portal; a recommendation issued in the portal (PermitApplication.recommendation) replaces it.
RECOMMENDATION_LETTER_FIELDS = (
    "recommendation_number",
    "recommendation_date",
    "recommendation_issuer",
    "recommendation_file",
)


class PermitApplicationQuerySet(models.QuerySet):
    def of_user(self, user):
        return self.filter(employer__user=user)

    def waiting_in(self, states):
        """A work queue: the given states, the longest-waiting first."""
        return self.filter(status__in=states).order_by("state_entered_at", "pk")

    def issued(self):
        return self.filter(status=Status.ISSUED)


class PermitApplication(models.Model):
    private_file_fields = ATTACHMENT_FIELDS

    employer = models.ForeignKey(
        "jobboard.Employer",
        on_delete=models.PROTECT,
        related_name="akad_applications",
        verbose_name=_("applicant"),
        editable=False,
    )
    # the office the application is addressed to: it processes, numbers and issues the permit
    office = office_field()
    status = models.CharField(
        _("status"), max_length=12, choices=Status, default=Status.DRAFT, editable=False
    )

    # -- the recruitment ---------------------------------------------------------------------
    recruiter_name = models.CharField(
        _("recruiting company (pengerah)"),
        max_length=200,
        blank=True,
        help_text=_("The company or agency that recruits the workers."),
    )
    user_company = models.CharField(
        _("company using the workers (pengguna)"),
        max_length=200,
        blank=True,
        help_text=_("The company where the workers will be employed."),
    )
    destination_province = models.CharField(_("destination province"), max_length=100, blank=True)
    destination_city = models.CharField(_("destination regency/city"), max_length=100, blank=True)
    recruitment_start = models.DateField(_("recruitment period from"), null=True, blank=True)
    recruitment_end = models.DateField(_("recruitment period until"), null=True, blank=True)

    # -- the AKAD recruitment recommendation ------------------------------------------------
    # Issued in the portal by the destination region's office (issue 15 item 6): then the
    # typed number, date, issuer and uploaded letter below are not needed.
    recommendation = models.ForeignKey(
        "akad_permits.Recommendation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("recommendation issued in the portal"),
    )
    recommendation_number = models.CharField(_("recommendation number"), max_length=100, blank=True)
    recommendation_date = models.DateField(_("recommendation date"), null=True, blank=True)
    recommendation_issuer = models.CharField(
        _("office that issued the recommendation"), max_length=200, blank=True
    )

    # -- the assignment letter for recruitment (surat tugas pengerahan) ---------------------
    assignment_number = models.CharField(_("assignment letter number"), max_length=100, blank=True)
    assignment_date = models.DateField(_("assignment letter date"), null=True, blank=True)
    assignment_person = models.CharField(_("person assigned"), max_length=150, blank=True)

    # -- attachments ------------------------------------------------------------------------
    vacancy_file = models.FileField(
        _("vacancy data, user and recruiter of the workers"),
        upload_to=PrivateUploadTo("akad/vacancy"),
        validators=[validate_document],
        blank=True,
    )
    recommendation_file = models.FileField(
        _("AKAD recruitment recommendation"),
        upload_to=PrivateUploadTo("akad/recommendation"),
        validators=[validate_document],
        blank=True,
    )
    assignment_file = models.FileField(
        _("assignment letter for recruitment"),
        upload_to=PrivateUploadTo("akad/assignment"),
        validators=[validate_document],
        blank=True,
    )
    workforce_file = models.FileField(
        _("data of the number of workers needed"),
        upload_to=PrivateUploadTo("akad/workforce"),
        validators=[validate_document],
        blank=True,
    )

    # -- the workflow's own records (written by services only) --------------------------
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("first submitted at"), null=True, editable=False)
    state_entered_at = models.DateTimeField(
        _("in this step since"), default=timezone.now, editable=False
    )
    # Working minutes spent in the officers' states that are already left; the current one
    # is added live. Kept here so a queue of 50 rows needs no step history to show lateness.
    elapsed_minutes = models.PositiveIntegerField(
        _("working minutes in finished steps"), default=0, editable=False
    )
    agenda_number = models.CharField(_("agenda number"), max_length=60, blank=True, editable=False)
    agenda_date = models.DateField(_("agenda date"), null=True, blank=True, editable=False)
    returned_items = models.JSONField(
        _("attachments to correct"), default=dict, blank=True, editable=False
    )
    return_reason = models.TextField(_("what is missing"), blank=True, editable=False)
    disposition_instruction = models.TextField(
        _("disposition instruction"), blank=True, editable=False
    )
    consultation_outcome = models.TextField(_("consultation outcome"), blank=True, editable=False)
    permit_year = models.PositiveSmallIntegerField(
        _("permit year"), null=True, blank=True, editable=False
    )
    permit_seq = models.PositiveIntegerField(
        _("running number in the year"), null=True, blank=True, editable=False
    )
    permit_number = models.CharField(  # noqa: DJ001 - NULL until drafted, skipped by the unique constraint
        _("permit number"), max_length=100, null=True, blank=True, editable=False
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True, editable=False)
    valid_until = models.DateField(_("valid until"), null=True, blank=True, editable=False)
    coverage = models.TextField(_("what the permit covers"), blank=True, editable=False)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True, editable=False)
    signer_title = models.CharField(_("signed as"), max_length=150, blank=True, editable=False)
    signer_name = models.CharField(_("signed by"), max_length=150, blank=True, editable=False)
    signer_nip = models.CharField(_("signer's NIP"), max_length=30, blank=True, editable=False)
    verification_code = models.CharField(
        _("verification code"), max_length=20, null=True, blank=True, unique=True, editable=False
    )
    refusal_reason = models.TextField(_("reasons for refusal"), blank=True, editable=False)
    # Everything the signed permit prints that is not a field of its own (the office's
    # letterhead and head, the employer's name, address and NIB, the positions), frozen at
    # signing (akad_permits.pdf.printed_values): the PDF and the verification page read these.
    printed = models.JSONField(_("printed data"), default=dict, editable=False)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = PermitApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("AKAD permit application")
        verbose_name_plural = _("AKAD permit applications")
        ordering = ["-created_at", "-pk"]
        permissions = [
            ("register_permit", _("Can register an incoming AKAD application (Sekretariat)")),
            ("return_permit", _("Can return an incomplete AKAD application")),
            ("dispose_permit", _("Can dispose an AKAD application to the Bidang (Kadis)")),
            ("consult_permit", _("Can record the consultation with the Kadis (Kabid)")),
            ("draft_permit", _("Can prepare the AKAD permit (Kasi)")),
            ("sign_permit", _("Can sign and issue the AKAD permit (Kadis)")),
            ("refuse_permit", _("Can refuse an AKAD application (Kadis)")),
            # reading an application is not reading its uploads: the province reader reads
            # the record, the office's own officers also its letters and lists
            ("view_permit_documents", _("Can read the files uploaded with an AKAD application")),
        ]
        constraints = [
            # each office numbers its own permits
            models.UniqueConstraint(
                fields=["office", "permit_year", "permit_seq"],
                name="akad_permit_seq_unique_per_year",
            ),
            models.UniqueConstraint(
                fields=["office", "permit_number"], name="akad_permit_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(recruitment_end__isnull=True)
                | Q(recruitment_start__isnull=True)
                | Q(recruitment_end__gte=models.F("recruitment_start")),
                name="akad_recruitment_period_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "state_entered_at"], name="akad_queue_idx"),
            models.Index(
                fields=["office", "status", "state_entered_at"], name="akad_office_queue_idx"
            ),
            # the officers' list of every step, oldest in its step first (akad_permits/admin.py)
            models.Index(fields=["state_entered_at", "id"], name="akad_all_steps_idx"),
        ]

    def __str__(self):
        if self.permit_number:
            return self.permit_number
        return _("AKAD application no. %(pk)s") % {"pk": self.pk}

    @property
    def reference(self):
        return f"AKAD-{self.pk:05d}" if self.pk else ""

    @property
    def is_editable(self):
        return self.status in EDITABLE_STATES

    @property
    def is_final(self):
        return self.status in FINAL_STATES

    def can_read_files(self, user):
        return user.is_authenticated and (
            user.pk == self.employer.user_id
            or user.has_perm("akad_permits.view_permit_documents", self)
        )

    def missing_items(self):
        """Labels of what submission still needs; empty when the file is complete.

        A recommendation issued in the portal stands for the typed letter and its upload.
        """
        missing = []
        portal_letter = self.recommendation_id is not None
        for name in (
            "recruiter_name",
            "user_company",
            "destination_province",
            "destination_city",
            "recruitment_start",
            "recruitment_end",
            "recommendation_number",
            "recommendation_date",
            "recommendation_issuer",
            "assignment_number",
            "assignment_date",
            "assignment_person",
            *ATTACHMENT_FIELDS,
        ):
            if portal_letter and name in RECOMMENDATION_LETTER_FIELDS:
                continue
            if not getattr(self, name):
                missing.append(self._meta.get_field(name).verbose_name)
        if self.pk is None or not self.positions.exists():
            missing.append(_("at least one position with its number of workers"))
        return missing

    # -- time against the standard ---------------------------------------------------------
    # The officers' states, where the service clock runs, come from the move table
    # (workflows.STATE_ACTION), which itself reads these models: imported when used.
    @property
    def current_action(self):
        from .workflows import STATE_ACTION

        return STATE_ACTION.get(self.status)

    @cached_property
    def working_calendar(self):
        """The office's hours and non-working days (loaded once per object)."""
        return WorkingCalendar.of(self.office)

    def current_step_minutes(self, now=None, calendar=None):
        """Working minutes in the current officers' step (``calendar``: the office's, when a
        list has it already, portal.working_time.Calendars)."""
        if self.current_action is None:
            return 0
        return (calendar or self.working_calendar).working_minutes(
            self.state_entered_at, now or timezone.now()
        )

    def current_step_standard(self):
        return standards.STEP_STANDARD_MINUTES.get(self.current_action)

    def is_step_late(self, now=None, calendar=None):
        limit = self.current_step_standard()
        return limit is not None and self.current_step_minutes(now, calendar) > limit

    def total_minutes(self, now=None, calendar=None):
        return self.elapsed_minutes + self.current_step_minutes(now, calendar)

    def is_total_late(self, now=None, calendar=None):
        return self.total_minutes(now, calendar) > standards.TOTAL_STANDARD_MINUTES


class PermitPosition(models.Model):
    """One position to fill, with the number of workers by sex."""

    application = models.ForeignKey(
        PermitApplication, on_delete=models.CASCADE, related_name="positions"
    )
    title = models.CharField(_("position"), max_length=150)
    male_count = models.PositiveIntegerField(_("male workers"), default=0)
    female_count = models.PositiveIntegerField(_("female workers"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(male_count__gt=0) | Q(female_count__gt=0),
                name="akad_position_has_workers",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def total(self):
        return self.male_count + self.female_count


class PermitStep(StepLog):
    """The story a person reads: who moved the application from where to where, and why."""

    application = models.ForeignKey(
        PermitApplication, on_delete=models.CASCADE, related_name="steps"
    )
    from_status = models.CharField(_("from"), max_length=12, choices=Status)
    to_status = models.CharField(_("to"), max_length=12, choices=Status)
    # Working minutes the application waited in from_status before this step (0 for the
    # applicant's own steps, whose time the service standard does not count).
    minutes = models.PositiveIntegerField(_("working minutes in the step"), default=0)

    class Meta(StepLog.Meta):
        verbose_name = _("step")
        verbose_name_plural = _("steps")

    @property
    def standard_minutes(self):
        from .workflows import STATE_ACTION

        action = STATE_ACTION.get(self.from_status)
        return standards.STEP_STANDARD_MINUTES.get(action)

    @property
    def is_late(self):
        limit = self.standard_minutes
        return limit is not None and self.minutes > limit


class PermitNumberCounter(YearCounter):
    """The last permit running number handed out in a year."""

    class Meta(YearCounter.Meta):
        verbose_name = _("permit number counter")
        verbose_name_plural = _("permit number counters")


# --- the AKAD recruitment recommendation (Rekomendasi Rekrutmen AKAD) ---------------------


class RecommendationStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ISSUED = "issued", _("Recommendation issued")
    REFUSED = "refused", _("Refused")


class RecommendationQuerySet(models.QuerySet):
    def issued(self):
        return self.filter(status=RecommendationStatus.ISSUED)


class Recommendation(models.Model):
    """The "Rekomendasi Rekrutmen AKAD", the first requirement of the AKAD permit (seed 002).

    Issued by the labour office of the region the workers go to (``office``: it is that
    office's record, numbered and signed by it), for an employer who recruits them in another
    region (``recruiting_office``, the office that then issues the permit and whose
    application refers to this record).
    """

    office = office_field()  # the destination region's office: it issues the recommendation
    employer = models.ForeignKey(
        "jobboard.Employer",
        on_delete=models.PROTECT,
        related_name="akad_recommendations",
        verbose_name=_("recruiting company"),
        editable=False,
    )
    recruiting_office = models.ForeignKey(
        "portal.Office",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("office of the recruitment region"),
        editable=False,
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=RecommendationStatus,
        default=RecommendationStatus.REQUESTED,
        editable=False,
    )
    user_company = models.CharField(_("company using the workers (pengguna)"), max_length=200)
    positions = models.TextField(
        _("positions"), help_text=_("One position per line, e.g. Operator produksi.")
    )
    male_count = models.PositiveIntegerField(_("male workers"), default=0)
    female_count = models.PositiveIntegerField(_("female workers"), default=0)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, editable=False)
    seq = models.PositiveIntegerField(
        _("running number in the year"), null=True, blank=True, editable=False
    )
    number = models.CharField(  # noqa: DJ001 - NULL until issued, skipped by the unique constraint
        _("recommendation number"), max_length=100, null=True, blank=True, editable=False
    )
    issued_on = models.DateField(
        _("date of the recommendation"), null=True, blank=True, editable=False
    )
    valid_until = models.DateField(_("valid until"), null=True, blank=True, editable=False)
    signer_title = models.CharField(_("signed as"), max_length=150, blank=True, editable=False)
    signer_name = models.CharField(_("signed by"), max_length=150, blank=True, editable=False)
    signer_nip = models.CharField(_("signer's NIP"), max_length=30, blank=True, editable=False)
    refusal_reason = models.TextField(_("reasons for refusal"), blank=True, editable=False)
    history = HistoricalRecords()

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        verbose_name = _("AKAD recruitment recommendation")
        verbose_name_plural = _("AKAD recruitment recommendations")
        ordering = ["-created_at", "-pk"]
        permissions = [
            ("issue_recommendation", _("Can sign and issue an AKAD recruitment recommendation")),
            ("refuse_recommendation", _("Can refuse an AKAD recruitment recommendation")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "year", "seq"], name="akad_recommendation_seq_unique"
            ),
            models.UniqueConstraint(
                fields=["office", "number"], name="akad_recommendation_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(male_count__gt=0) | Q(female_count__gt=0),
                name="akad_recommendation_has_workers",
            ),
            models.CheckConstraint(
                condition=~Q(office=models.F("recruiting_office")),
                name="akad_recommendation_across_offices",
            ),
        ]
        indexes = [models.Index(fields=["office", "status"], name="akad_rec_office_status_idx")]

    def __str__(self):
        if self.number:
            return self.number
        return _("AKAD recommendation request no. %(pk)s") % {"pk": self.pk}

    @property
    def total(self):
        return self.male_count + self.female_count

    def position_list(self):
        return [line.strip() for line in self.positions.splitlines() if line.strip()]


class RecommendationStep(StepLog):
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="steps"
    )
    from_status = models.CharField(_("from"), max_length=12, choices=RecommendationStatus)
    to_status = models.CharField(_("to"), max_length=12, choices=RecommendationStatus)

    class Meta(StepLog.Meta):
        verbose_name = _("recommendation step")
        verbose_name_plural = _("recommendation steps")


class RecommendationNumberCounter(YearCounter):
    """The last recommendation running number an office handed out in a year."""

    class Meta(YearCounter.Meta):
        verbose_name = _("recommendation number counter")
        verbose_name_plural = _("recommendation number counters")
