"""The AKAD lists as the officers download them (portal.exports): permit applications with
their workers, and the recruitment recommendations."""

from django.utils.translation import gettext_lazy as _

from portal.exports import CODE, INTEGER, Column, Export


def _workers():
    from django.db.models import OuterRef, Subquery, Sum

    from .models import PermitPosition

    def total(field):
        return Subquery(
            PermitPosition.objects.filter(application=OuterRef("pk"))
            .order_by()
            .values("application")
            .annotate(total=Sum(field))
            .values("total")
        )

    return {"male_workers": total("male_count"), "female_workers": total("female_count")}


PERMITS = Export(
    slug="izin-akad",
    title=_("AKAD permits"),
    select_related=("office", "employer"),
    annotate=_workers,
    columns=(
        Column("reference", CODE, header=_("reference"), value=lambda a: a.reference),
        Column("employer__company_name", header=_("applicant")),
        Column("employer__npwp", CODE),
        Column("recruiter_name"),
        Column("user_company"),
        Column("destination_province"),
        Column("destination_city"),
        Column("recruitment_start"),
        Column("recruitment_end"),
        Column("male_workers", INTEGER, header=_("male workers")),
        Column("female_workers", INTEGER, header=_("female workers")),
        Column("status"),
        Column("submitted_at"),
        Column("state_entered_at"),
        Column("agenda_number", CODE),
        Column("agenda_date"),
        Column("permit_number", CODE),
        Column("valid_from"),
        Column("valid_until"),
        Column("issued_at"),
        Column("signer_name"),
        Column("office__name", header=_("office")),
    ),
)

RECOMMENDATIONS = Export(
    slug="rekomendasi-akad",
    title=_("AKAD recommendations"),
    select_related=("office", "employer", "recruiting_office"),
    columns=(
        Column("employer__company_name", header=_("employer")),
        Column("recruiting_office__name", header=_("recruiting office")),
        Column("user_company"),
        Column("positions"),
        Column("male_count"),
        Column("female_count"),
        Column("status"),
        Column("created_at"),
        Column("number", CODE),
        Column("issued_on"),
        Column("valid_until"),
        Column("signer_name"),
        Column("office__name", header=_("office")),
    ),
)
