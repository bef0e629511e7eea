"""The vacancy queue (step 7 of the document): publish or return with a reason."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .. import exports
from ..models import Vacancy
from ..workflows import VACANCIES
from .common import LabourReportFilter, QueueAdmin


@admin.register(Vacancy)
class VacancyAdmin(QueueAdmin):
    workflow = VACANCIES
    export = exports.VACANCIES
    bulk_moves = ("publish", "return")
    list_filter = [*QueueAdmin.list_filter, "work_type", "min_education", LabourReportFilter]
    list_display = [
        "title",
        "employer",
        "openings",
        "closing_date",
        "submitted_at",
        "waited",
        "status",
        "decided_by",
    ]
    list_select_related = ["employer", "decided_by"]
    search_fields = ["title", "position", "employer__company_name"]

    @admin.display(description=_("openings"))
    def openings(self, obj):
        return obj.openings_text()

    decision_fields = [
        "status",
        "submitted_at",
        "decided_by",
        "decided_at",
        "published_at",
        "return_reason",
        "decisions",
        "documents",
    ]
    fieldsets = [
        (_("Decision"), {"fields": decision_fields}),
        (
            _("Vacancy"),
            {
                "fields": [
                    "employer",
                    "title",
                    "position",
                    ("openings_male", "openings_female", "openings_any"),
                    "min_education",
                    "min_experience_years",
                    "skills",
                    "place",
                    "work_type",
                    ("salary_min", "salary_max", "salary_negotiable"),
                    "description",
                    "closing_date",
                ]
            },
        ),
    ]
    readonly_fields = [*decision_fields, "employer"]
