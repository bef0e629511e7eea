"""The core every service shares: users, the office running the portal, the service standards."""

import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .dates import TIME_ZONE_CHOICES
from .files import PrivateUploadTo, validate_image
from .pagecache import memoize


class User(AbstractUser):
    """Everyone who logs in: job seekers, employers and officers.

    Job seekers and employers are ordinary, non-staff users whose profile lives in jobboard;
    officers are staff whose work is decided by their groups (see portal.roles).
    """

    email = models.EmailField(_("e-mail address"), blank=True, db_index=True)
    # What the documents an officer signs print under the name (the complaint answer letter,
    # the AK/I card): blank for job seekers and employers.
    nip = models.CharField(_("NIP"), max_length=30, blank=True, help_text=_("18 digits."))
    position = models.CharField(
        _("position"),
        max_length=150,
        blank=True,
        help_text=_("As the officer signs, e.g. Kepala Seksi Penempatan Tenaga Kerja."),
    )
    rank = models.CharField(
        _("rank and grade"), max_length=100, blank=True, help_text=_("e.g. Penata (III/c)")
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def display_name(self):
        return self.get_full_name() or self.username


class StepLog(models.Model):
    """A move in a workflow as a person reads it: what was done, from where to where, by whom,
    when, and the note. Each app's step model extends it with its foreign key to the object
    and the choices of its states (portal.workflow writes the rows)."""

    action = models.CharField(_("action"), max_length=20, blank=True)
    from_status = models.CharField(_("from"), max_length=12, blank=True)
    to_status = models.CharField(_("to"), max_length=12)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_from_status_display() or '-'} → {self.get_to_status_display()}"


def office_field(**kwargs):
    """The office a record belongs to (issue 15): one per record, never deleted under it, no
    reverse accessor (an office is reached from its records, ``qs.filter(office__in=...)``).

    Not editable in model forms: the services set it (from the record the new one follows,
    the request's office, or the office a person chose), never a form's hidden value.
    """
    kwargs.setdefault("editable", False)
    return models.ForeignKey(
        "portal.Office",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("office"),
        **kwargs,
    )


class OfficeFollows:
    """A record whose office is the office of the record it follows (``office_from``: a
    vacancy its employer's, an application its vacancy's): set when it is first saved."""

    office_from = None

    def save(self, *args, **kwargs):
        if self.office_id is None:
            self.office_id = getattr(self, self.office_from).office_id
        super().save(*args, **kwargs)


class YearCounter(models.Model):
    """The last running number an office handed out in a year; its row lock serialises
    numbering (portal.numbering). Each office numbers its own documents from 1 each year."""

    office = office_field()
    year = models.PositiveSmallIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        abstract = True
        constraints = [
            models.UniqueConstraint(
                fields=["office", "year"], name="%(app_label)s_%(class)s_office_year"
            )
        ]

    def __str__(self):
        return f"{self.year}: {self.last}"


def rank_line(rank, grade=""):
    """ "Pembina Utama Muda (IV/c)" from the rank and the grade; a rank typed with its grade
    already ("Penata (III/c)") stays as it is."""
    rank, grade = (rank or "").strip(), (grade or "").strip()
    if grade and f"({grade})" not in rank:
        return f"{rank} ({grade})" if rank else grade
    return rank


