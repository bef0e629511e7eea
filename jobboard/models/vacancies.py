"""Vacancies (step 7 of the document): posted by an active employer, checked, published."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import F, Func, Q
from django.db.models.functions import Cast, Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.files import PrivateUploadTo, validate_document
from portal.models import OfficeFollows, StepLog, office_field

from ..stemming import StemsField
from .registration import Education, Employer, OfficerDecision

# What the search finds a vacancy by: the title and position weigh most, then the skills and the
# place, the description, and the stems of all these words (jobboard.stemming).
SEARCH_VECTOR = (
    SearchVector("title", "position", weight="A", config="simple")
    + SearchVector("skills", "place", weight="B", config="simple")
    + SearchVector("description", weight="C", config="simple")
    + SearchVector("stems", weight="D", config="simple")
)

# A B-tree index row holds at most 2,704 bytes (a third of a page, less its headers). A stored
# tsvector takes, per word, the word, 4 bytes of entry and 2 for each position; its text form
# ('word':1A,5) takes the word, 4 characters and 2 or more for each further position. So the text
# form's length plus 4 bytes a word bounds the stored size from above, and 2,400 leaves room for
# the index row's other columns.
INDEX_ROW_VECTOR_BYTES = 2400


def fits_in_an_index_row(vector):
    words = Func(vector, function="length", output_field=models.IntegerField())
    size = Length(Cast(vector, models.TextField())) + 4 * words
    return LessThanOrEqual(size, INDEX_ROW_VECTOR_BYTES)


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


class Vacancy(OfficeFollows, OfficerDecision):
    """A vacancy (step 7 of the document), posted with the letter signed by the company's head."""

    private_file_fields = ("vacancy_letter",)
    office_from = "employer"

    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, related_name="vacancies", verbose_name=_("employer")
    )
    # the employer's office: its officers check the letter and publish the vacancy
    office = office_field()
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
    # the stems of the words people search by (jobboard.stemming), searched beside the words
    stems = StemsField(sources=("title", "position", "skills", "description"))
    search = models.GeneratedField(
        expression=SEARCH_VECTOR, output_field=SearchVectorField(), db_persist=True
    )
    # whether the search vector fits in an index row (see vacancy_filter_idx): all but the
    # vacancies with the longest descriptions
    search_fits = models.GeneratedField(
        expression=fits_in_an_index_row(SEARCH_VECTOR),
        output_field=models.BooleanField(),
        db_persist=True,
    )
    history = HistoricalRecords(excluded_fields=["updated_at", "search", "search_fits", "stems"])
    # the parts a search runs through (jobboard.search.best_matches), each by its own index: the
    # vacancies whose vector the filters' index holds, and the others
    SEARCH_PARTS = (Q(search_fits=True), Q(search_fits=False))

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
            # (an index-only scan: 3 ms on average, was 7 ms with ~1,000 scattered table rows).
            # An index row holds at most 2,704 bytes, and the vector of a long description is
            # more (publishing such a vacancy failed, migration 0024): those few are left out
            # of this index and searched through the next but one (jobboard.search.best_matches)
            models.Index(
                fields=["work_type", "min_education", "closing_date"],
                include=["published_at", "id", "search"],
                name="vacancy_filter_idx",
                condition=Q(status=VacancyStatus.PUBLISHED, search_fits=True),
            ),
            # The same vacancies newest first, with what the search reads of them: a search
            # whose words are in many vacancies walks one of these from the newest and stops
            # at the thousand it ranks, reading no table rows (the GIN index below reads every
            # match first: at ten times the data, tens of thousands). By type of work, for a
            # search with that filter; without, for words alone or with the other filters
            # (without it, "las" and an education was a scan of the table: 45 ms at 100,000
            # vacancies; docs/performance.md).
            models.Index(
                F("work_type"),
                F("published_at").desc(),
                F("id").desc(),
                include=["min_education", "closing_date", "office", "search"],
                name="vacancy_type_recent_idx",
                condition=Q(status=VacancyStatus.PUBLISHED, search_fits=True),
            ),
            models.Index(
                F("published_at").desc(),
                F("id").desc(),
                include=["work_type", "min_education", "closing_date", "office", "search"],
                name="vacancy_recent_search_idx",
                condition=Q(status=VacancyStatus.PUBLISHED, search_fits=True),
            ),
            GinIndex(
                fields=["search"],
                name="vacancy_search_idx",
                condition=Q(status=VacancyStatus.PUBLISHED),
            ),
            GinIndex(
                fields=["search"],
                name="vacancy_long_search_idx",
                condition=Q(status=VacancyStatus.PUBLISHED, search_fits=False),
            ),
            models.Index(fields=["status", "submitted_at"], name="vacancy_queue_idx"),
            models.Index(
                fields=["office", "status", "submitted_at"], name="vacancy_office_queue_idx"
            ),
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
            user.pk == self.employer.user_id or user.has_perm("jobboard.verify_vacancy", self)
        )


class VacancyStep(StepLog):
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="steps")
    from_status = models.CharField(_("from"), max_length=12, choices=VacancyStatus)
    to_status = models.CharField(_("to"), max_length=12, choices=VacancyStatus)

    class Meta(StepLog.Meta):
        verbose_name = _("vacancy step")
        verbose_name_plural = _("vacancy steps")
