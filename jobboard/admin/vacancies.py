"""The vacancy queue (step 7 of the document): publish or return with a reason."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .. import services
from ..models import Vacancy, VacancyStatus
from .common import DecisionAdmin, queue_filter


@admin.register(Vacancy)
class VacancyAdmin(DecisionAdmin):
    decision_permission = "jobboard.verify_vacancy"
    waiting_status = VacancyStatus.SUBMITTED
    approve_label = _("Publish")
    refuse_label = _("Return with reason")
    approve_service = staticmethod(services.publish_vacancy)
    refuse_service = staticmethod(services.return_vacancy)
    list_filter = [
        queue_filter(
            [(VacancyStatus.SUBMITTED, _("Waiting (queue)"))]
            + [
                (s, s.label)
                for s in (VacancyStatus.PUBLISHED, VacancyStatus.RETURNED, VacancyStatus.CLOSED)
            ],
            VacancyStatus.SUBMITTED,
        ),
        "work_type",
        "min_education",
    ]
    list_display = [
        "title",
        "employer",
        "closing_date",
        "submitted_at",
        "waited",
        "status",
        "decided_by",
    ]
    list_select_related = ["employer", "decided_by"]
    search_fields = ["title", "position", "employer__company_name"]
    ordering = ["submitted_at", "pk"]
    actions = ["publish", "return_with_reason"]
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

    @admin.action(description=_("Publish the selected vacancies"), permissions=["decide"])
    def publish(self, request, queryset):
        return self.approve_selected(request, queryset)

    @admin.action(
        description=_("Return the selected vacancies, with a reason"), permissions=["decide"]
    )
    def return_with_reason(self, request, queryset):
        return self.refuse_selected(request, queryset)
