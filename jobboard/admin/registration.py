"""The activation queues of job seekers and employers (step 3 of the document)."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from portal.account_admin import AccountDeskAdmin

from .. import services
from ..forms import EmployerForm
from ..models import Ak1Card, Employer, JobSeeker, RegistrationStatus
from .common import DecisionAdmin, queue_filter


class RegistrationAdmin(AccountDeskAdmin, DecisionAdmin):
    waiting_status = RegistrationStatus.WAITING
    approve_label = _("Activate")
    refuse_label = _("Reject with reason")
    approve_service = staticmethod(services.activate_registration)
    refuse_service = staticmethod(services.reject_registration)
    list_filter = [
        queue_filter(
            [(RegistrationStatus.WAITING, _("Waiting (queue)"))]
            + [(s, s.label) for s in (RegistrationStatus.ACTIVE, RegistrationStatus.REJECTED)],
            RegistrationStatus.WAITING,
        )
    ]
    ordering = ["submitted_at", "pk"]
    list_select_related = ["decided_by"]
    actions = ["activate", "reject", "unlock_login"]
    decision_fields = [
        "status",
        "submitted_at",
        "decided_by",
        "decided_at",
        "rejection_reason",
        "decisions",
    ]

    @admin.action(description=_("Activate the selected accounts"), permissions=["decide"])
    def activate(self, request, queryset):
        return self.approve_selected(request, queryset)

    @admin.action(
        description=_("Reject the selected accounts, with a reason"), permissions=["decide"]
    )
    def reject(self, request, queryset):
        return self.refuse_selected(request, queryset)


@admin.register(JobSeeker)
class JobSeekerAdmin(RegistrationAdmin):
    decision_permission = "jobboard.activate_jobseeker"
    list_display = [
        "full_name",
        "nik",
        "submitted_at",
        "waited",
        "status",
        "decided_by",
        "decided_at",
    ]
    search_fields = ["nik", "full_name", "email", "phone"]
    fieldsets = [
        (_("Decision"), {"fields": RegistrationAdmin.decision_fields}),
        (_("Documents"), {"fields": ["documents", "ak1_requested", "ak1"]}),
        (
            _("Identity"),
            {
                "fields": [
                    "nik",
                    "full_name",
                    "birth_place",
                    "birth_date",
                    "sex",
                    "marital_status",
                    "religion",
                ]
            },
        ),
        (
            _("Address and contact"),
            {"fields": ["address", "kelurahan", "kecamatan", "city", "phone", "email"]},
        ),
        (
            _("Education and work"),
            {
                "fields": [
                    "education_level",
                    "education_major",
                    "education_institution",
                    "graduation_year",
                    "skills",
                    "work_experience",
                    "desired_job",
                    "discoverable",
                ]
            },
        ),
    ]
    readonly_fields = RegistrationAdmin.decision_fields + ["documents", "ak1_requested", "ak1"]

    @admin.display(description=_("AK/I card"))
    def ak1(self, obj):
        card = Ak1Card.objects.filter(jobseeker=obj).first()
        if card is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:jobboard_ak1card_change", args=[card.pk]), card
        )


@admin.register(Employer)
class EmployerAdmin(RegistrationAdmin):
    decision_permission = "jobboard.activate_employer"
    list_display = [
        "company_name",
        "nib",
        "submitted_at",
        "waited",
        "status",
        "decided_by",
        "decided_at",
    ]
    search_fields = ["company_name", "nib", "npwp", "email"]
    fieldsets = [
        (_("Decision"), {"fields": RegistrationAdmin.decision_fields}),
        (_("Company"), {"fields": EmployerForm.Meta.fields}),
    ]
    readonly_fields = RegistrationAdmin.decision_fields
