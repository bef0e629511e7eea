"""The officers' work queues: what waits for each role, oldest first, one button per step.

Nobody edits an application here: the change page is read-only, and every step goes through
the short form of its row in the move table (workflows.py), which calls the step's service
(portal.workflow_admin).
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.admin_base import HistoryAdmin, OfficeScopedAdmin, ReadOnlyInline
from portal.exports import ExportAdminMixin
from portal.pdf import pdf_response
from portal.workflow_admin import WaitingForMeFilter, WorkflowAdminMixin
from portal.working_time import Calendars

from . import exports, pdf, timeline
from .models import ATTACHMENT_FIELDS, PermitApplication, PermitPosition, Recommendation, Status
from .workflows import RECOMMENDATION_WORKFLOW, WORKFLOW


class PositionInline(ReadOnlyInline):
    model = PermitPosition
    fields = ["title", "male_count", "female_count"]

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("akad_permits.view_permitapplication")


@admin.register(PermitApplication)
class PermitApplicationAdmin(OfficeScopedAdmin, ExportAdminMixin, WorkflowAdminMixin, HistoryAdmin):
    waiting_since = "state_entered_at"  # the start page's oldest (portal.admin_site)
    workflow = WORKFLOW
    export = exports.PERMITS
    service_subject = "application"
    step_template = "admin/akad_permits/permitapplication/step_form.html"
    list_display = ["reference_link", "recruiter_name", "destination_city", "status"]
    list_display_links = None
    list_filter = [WaitingForMeFilter, "status"]
    search_fields = ["recruiter_name", "user_company", "permit_number", "agenda_number"]
    ordering = ["state_entered_at", "pk"]
    list_per_page = 50
    inlines = [PositionInline]
    fieldsets = [
        (None, {"fields": ["status", "employer", "submitted_at", "state_entered_at"]}),
        (
            gettext_lazy("The recruitment"),
            {
                "fields": [
                    "recruiter_name",
                    "user_company",
                    "destination_province",
                    "destination_city",
                    "recruitment_start",
                    "recruitment_end",
                ]
            },
        ),
        (
            gettext_lazy("Letters"),
            {
                "fields": [
                    "recommendation",
                    "recommendation_number",
                    "recommendation_date",
                    "recommendation_issuer",
                    "assignment_number",
                    "assignment_date",
                    "assignment_person",
                    "attachments",
                ]
            },
        ),
        (
            gettext_lazy("Processing"),
            {
                "fields": [
                    "agenda_number",
                    "agenda_date",
                    "return_reason",
                    "disposition_instruction",
                    "consultation_outcome",
                    "permit_number",
                    "valid_from",
                    "valid_until",
                    "coverage",
                    "issued_at",
                    "signer_name",
                    "verification_code",
                    "permit_pdf",
                    "refusal_reason",
                ]
            },
        ),
    ]

    class Media:
        css = {"all": ["akad_permits/admin.css"]}

    def get_readonly_fields(self, request, obj=None):
        return [f for fs in self.fieldsets for f in fs[1]["fields"]]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("employer", "office")

    def has_add_permission(self, request):
        return False  # applications come from the applicants' own pages

    def has_change_permission(self, request, obj=None):
        return False  # steps only, through the buttons

    def has_delete_permission(self, request, obj=None):
        return False

    # -- columns ----------------------------------------------------------------------------
    @admin.display(description=gettext_lazy("reference"))
    def reference_link(self, obj):
        url = reverse("admin:akad_permits_permitapplication_change", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.reference)

    def get_list_display(self, request):
        """Columns that need the user and one clock for the whole page, bound per request.

        (The admin instance is shared between threads, so nothing per-request is stored on it.)
        """
        from .standards import TOTAL_STANDARD_MINUTES

        now = timezone.now()
        calendars = Calendars()  # each office's working calendar, loaded once for the page

        @admin.display(description=_("time in this step"))
        def step_time(obj):
            standard = obj.current_step_standard()
            if standard is None:
                return "—"
            minutes = obj.current_step_minutes(now, calendars.of(obj.office))
            return self._late_badge(minutes, standard)

        @admin.display(description=_("total (standard 1 working day)"))
        def total_time(obj):
            minutes = obj.total_minutes(now, calendars.of(obj.office))
            return self._late_badge(minutes, TOTAL_STANDARD_MINUTES)

        # The buttons come second so they stay in view on a narrow screen.
        return [
            "reference_link",
            self.step_column(request),
            "recruiter_name",
            "status",
            "state_entered_at",
            step_time,
            total_time,
        ]

    @staticmethod
    def _late_badge(minutes, standard):
        text = _("%(m)s / %(s)s min") % {"m": minutes, "s": standard}
        if minutes > standard:
            return format_html('<span class="akad-late">{} · {}</span>', text, _("LATE"))
        return format_html('<span class="akad-ok">{}</span>', text)

    @admin.display(description=gettext_lazy("attachments"))
    def attachments(self, obj):
        items = [
            (
                reverse("portal:download", args=["akad_permits.PermitApplication", obj.pk, f]),
                obj._meta.get_field(f).verbose_name,
            )
            for f in ATTACHMENT_FIELDS
            if getattr(obj, f)
        ]
        if not items:
            return "—"
        return format_html_join(mark_safe("<br>"), '<a href="{}">{}</a>', items)

    @admin.display(description=gettext_lazy("permit document"))
    def permit_pdf(self, obj):
        if obj.status != Status.ISSUED:
            return "—"
        url = reverse("akad_permits:permit_pdf", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Download the permit (PDF)"))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra = dict(extra_context or {})
        if obj is not None:
            extra["timeline"] = timeline.build(obj)
            extra["step_links"] = self.step_links(request, obj)
            extra["preview_url"] = self.preview_url(request, obj)
        return super().change_view(request, object_id, form_url, extra)

    # -- the Kadis's preview of the drafted permit, before signing (step 6) -----------------
    def get_urls(self):
        return [
            path(
                "<int:object_id>/pratinjau-izin.pdf",
                self.admin_site.admin_view(self.preview_view),
                name="akad_permits_permitapplication_preview",
            ),
            *super().get_urls(),
        ]

    @staticmethod
    def may_preview(user, obj):
        """The one who signs sees the draft: the signing permission in the permit's office."""
        return obj.status == Status.DRAFTED and user.has_perm("akad_permits.sign_permit", obj)

    def preview_url(self, request, obj):
        if not self.may_preview(request.user, obj):
            return None
        return reverse("admin:akad_permits_permitapplication_preview", args=[obj.pk])

    def preview_view(self, request, object_id):
        """The drafted permit as it would be signed, marked PRATINJAU: no number, no
        verification code, nothing stored (akad_permits.pdf.render_permit)."""
        if not request.user.has_perm("akad_permits.sign_permit"):
            raise PermissionDenied
        obj = self.get_queryset(request).filter(pk=object_id).first()  # the officer's offices
        if obj is None:
            raise Http404
        if not request.user.has_perm("akad_permits.sign_permit", obj):
            raise PermissionDenied  # another office's permit
        if obj.status != Status.DRAFTED:
            raise Http404  # only a drafted permit waits for the signature
        return pdf_response(
            pdf.render_permit(obj, preview=True),
            f"pratinjau-izin-akad-{obj.reference}.pdf",
            inline=True,
        )

    # -- the step pages (portal.workflow_admin) ------------------------------------------------
    def step_form_kwargs(self, request, obj, move):
        return {"application": obj}

    def step_context(self, request, obj, move, form):
        return {
            "application": obj,
            "positions": obj.positions.all(),
            "timeline": timeline.build(obj),
            "preview_url": self.preview_url(request, obj) if move.action == "sign" else None,
        }

    def done_message(self, obj, move):
        return _("%(ref)s: %(step)s.") % {"ref": obj.reference, "step": move.label}


