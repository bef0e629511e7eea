"""The activation queues of job seekers and employers (step 3 of the document)."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from portal.account_admin import AccountDeskAdmin

from .. import exports
from ..forms import EmployerForm
from ..models import Ak1Card, Employer, JobSeeker
from ..workflows import REGISTRATIONS
from .common import LabourReportFilter, QueueAdmin


class RegistrationAdmin(AccountDeskAdmin, QueueAdmin):
    list_select_related = ["decided_by"]
    bulk_moves = ("activate", "reject")
    actions = ["unlock_login"]  # the counter desk (portal.account_admin), beside the moves
    decision_fields = [
        "status",
        "submitted_at",
        "decided_by",
        "decided_at",
        "rejection_reason",
        "decisions",
    ]


@admin.register(JobSeeker)
class JobSeekerAdmin(RegistrationAdmin):
    workflow = REGISTRATIONS[JobSeeker]
    export = exports.JOBSEEKERS
    list_filter = [*QueueAdmin.list_filter, LabourReportFilter]
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
    workflow = REGISTRATIONS[Employer]
    export = exports.EMPLOYERS
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
