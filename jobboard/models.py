"""Bursa Kerja On Line: the people and companies who register, and what they publish.

The registration part (JobSeeker, Employer) follows steps 1-3 and 5 of the Probolinggo
"Pelayanan Bursa Kerja On Line" standard: register, fill the application form, wait for a
Petugas Antar Kerja to check and activate.
"""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.files import PrivateUploadTo, validate_document, validate_image
from portal.models import StepLog
from portal.pagecache import memoize

# The AK/I card lives in its own module; importing it here registers and re-exports it.
from .ak1_models import (  # noqa: F401
    Ak1Card,
    Ak1CardQuerySet,
    Ak1ClosedReason,
    Ak1NumberCounter,
    Ak1Reminder,
    Ak1Report,
    add_months,
)
from .validators import validate_nib, validate_nik_shape, validate_npwp, validate_phone


class RegistrationStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting for activation")
    ACTIVE = "active", _("Active")
    REJECTED = "rejected", _("Rejected")


class RegistrationQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(status=RegistrationStatus.WAITING).order_by("submitted_at", "pk")

    def active(self):
        return self.filter(status=RegistrationStatus.ACTIVE)


class OfficerDecision(models.Model):
    """When something was sent for checking, and who decided on it, when (kept and shown)."""

    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now, editable=False)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("decided by"),
    )

    class Meta:
        abstract = True


