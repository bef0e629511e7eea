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
from .common import LabourReportFilter, QueueAdmin, file_preview, private_links


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
        # each scan beside the data it proves (the KTP beside the identity, the AK/I scan
        # beside the card asked for), for whoever may read the person's documents
        (
            _("Documents"),
            {
                "fields": ["ak1_scan_view", "ak1_requested", "ak1", "documents"],
                "classes": ["jobboard-beside"],
            },
        ),
        (
            _("Identity"),
            {
                "classes": ["jobboard-beside"],
                "fields": [
                    "ktp_scan_view",
                    "nik",
                    "full_name",
                    "birth_place",
                    "birth_date",
                    "sex",
                    "marital_status",
                    "religion",
                ],
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
    readonly_fields = RegistrationAdmin.decision_fields + [
        "documents",
        "ak1_requested",
        "ak1",
        "ktp_scan_view",
        "ak1_scan_view",
    ]
    DOCUMENT_FIELDS = ("ktp_scan_view", "ak1_scan_view", "documents")

    @admin.display(description=_("Photocopy of KTP"))
    def ktp_scan_view(self, obj):
        return file_preview(obj, "ktp_scan")

    @admin.display(description=_("Photocopy of AK/I card"))
    def ak1_scan_view(self, obj):
        return file_preview(obj, "ak1_scan")

    @admin.display(description=_("other documents"))
    def documents(self, obj):
        return private_links(
            obj, [f for f in obj.private_file_fields if f not in ("ktp_scan", "ak1_scan")]
        )

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
