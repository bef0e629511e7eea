"""The job exchange's lists as the officers download them (portal.exports): one sheet per
admin list, the columns an office reports from (IPK figures, AK/I registers)."""

from django.utils.translation import gettext_lazy as _

from portal.exports import CODE, DATETIME, INTEGER, MONEY, Column, Export

OFFICE = Column("office__name", header=_("office"))


def _age_on(birth_date, day):
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


JOBSEEKERS = Export(
    slug="pencari-kerja",
    title=_("Job seekers"),
    select_related=("office", "decided_by", "ak1_card"),
    columns=(
        Column("nik", CODE),
        Column("full_name"),
        Column("sex"),
        Column("birth_place"),
        Column("birth_date"),
        Column("age", INTEGER, header=_("age"), value=lambda seeker: seeker.age),
        Column("marital_status"),
        Column("religion"),
        Column("address"),
        Column("kelurahan"),
        Column("kecamatan"),
        Column("city"),
        Column("phone", CODE),
        Column("email"),
        Column("education_level"),
        Column("education_major"),
        Column("education_institution"),
        Column("graduation_year"),
        Column("desired_job"),
        Column("ak1_card__number", CODE),
        Column("status"),
        Column("submitted_at"),
        Column("decided_at"),
        Column("decided_by"),
        OFFICE,
    ),
)


def _vacancy_counts():
    from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
    from django.db.models.functions import Coalesce

    from .models import Vacancy

    posted = (
        Vacancy.objects.filter(employer=OuterRef("pk"))
        .order_by()
        .values("employer")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return {"vacancy_count": Coalesce(Subquery(posted), Value(0), output_field=IntegerField())}


EMPLOYERS = Export(
    slug="pemberi-kerja",
    title=_("Employers"),
    select_related=("office", "decided_by"),
    annotate=_vacancy_counts,
    columns=(
        Column("company_name"),
        Column("legal_form"),
        Column("nib", CODE),
        Column("npwp", CODE),
        Column("sector"),
        Column("address"),
        Column("city"),
        Column("contact_person"),
        Column("phone", CODE),
        Column("email"),
        Column("vacancy_count", INTEGER, header=_("vacancies posted")),
        Column("status"),
        Column("submitted_at"),
        Column("decided_at"),
        Column("decided_by"),
        OFFICE,
    ),
)

VACANCIES = Export(
    slug="lowongan",
    title=_("Vacancies"),
    select_related=("office", "employer", "decided_by"),
    columns=(
        Column("title"),
        Column("position"),
        Column("employer__company_name", header=_("employer")),
        Column("employer__phone", CODE, header=_("employer's telephone")),
        Column("openings_male"),
        Column("openings_female"),
        Column("openings_any"),
        Column("min_education"),
        Column("min_experience_years"),
        Column("place"),
        Column("work_type"),
        Column("salary_min", MONEY),
        Column("salary_max", MONEY),
        Column("salary_negotiable"),
        Column("closing_date"),
        Column("status"),
        Column("submitted_at"),
        Column("published_at"),
        Column("decided_by"),
        OFFICE,
    ),
)

APPLICATIONS = Export(
    slug="lamaran",
    title=_("Applications"),
    select_related=("office", "jobseeker", "vacancy__employer"),
    columns=(
        Column("created_at"),
        Column("jobseeker__nik", CODE),
        Column("jobseeker__full_name"),
        Column("jobseeker__phone", CODE),
        Column("age", INTEGER, header=_("age"), value=lambda a: a.jobseeker.age),
        Column("vacancy__title", header=_("vacancy")),
        Column("vacancy__employer__company_name", header=_("employer")),
        Column("status"),
        OFFICE,
    ),
)

PLACEMENTS = Export(
    slug="penempatan",
    title=_("Placements"),
    select_related=("office", "jobseeker", "employer", "vacancy", "recorded_by"),
    columns=(
        Column("placed_on"),
        Column("jobseeker__nik", CODE),
        Column("jobseeker__full_name"),
        Column("jobseeker__sex"),
        Column("jobseeker__birth_date"),
        Column(
            "age",
            INTEGER,
            header=_("age at placement"),
            value=lambda p: _age_on(p.jobseeker.birth_date, p.placed_on),
        ),
        Column("jobseeker__education_level"),
        Column("employer__company_name", header=_("employer")),
        Column("employer__sector"),
        Column("vacancy__title", header=_("vacancy")),
        Column("vacancy__place"),
        Column("recorded_by", header=_("recorded by")),
        Column("created_at", DATETIME),
        OFFICE,
    ),
)

AK1_CARDS = Export(
    slug="kartu-ak1",
    title=_("AK/I cards"),
    select_related=("office", "jobseeker", "issued_by", "legalised_by", "placed_with"),
    columns=(
        Column("number", CODE),
        Column("year"),
        Column("jobseeker__nik", CODE),
        Column("jobseeker__full_name"),
        Column("jobseeker__sex"),
        Column("jobseeker__education_level"),
        Column("issued_at"),
        Column("issued_by"),
        Column("valid_from"),
        Column("valid_until"),
        Column("next_report_period"),
        Column("next_report_due"),
        Column("state", header=_("state"), value=lambda card: str(card.state_label())),
        Column("legalised_at"),
        Column("legalised_by"),
        Column("closed_reason"),
        Column("placed_with__company_name", header=_("placed with")),
        OFFICE,
    ),
)