class Registration(OfficerDecision):
    """What job seekers and employers share: an account that waits for an officer's decision."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, verbose_name=_("account")
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RegistrationStatus,
        default=RegistrationStatus.WAITING,
        editable=False,
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True, editable=False)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta(OfficerDecision.Meta):
        abstract = True

    @property
    def is_active(self):
        return self.status == RegistrationStatus.ACTIVE

    @property
    def is_waiting(self):
        return self.status == RegistrationStatus.WAITING

    @property
    def is_rejected(self):
        return self.status == RegistrationStatus.REJECTED


class Sex(models.TextChoices):
    MALE = "L", _("Male")
    FEMALE = "P", _("Female")


class MaritalStatus(models.TextChoices):
    SINGLE = "belum_kawin", _("Not married")
    MARRIED = "kawin", _("Married")
    DIVORCED = "cerai_hidup", _("Divorced")
    WIDOWED = "cerai_mati", _("Widowed")


class Religion(models.TextChoices):
    ISLAM = "islam", _("Islam")
    PROTESTANT = "kristen", _("Protestant")
    CATHOLIC = "katolik", _("Catholic")
    HINDU = "hindu", _("Hindu")
    BUDDHIST = "buddha", _("Buddhist")
    CONFUCIAN = "khonghucu", _("Confucian")
    OTHER = "lainnya", _("Other belief")


class Education(models.TextChoices):
    """Levels in ascending order: the position is used to compare them."""

    SD = "SD", _("Primary school (SD)")
    SMP = "SMP", _("Junior high school (SMP)")
    SMA = "SMA", _("Senior high school (SMA)")
    SMK = "SMK", _("Vocational high school (SMK)")
    D1 = "D1", _("Diploma 1 (D1)")
    D2 = "D2", _("Diploma 2 (D2)")
    D3 = "D3", _("Diploma 3 (D3)")
    D4 = "D4", _("Diploma 4 (D4)")
    S1 = "S1", _("Bachelor (S1)")
    S2 = "S2", _("Master (S2)")
    S3 = "S3", _("Doctorate (S3)")

    @classmethod
    def rank(cls, value):
        return cls.values.index(value)


class JobSeeker(Registration):
    """A pencari kerja, with the data an AK/I card carries."""

    private_file_fields = ("ktp_scan", "ak1_scan", "photo", "cv")

    nik = models.CharField(
        _("NIK"),
        max_length=16,
        unique=True,
        validators=[validate_nik_shape],
        error_messages={
            "unique": _(
                "This NIK is already registered. If it is yours, log in or contact the office."
            )
        },
    )
    full_name = models.CharField(_("full name"), max_length=150)
    birth_place = models.CharField(_("place of birth"), max_length=100)
    birth_date = models.DateField(_("date of birth"))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex)
    marital_status = models.CharField(_("marital status"), max_length=12, choices=MaritalStatus)
    religion = models.CharField(_("religion"), max_length=10, choices=Religion)
    address = models.CharField(_("address (street, RT/RW)"), max_length=255)
    kelurahan = models.CharField(_("kelurahan/desa"), max_length=100)
    kecamatan = models.CharField(_("kecamatan"), max_length=100)
    city = models.CharField(_("city/regency"), max_length=100, db_index=True)
    phone = models.CharField(_("telephone"), max_length=20, validators=[validate_phone])
    email = models.EmailField(_("e-mail address"))
    education_level = models.CharField(
        _("education level"), max_length=3, choices=Education, db_index=True
    )
    education_major = models.CharField(_("major"), max_length=150, blank=True)
    education_institution = models.CharField(_("school or institution"), max_length=150)
    graduation_year = models.PositiveSmallIntegerField(_("year of graduation"))
    skills = models.TextField(_("skills"), blank=True)
    work_experience = models.TextField(_("work experience"), blank=True)
    desired_job = models.CharField(_("job wanted"), max_length=150)
    discoverable = models.BooleanField(
        _("employers may find my data"),
        default=True,
        help_text=_("Active employers can find you in the job-seeker search and contact you."),
    )
    ktp_scan = models.FileField(
        _("photocopy of KTP"),
        upload_to=PrivateUploadTo("jobseekers/ktp"),
        validators=[validate_document],
    )
    ak1_requested = models.BooleanField(
        _("I have no AK/I card yet: issue one for me"),
        default=False,
        help_text=_(
            "Then you need not upload an AK/I photocopy: the office issues the card when your account is activated."
        ),
    )
    ak1_scan = models.FileField(
        _("photocopy of AK/I card"),
        upload_to=PrivateUploadTo("jobseekers/ak1"),
        validators=[validate_document],
        blank=True,
    )
    photo = models.FileField(
        _("photo"),
        upload_to=PrivateUploadTo("jobseekers/photo"),
        validators=[validate_image],
        blank=True,
    )
    cv = models.FileField(
        _("CV"),
        upload_to=PrivateUploadTo("jobseekers/cv"),
        validators=[validate_document],
        blank=True,
    )
    # Indonesian has no PostgreSQL dictionary: 'simple' keeps words as typed, ranking does the rest.
    search = models.GeneratedField(
        expression=SearchVector("desired_job", "skills", weight="A", config="simple")
        + SearchVector(
            "education_major", "work_experience", "kecamatan", "city", weight="B", config="simple"
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    history = HistoricalRecords(excluded_fields=["updated_at", "search"])

    class Meta:
        verbose_name = _("job seeker")
        verbose_name_plural = _("job seekers")
        permissions = [
            ("activate_jobseeker", _("Can activate or reject job seekers")),
            ("view_jobseeker_documents", _("Can read job seekers' documents")),
        ]
        indexes = [
            models.Index(fields=["status", "submitted_at"], name="jobseeker_queue_idx"),
            # the officers' list of every status ("All"), in the queue's order
            models.Index(fields=["submitted_at", "id"], name="jobseeker_submitted_idx"),
            GinIndex(fields=["search"], name="jobseeker_search_idx"),
            # the employers' candidate search: consenting active job seekers, most recently
            # activated first (was a sort of every one of them on each page: 290 ms at 160,000)
            models.Index(
                F("decided_at").desc(),
                F("id").desc(),
                name="jobseeker_findable_idx",
                condition=Q(status=RegistrationStatus.ACTIVE, discoverable=True),
            ),
            # its "city" and "skills" boxes match anywhere in the text (icontains, which
            # PostgreSQL runs as UPPER(x) LIKE '%…%'): trigram indexes over the same expression
            # (was a scan of every findable job seeker: 165-240 ms at 160,000)
            *(
                GinIndex(
                    OpClass(Upper(field), name="gin_trgm_ops"),
                    name=f"jobseeker_{field}_trgm_idx",
                    condition=Q(status=RegistrationStatus.ACTIVE, discoverable=True),
                )
                for field in ("city", "skills")
            ),
        ]

    def __str__(self):
        return self.full_name

    def can_read_files(self, user):
        return user.is_authenticated and (
            user.pk == self.user_id or user.has_perm("jobboard.view_jobseeker_documents")
        )

    @property
    def age(self):
        today = timezone.localdate()
        b = self.birth_date
        return today.year - b.year - ((today.month, today.day) < (b.month, b.day))


class LegalForm(models.TextChoices):
    PT = "PT", _("Limited company (PT)")
    CV = "CV", _("Limited partnership (CV)")
    FIRMA = "Firma", _("Firm (Firma)")
    KOPERASI = "Koperasi", _("Cooperative (Koperasi)")
    YAYASAN = "Yayasan", _("Foundation (Yayasan)")
    BUMN = "BUMN/BUMD", _("State or regional enterprise (BUMN/BUMD)")
    PERORANGAN = "Perorangan", _("Sole proprietorship (Perorangan)")
    LPTKS = "LPTKS", _("Private recruitment agency (LPTKS)")


class Employer(Registration):
    """A pemberi kerja (company or recruiter), registered under step 5 of the document."""

    private_file_fields = ()

    company_name = models.CharField(_("company name"), max_length=200)
    legal_form = models.CharField(_("legal form"), max_length=12, choices=LegalForm)
    nib = models.CharField(
        _("NIB (business identification number)"),
        max_length=13,
        unique=True,
        validators=[validate_nib],
        error_messages={"unique": _("This NIB is already registered.")},
    )
    npwp = models.CharField(_("NPWP"), max_length=16, validators=[validate_npwp])
    sector = models.CharField(_("business sector"), max_length=100, db_index=True)
    address = models.CharField(_("address"), max_length=255)
    city = models.CharField(_("city/regency"), max_length=100)
    contact_person = models.CharField(_("contact person"), max_length=150)
    phone = models.CharField(_("telephone"), max_length=20, validators=[validate_phone])
    email = models.EmailField(_("e-mail address"))
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        permissions = [("activate_employer", _("Can activate or reject employers"))]
        indexes = [models.Index(fields=["status", "submitted_at"], name="employer_queue_idx")]

    def __str__(self):
        return self.company_name

    def can_read_files(self, user):
        return user.is_authenticated and (
            user.pk == self.user_id or user.has_perm("jobboard.activate_employer")
        )


class RegistrationStep(StepLog):
    """One decision on a registration, in the words a person reads (activated, rejected because...)."""

    jobseeker = models.ForeignKey(
        JobSeeker, on_delete=models.CASCADE, null=True, blank=True, related_name="steps"
    )
    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, null=True, blank=True, related_name="steps"
    )
    from_status = models.CharField(_("from"), max_length=12, choices=RegistrationStatus)
    to_status = models.CharField(_("to"), max_length=12, choices=RegistrationStatus)

    class Meta(StepLog.Meta):
        verbose_name = _("registration step")
        verbose_name_plural = _("registration steps")
        constraints = [
            models.CheckConstraint(
                condition=Q(jobseeker__isnull=True) ^ Q(employer__isnull=True),
                name="registrationstep_one_subject",
            )
        ]


# --- Vacancies ---------------------------------------------------------------------------


class VacancyStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for verification")
    PUBLISHED = "published", _("Published")
    RETURNED = "returned", _("Returned for correction")
    CLOSED = "closed", _("Closed by the employer")


class WorkType(models.TextChoices):
    FULL_TIME = "full_time", _("Full time")
    PART_TIME = "part_time", _("Part time")
    CONTRACT = "contract", _("Contract")
    INTERNSHIP = "internship", _("Internship (magang)")
    DAILY = "daily", _("Daily or piece work")


class VacancyQuerySet(models.QuerySet):
    def published(self):
        """Public vacancies: published and not past their closing date (no cron needed)."""
        return self.filter(status=VacancyStatus.PUBLISHED, closing_date__gte=timezone.localdate())

    def waiting(self):
        return self.filter(status=VacancyStatus.SUBMITTED).order_by("submitted_at", "pk")


class Vacancy(OfficerDecision):
    """A vacancy (step 7 of the document), posted with the letter signed by the company's head."""

    private_file_fields = ("vacancy_letter",)

    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, related_name="vacancies", verbose_name=_("employer")
    )
    title = models.CharField(_("title"), max_length=150)
    position = models.CharField(_("position"), max_length=150)
    openings_male = models.PositiveSmallIntegerField(_("openings for men"), default=0)
    openings_female = models.PositiveSmallIntegerField(_("openings for women"), default=0)
    openings_any = models.PositiveSmallIntegerField(_("openings for men or women"), default=0)
    min_education = models.CharField(_("minimum education"), max_length=3, choices=Education)
    min_experience_years = models.PositiveSmallIntegerField(
        _("minimum experience (years)"), default=0
    )
    skills = models.TextField(_("skills required"), blank=True)
    place = models.CharField(_("place of work"), max_length=100, db_index=True)
    work_type = models.CharField(_("type of work"), max_length=12, choices=WorkType)
    salary_min = models.PositiveIntegerField(_("salary from (Rp)"), null=True, blank=True)
    salary_max = models.PositiveIntegerField(_("salary up to (Rp)"), null=True, blank=True)
    salary_negotiable = models.BooleanField(_("salary negotiable"), default=False)
    description = models.TextField(_("description"))
    closing_date = models.DateField(_("closing date"))
    vacancy_letter = models.FileField(
        _("vacancy letter signed by the company's head"),
        upload_to=PrivateUploadTo("vacancies/letters"),
        validators=[validate_document],
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=VacancyStatus,
        default=VacancyStatus.SUBMITTED,
        editable=False,
    )
    return_reason = models.TextField(_("reason for return"), blank=True, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    search = models.GeneratedField(
        expression=SearchVector("title", "position", weight="A", config="simple")
        + SearchVector("skills", "place", weight="B", config="simple")
        + SearchVector("description", weight="C", config="simple"),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    history = HistoricalRecords(excluded_fields=["updated_at", "search"])

    objects = VacancyQuerySet.as_manager()

    class Meta:
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        permissions = [("verify_vacancy", _("Can publish or return vacancies"))]
        # The public list and search read published vacancies only (partial indexes, measured
        # with scripts/benchmark.sh, see docs/performance.md); the officers' queue and list
        # read by status in order of submission, the list's other filters work on its pages.
        indexes = [
            # the list without a search: newest first, closed ones skipped inside the index
            models.Index(
                F("published_at").desc(),
                F("id").desc(),
                "closing_date",
                name="vacancy_recent_idx",
                condition=Q(status=VacancyStatus.PUBLISHED),
            ),
            # the search form's filters together, closing date last; with the search vector and
            # the date of publication included, a search with filters reads only this index
            # (an index-only scan: 3 ms on average, was 7 ms with ~1,000 scattered table rows)
            models.Index(
                fields=["work_type", "min_education", "closing_date"],
                include=["published_at", "id", "search"],
                name="vacancy_filter_idx",
                condition=Q(status=VacancyStatus.PUBLISHED),
            ),
            GinIndex(
                fields=["search"],
                name="vacancy_search_idx",
                condition=Q(status=VacancyStatus.PUBLISHED),
            ),
            models.Index(fields=["status", "submitted_at"], name="vacancy_queue_idx"),
            models.Index(fields=["submitted_at", "id"], name="vacancy_submitted_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True)
                | Q(salary_max__isnull=True)
                | Q(salary_min__lte=models.F("salary_max")),
                name="vacancy_salary_range",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def openings(self):
        return self.openings_male + self.openings_female + self.openings_any

    def openings_text(self):
        """ "3 men, 2 men or women": the openings by sex as the vacancy letter states them."""
        from django.utils.translation import gettext

        parts = [
            (self.openings_male, gettext("%(n)s men")),
            (self.openings_female, gettext("%(n)s women")),
            (self.openings_any, gettext("%(n)s men or women")),
        ]
        return ", ".join(text % {"n": n} for n, text in parts if n)

    def salary_text(self):
        """Like "Rp 2.500.000 – 3.000.000 (negotiable)", in the language's number format."""
        if not (self.salary_min or self.salary_max):
            return gettext("Negotiable")
        # What intcomma gives (groups of three), at a tenth of its cost: twenty cards a page.
        separator = formats.get_format("THOUSAND_SEPARATOR")
        amounts = " – ".join(
            f"{n:,}".replace(",", separator) for n in (self.salary_min, self.salary_max) if n
        )
        negotiable = f" ({gettext('negotiable')})" if self.salary_negotiable else ""
        return f"Rp {amounts}{negotiable}"

    @property
    def is_open(self):
        return self.status == VacancyStatus.PUBLISHED and self.closing_date >= timezone.localdate()

    def can_read_files(self, user):
        return user.is_authenticated and (
            user.pk == self.employer.user_id or user.has_perm("jobboard.verify_vacancy")
        )


class VacancyStep(StepLog):
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="steps")
    from_status = models.CharField(_("from"), max_length=12, choices=VacancyStatus)
    to_status = models.CharField(_("to"), max_length=12, choices=VacancyStatus)

    class Meta(StepLog.Meta):
        verbose_name = _("vacancy step")
        verbose_name_plural = _("vacancy steps")


# --- Applications and placements ---------------------------------------------------------


class ApplicationStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    INTERVIEW = "interview", _("Invited to interview")
    HIRED = "hired", _("Hired")
    REJECTED = "rejected", _("Not selected")


class Application(models.Model):
    vacancy = models.ForeignKey(
        Vacancy, on_delete=models.CASCADE, related_name="applications", verbose_name=_("vacancy")
    )
    jobseeker = models.ForeignKey(
        JobSeeker,
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name=_("job seeker"),
    )
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
            models.Index(F("created_at").desc(), F("id").desc(), name="application_recent_idx")
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


class Placement(models.Model):
    """A penempatan: a hire through the job exchange, which the office counts. One per application."""

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


# --- The employer's own shortlist of job seekers (step 6) ---------------------------------


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
