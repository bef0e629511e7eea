"""Registrations: the job seekers and employers who register and wait for an officer.

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
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.files import PrivateUploadTo, validate_document, validate_image
from portal.models import StepLog, office_field

from ..stemming import StemsField
from ..validators import validate_nib, validate_nik_shape, validate_npwp, validate_phone


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
    # the office the person or company registered with: it activates them and keeps the record
    office = office_field()
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
    # What a Petugas Antar Kerja checks at activation and the AK/I card prints as the
    # holder's identity: after activation a change to one of them waits for an officer
    # (jobboard.models.ProfileChange); the rest saves at once.
    CHECKED_FIELDS = (
        "nik",
        "full_name",
        "birth_place",
        "birth_date",
        "sex",
        "marital_status",
        "religion",
        "address",
        "kelurahan",
        "kecamatan",
        "city",
        "education_level",
        "education_major",
        "education_institution",
        "graduation_year",
        "photo",
        "ktp_scan",
        "ak1_scan",
    )

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
    # Indonesian has no PostgreSQL dictionary: 'simple' keeps words as typed, beside their
    # stems (jobboard.stemming); ranking does the rest.
    stems = StemsField(sources=("desired_job", "skills", "education_major", "work_experience"))
    search = models.GeneratedField(
        expression=SearchVector("desired_job", "skills", weight="A", config="simple")
        + SearchVector(
            "education_major", "work_experience", "kecamatan", "city", weight="B", config="simple"
        )
        + SearchVector("stems", weight="D", config="simple"),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    history = HistoricalRecords(excluded_fields=["updated_at", "search", "stems"])

    class Meta:
        verbose_name = _("job seeker")
        verbose_name_plural = _("job seekers")
        permissions = [
            ("activate_jobseeker", _("Can activate or reject job seekers")),
            ("view_jobseeker_documents", _("Can read job seekers' documents")),
        ]
        indexes = [
            models.Index(fields=["status", "submitted_at"], name="jobseeker_queue_idx"),
            # an office's activation queue and list
            models.Index(
                fields=["office", "status", "submitted_at"], name="jobseeker_office_queue_idx"
            ),
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
            user.pk == self.user_id or user.has_perm("jobboard.view_jobseeker_documents", self)
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
    # What the officer checks at activation and an AKAD permit prints about the employer;
    # changed after activation, they wait for an officer (jobboard.models.ProfileChange).
    CHECKED_FIELDS = ("company_name", "legal_form", "nib", "npwp", "sector", "address", "city")

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
        indexes = [
            models.Index(fields=["status", "submitted_at"], name="employer_queue_idx"),
            models.Index(
                fields=["office", "status", "submitted_at"], name="employer_office_queue_idx"
            ),
        ]

    def __str__(self):
        return self.company_name

    def can_read_files(self, user):
        return user.is_authenticated and (
            user.pk == self.user_id or user.has_perm("jobboard.activate_employer", self)
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