class Office(models.Model):
    """A labour office on the portal (a Dinas of a city or regency, or a province's).

    One deployment serves many offices: each has its own officers (OfficeRole), records,
    numbers and documents; the job market is shared. Everything the documents print about
    an office (letterhead, address, phone, the complaint channels, the head of office and the
    number formats) comes from here, never from code.
    """

    class Level(models.TextChoices):
        CITY = "kota", _("City (kota)")
        REGENCY = "kabupaten", _("Regency (kabupaten)")
        PROVINCE = "provinsi", _("Province (provinsi)")

    slug = models.SlugField(
        _("address name"),
        max_length=60,
        unique=True,
        help_text=_("The office's pages live under /<address name>/, e.g. kota-probolinggo."),
    )
    level = models.CharField(_("level"), max_length=10, choices=Level, default=Level.CITY)
    region_code = models.CharField(
        _("region code (Kemendagri)"),
        max_length=4,
        unique=True,
        help_text=_("Two digits for a province (35), four for a regency or city (3574)."),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        limit_choices_to={"level": "provinsi"},
        verbose_name=_("province office"),
    )
    government = models.CharField(_("local government"), max_length=200)
    name = models.CharField(_("office name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, default="Disnaker")
    letterhead = models.TextField(
        _("letterhead lines"),
        blank=True,
        help_text=_(
            "One line per line, as the letterhead prints them; empty: government and name."
        ),
    )
    logo = models.FileField(
        _("coat of arms"),
        upload_to=PrivateUploadTo("offices/logo"),
        validators=[validate_image],
        blank=True,
        help_text=_("A PNG or JPEG image, as the letterhead prints it."),
    )
    address = models.CharField(_("address"), max_length=300)
    region = models.CharField(_("region (city/regency)"), max_length=100)
    province = models.CharField(_("province"), max_length=100)
    phone = models.CharField(_("telephone"), max_length=40)
    email = models.EmailField(_("office e-mail address"), blank=True)
    website = models.URLField(_("web address"), blank=True)
    working_hours = models.TextField(
        _("working hours"),
        blank=True,
        help_text=_("One line per day or group of days, as the public pages show them."),
    )
    # The office's service hours, which every clock of the portal reads (portal.working_time):
    # Monday to Thursday, and Friday apart (shorter in many offices, for the Friday prayer).
    # Saturdays and Sundays are closed; holidays are the NonWorkingDay rows.
    opens_at = models.TimeField(_("opens (Monday-Thursday)"), default=datetime.time(8, 0))
    closes_at = models.TimeField(_("closes (Monday-Thursday)"), default=datetime.time(16, 0))
    friday_opens_at = models.TimeField(_("opens on Friday"), default=datetime.time(8, 0))
    friday_closes_at = models.TimeField(_("closes on Friday"), default=datetime.time(16, 0))
    # the complaint channels, as the first seed lists them
    complaint_counter = models.CharField(_("complaint counter"), max_length=200, blank=True)
    complaint_phone = models.CharField(_("complaint telephone"), max_length=40, blank=True)
    complaint_email = models.EmailField(_("complaint e-mail address"), blank=True)
    radio_station = models.CharField(_("radio station"), max_length=100, blank=True)
    radio_programme = models.CharField(_("radio complaint programme"), max_length=100, blank=True)
    head_title = models.CharField(
        _("title of the head of office"), max_length=150, default="Kepala Dinas"
    )
    head_name = models.CharField(_("name of the head of office"), max_length=150, blank=True)
    head_nip = models.CharField(_("NIP of the head of office"), max_length=30, blank=True)
    head_rank = models.CharField(
        _("rank of the head of office"),
        max_length=100,
        blank=True,
        help_text=_("The rank (pangkat), e.g. Pembina Utama Muda."),
    )
    head_grade = models.CharField(
        _("grade of the head of office"),
        max_length=10,
        blank=True,
        help_text=_("The grade (golongan/ruang), e.g. IV/c."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=40,
        choices=TIME_ZONE_CHOICES,
        default="Asia/Jakarta",
        help_text=_("The zone the office's documents and pages print times in."),
    )
    permit_legal_basis = models.TextField(
        _("legal basis of the AKAD permit"),
        blank=True,
        help_text=_(
            "The regulations the permit's \"Dasar\" names, one per line; the application's "
            "own letters (recommendation, assignment letter, request) follow them."
        ),
    )
    letter_number_format = models.CharField(
        _("outgoing letter number format"),
        max_length=100,
        default="560/{seq:04d}/{year}",
        help_text=_(
            "The office's letter register (answers to complaints). "
            "Placeholders: {seq} running number in the year, {year}, {month}."
        ),
    )
    permit_number_format = models.CharField(
        _("AKAD permit number format"),
        max_length=100,
        default="560/{seq:04d}/AKAD/{year}",
        help_text=_("Placeholders: {seq} running number in the year, {year}, {month}."),
    )
    recommendation_number_format = models.CharField(
        _("AKAD recruitment recommendation number format"),
        max_length=100,
        default="562/{seq:04d}/REK-AKAD/{year}",
        help_text=_("Placeholders: {seq} running number in the year, {year}, {month}."),
    )
    ak1_number_format = models.CharField(
        _("AK/I number format"),
        max_length=100,
        default="AK1/{seq:06d}/{year}",
        help_text=_("Placeholders: {seq} running number in the year, {year}, {month}."),
    )
    complaint_number_format = models.CharField(
        _("complaint book number format"),
        max_length=100,
        default="{seq}/{year}",
        help_text=_("Placeholders: {seq} running number in the year, {year}, {month}."),
    )
    # The complaint standard promises a written answer and names no time (seed 000): each
    # office sets its own, which its complaint pages state and every complaint clock reads
    # (quality.targets: the escalation, the dashboard, the complaint list).
    complaint_answer_days = models.PositiveSmallIntegerField(
        _("working days for a written answer to a complaint"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_(
            "The office's time for a written answer, counted in working days from receipt "
            "(1 to 60). Stated on the complaint pages; a complaint unanswered after it is late "
            "and is reported to the next person up."
        ),
    )
    offers_job_exchange = models.BooleanField(_("offers the online job exchange"), default=True)
    offers_akad = models.BooleanField(_("offers the AKAD permit"), default=True)
    offers_complaints = models.BooleanField(_("offers complaint handling"), default=True)
    hostnames = models.TextField(
        _("host names"),
        blank=True,
        help_text=_("Host names that show this office's pages, one per line (optional)."),
    )
    is_active = models.BooleanField(_("on the portal"), default=True)
    history = HistoricalRecords()

    private_file_fields = ("logo",)

    class Meta:
        ordering = ["region_code"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(opens_at__lt=models.F("closes_at")),
                name="office_opens_before_closing",
                violation_error_message=_("The office must open before it closes."),
            ),
            models.CheckConstraint(
                condition=models.Q(friday_opens_at__lt=models.F("friday_closes_at")),
                name="office_opens_before_closing_on_friday",
                violation_error_message=_("On Friday the office must open before it closes."),
            ),
            models.CheckConstraint(
                condition=models.Q(complaint_answer_days__gte=1, complaint_answer_days__lte=60),
                name="office_complaint_answer_days_1_60",
                violation_error_message=_("The time for a written answer is 1 to 60 working days."),
            ),
        ]
        permissions = [
            (
                "set_complaint_answer_time",
                _("Can set the office's time for a written answer to a complaint"),
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        from .offices import RESERVED_SLUGS

        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": _("This address is the portal's own; choose another, e.g. kab-lumajang.")}
            )

    def can_read_files(self, user):
        """The coat of arms is printed on every document the office sends: anyone may see it
        (it is stored with the private files only because every upload is)."""
        return True

    def head_rank_line(self):
        """Rank and grade as a signature prints them: "Pembina Utama Muda (IV/c)"."""
        return rank_line(self.head_rank, self.head_grade)

    def letterhead_lines(self):
        lines = [line.strip() for line in self.letterhead.splitlines() if line.strip()]
        return lines or [line for line in (self.government, self.name) if line]

    def hostname_list(self):
        return [h.strip().lower() for h in self.hostnames.splitlines() if h.strip()]

    @classmethod
    def current(cls):
        """The first office, or an unsaved blank one on a portal not yet configured.

        A stop-gap of the one-office portal: callers move to the record's or the request's
        office (issue 15).
        """
        return cls.objects.order_by("pk").first() or cls(name="Dinas Tenaga Kerja", government="")

    @classmethod
    def for_pages(cls):
        """``current()`` from the shared cache: every page's header and footer show it.

        Saving or deleting an office retires it (portal.pagecache.memoize, portal.apps).
        """
        return memoize("portal:office-profile", cls.current, 3600, cls)


class LetterCounter(YearCounter):
    """The office's register of outgoing letters: the last number given in a year (an answer
    to a complaint sent without a number of the officer's takes the next one)."""

    class Meta(YearCounter.Meta):
        verbose_name = _("letter register counter")
        verbose_name_plural = _("letter register counters")


class NonWorkingDay(models.Model):
    """A weekday the offices do not work: a national holiday or joint leave day (cuti
    bersama) for every office, or one office's own day off.

    National days come from the ``holidays`` package (``manage.py load_holidays``); an
    office's own days are added in the admin. Every clock reads them (portal.working_time,
    and quality_working_minutes in SQL).
    """

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("National holiday")
        JOINT_LEAVE = "joint_leave", _("Joint leave day (cuti bersama)")
        OFFICE = "office", _("The office's own day off")

    office = models.ForeignKey(
        Office,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="non_working_days",
        verbose_name=_("office"),
        help_text=_("Empty for a national day, which every office keeps."),
    )
    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind, default=Kind.OFFICE)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "office"]
        verbose_name = _("non-working day")
        verbose_name_plural = _("non-working days")
        constraints = [
            models.UniqueConstraint(
                fields=["date"],
                condition=models.Q(office__isnull=True),
                name="nonworkingday_national_once",
                violation_error_message=_("This date is already a national non-working day."),
            ),
            models.UniqueConstraint(
                fields=["office", "date"],
                condition=models.Q(office__isnull=False),
                name="nonworkingday_office_once",
                violation_error_message=_("This date is already a day off of this office."),
            ),
            # a national day is a holiday or joint leave; an office's own day is its own
            models.CheckConstraint(
                condition=models.Q(office__isnull=True, kind__in=["holiday", "joint_leave"])
                | models.Q(office__isnull=False, kind="office"),
                name="nonworkingday_kind_fits_office",
                violation_error_message=_(
                    "A national day is a holiday or a joint leave day; an office's own day "
                    'is of the kind "the office\'s own day off".'
                ),
            ),
        ]
        indexes = [models.Index(fields=["office", "date"], name="nonworkingday_office_idx")]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name}"


class OfficeRole(models.Model):
    """A person's role (a role group of portal.roles) in one office. An officer may hold
    roles in several offices; a Kasi of Lumajang is nobody in Probolinggo."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="office_roles",
        verbose_name=_("officer"),
    )
    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="roles", verbose_name=_("office")
    )
    group = models.ForeignKey(
        "auth.Group", on_delete=models.PROTECT, related_name="+", verbose_name=_("role")
    )

    class Meta:
        ordering = ["office", "group__name"]
        verbose_name = _("office role")
        verbose_name_plural = _("office roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "office", "group"], name="office_role_unique")
        ]

    def __str__(self):
        return f"{self.user} · {self.group} · {self.office}"


class ServiceStandardQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def of(self, office):
        return self.filter(office=office)


class ServiceStandard(models.Model):
    """A service's public "Standar Pelayanan" of one office, as that office's document words it.

    List fields hold one item per line; the page numbers them. A standard an office has not
    written yet starts as a marked copy of another office's (``copied_from``): the public page
    says so until an officer of the office adapts it and confirms it in the admin
    (portal.standards).
    """

    class Service(models.TextChoices):
        JOB_EXCHANGE = "bkol", _("Online job exchange (Bursa Kerja On Line)")
        AKAD_PERMIT = "akad", _("AKAD inter-regional placement permit")
        COMPLAINTS = "pengaduan", _("Complaints, suggestions and input")

    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="standards", verbose_name=_("office")
    )
    service = models.CharField(_("service"), max_length=20, choices=Service)
    copied_from = models.CharField(
        _("copied from"),
        max_length=200,
        blank=True,
        help_text=_(
            "The office whose standard this one was copied from; empty once this office "
            "has adapted and confirmed it."
        ),
    )
    title = models.CharField(_("title"), max_length=200)
    decree_number = models.CharField(_("decree number (No. SK)"), max_length=100, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    requirements = models.TextField(_("requirements"), help_text=_("One requirement per line."))
    procedure = models.TextField(
        _("system, mechanism and procedure"), help_text=_("One step per line.")
    )
    completion_time = models.CharField(_("completion time"), max_length=100)
    completion_time_details = models.TextField(
        _("completion time details"), blank=True, help_text=_("One item per line.")
    )
    fee = models.CharField(_("fee"), max_length=100)
    product = models.TextField(_("service product"), help_text=_("One item per line."))
    complaint_channels = models.TextField(
        _("complaint channels"), blank=True, help_text=_("One channel per line.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_published = models.BooleanField(_("published"), default=True)
    history = HistoricalRecords()

    objects = ServiceStandardQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("service standard")
        verbose_name_plural = _("service standards")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "service"], name="service_standard_office_service_unique"
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_copy(self):
        return bool(self.copied_from)

    @staticmethod
    def _lines(text):
        return [line.strip() for line in text.splitlines() if line.strip()]

    def requirement_list(self):
        return self._lines(self.requirements)

    def procedure_list(self):
        return self._lines(self.procedure)

    def completion_time_list(self):
        return self._lines(self.completion_time_details)

    def product_list(self):
        return self._lines(self.product)

    def complaint_channel_list(self):
        return self._lines(self.complaint_channels)


class RateLimitCounter(models.Model):
    """Hits per client and time window, shared by every application host (see portal.ratelimit)."""

    scope = models.CharField(max_length=50)
    client = models.CharField(
        max_length=64, help_text="keyed hash of the client address, never the address"
    )
    window_start = models.DateTimeField()
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "client", "window_start"], name="ratelimit_window_unique"
            )
        ]
        indexes = [models.Index(fields=["window_start"], name="ratelimit_window_idx")]

    def __str__(self):
        return f"{self.scope} {self.window_start:%Y-%m-%d %H:%M} ({self.hits})"


class AccountEvent(models.Model):
    """What happened to a person's log-in: password changes and resets, counter codes, unlocks,
    second-factor resets. Officers read it on the counter page; each row says who did it."""

    class Kind(models.TextChoices):
        PASSWORD_CHANGED = "password_changed", _("Password changed by its holder")
        PASSWORD_RESET_EMAIL = "password_reset_email", _("Password reset through the e-mail link")
        COUNTER_CODE_ISSUED = "counter_code_issued", _("One-time code printed at the counter")
        PASSWORD_RESET_CODE = "password_reset_code", _("New password set with a counter code")
        LOGIN_UNLOCKED = "login_unlocked", _("Login unlocked by an officer")
        SECOND_FACTOR_SET_UP = "second_factor_set_up", _("Second factor set up")
        SECOND_FACTOR_RESET = "second_factor_reset", _("Second factor reset by the administrator")

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="account_events", verbose_name=_("account")
    )
    kind = models.CharField(_("what happened"), max_length=30, choices=Kind)
    actor = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    # A counter code: only its hash is kept; it works once, until it expires.
    code_hash = models.CharField(max_length=128, blank=True, editable=False)
    expires_at = models.DateTimeField(_("code expires"), null=True, blank=True)
    used_at = models.DateTimeField(_("code used"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("account event")
        verbose_name_plural = _("account events")
        permissions = [
            ("unlock_login", _("Can unlock the login of a job seeker or employer")),
            (
                "reset_password_at_counter",
                _("Can give a job seeker or employer a one-time password code at the counter"),
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.get_kind_display()}"


class Submission(models.Model):
    """One POST of a public create form, by the one-time token the form carried (see
    portal.submissions): written in the same transaction as the record it made, so that the
    same form sent twice (a double click, a retry on a bad connection) records once and the
    second sending gets the first one's answer."""

    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, null=True, blank=True
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.content_type_id}:{self.object_id}"

    def result(self):
        """The record the first sending made, or None (none made, or deleted since)."""
        if self.content_type_id is None:
            return None
        model = self.content_type.model_class()
        return model._default_manager.filter(pk=self.object_id).first()