@admin.register(Recommendation)
class RecommendationAdmin(OfficeScopedAdmin, ExportAdminMixin, WorkflowAdminMixin, HistoryAdmin):
    """The destination region's office: requests for a recruitment recommendation, one
    button (the Kadis signs or refuses)."""

    waiting_since = "created_at"  # the start page's oldest (portal.admin_site)

    workflow = RECOMMENDATION_WORKFLOW
    export = exports.RECOMMENDATIONS
    service_subject = "recommendation"
    list_display_links = None
    list_filter = [WaitingForMeFilter, "status"]
    search_fields = ["employer__company_name", "user_company", "number"]
    ordering = ["created_at", "pk"]
    list_per_page = 50
    fields = [
        "status",
        "employer",
        "recruiting_office",
        "user_company",
        "positions",
        "male_count",
        "female_count",
        "created_at",
        "number",
        "issued_on",
        "valid_until",
        "signer_name",
        "refusal_reason",
    ]

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("employer", "recruiting_office")

    def has_add_permission(self, request):
        return False  # requested from the employers' own pages

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("request"))
    def request_link(self, obj):
        url = reverse("admin:akad_permits_recommendation_change", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.employer.company_name)

    def get_list_display(self, request):
        return [
            "request_link",
            self.step_column(request),
            "recruiting_office",
            "workers",
            "status",
            "number",
            "created_at",
        ]

    @admin.display(description=gettext_lazy("workers"))
    def workers(self, obj):
        return _("%(m)s L, %(f)s P") % {"m": obj.male_count, "f": obj.female_count}

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra = dict(extra_context or {})
        if obj is not None:
            extra["step_links"] = self.step_links(request, obj)
        return super().change_view(request, object_id, form_url, extra)

    def step_form_kwargs(self, request, obj, move):
        return {"recommendation": obj}

    def done_message(self, obj, move):
        return _("%(company)s: %(step)s.") % {
            "company": obj.employer.company_name,
            "step": move.label,
        }