class ExportRecord(models.Model):
    """One download of an officer's list as a spreadsheet (portal.exports): who took which
    list out of the portal, narrowed how, how many rows, when. One row per office whose
    records left, so each office's heads read what left their office.

    The filter is kept as the officer saw it described ("status: Aktif"), never the typed
    search text (a NIK, a name): the record of an export holds no personal data itself.
    """

    office = office_field(null=True, blank=True)  # empty: a superuser's export found no rows
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("exported by"),
    )
    model_label = models.CharField(_("model"), max_length=100)
    list_name = models.CharField(_("list"), max_length=100)
    description = models.TextField(_("filter"), blank=True)
    row_count = models.PositiveIntegerField(_("rows"))
    created_at = models.DateTimeField(_("exported at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("list export")
        verbose_name_plural = _("list exports")
        permissions = [
            (
                "export_personal_data",
                _("Can download the officers' lists with personal data as spreadsheets"),
            )
        ]
        indexes = [
            models.Index(
                "office", models.F("created_at").desc(), name="exportrecord_office_recent_idx"
            )
        ]

    def __str__(self):
        return f"{self.list_name} · {self.row_count}"


class PendingUpload(models.Model):
    """A file chosen in a public form that is not finished yet (a registration in steps): kept
    in the private store, so that neither an error nor a step asks for it again, and tied to
    the browser session that chose it (a hash of its session key) and the form's random token.
    Nothing links to it (no ``private_file_fields``): only its own session's form reads it,
    and moves it to the record when the form is finished (portal.pending_uploads).
    ``portal.tasks.discard_abandoned_uploads`` removes rows and files never finished."""

    owner = models.CharField(max_length=64, db_index=True)  # sha256 of the session key
    token = models.CharField(max_length=64)
    field = models.CharField(max_length=50)
    file = models.FileField(upload_to=PrivateUploadTo("pending"))
    original_name = models.CharField(max_length=255)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "token", "field"], name="pending_upload_one_per_field"
            )
        ]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.field}"
