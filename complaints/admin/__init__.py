"""The officers' daily tool: fast intake, a queue per role, the step buttons, the book.

The admin classes wire the pages; each page lives in its own module: ``intake`` (recording a
complaint, also from a kept e-mail), ``queues`` (what waits for you), ``book`` (the book and
its CSV), ``letter`` (the answer letter), ``mail`` (the unreadable e-mails). The step pages
and bulk actions come from the move table (portal.workflow_admin).
"""

from django.contrib import admin
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.admin_base import HistoryAdmin, OfficeScopedAdmin, ReadOnlyInline
from portal.exports import ExportAdminMixin
from portal.workflow_admin import WorkflowAdminMixin
from portal.working_time import WorkingMinutes

from ..exports import COMPLAINTS
from ..models import Complaint, FollowUp, MailAttachment, UnreadableMail
from ..workflows import WORKFLOW
from . import book, intake, letter, queues
from .mail import UnreadableMailAdmin


class FollowUpInline(ReadOnlyInline):
    model = FollowUp
    fields = ["created_at", "from_status", "to_status", "actor", "note"]
    verbose_name_plural = gettext_lazy("Follow-up steps")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


class MailAttachmentInline(ReadOnlyInline):
    """Files that came with an e-mail complaint, read through the checked download view."""

    model = MailAttachment
    fields = ["name", "download", "refused"]
    verbose_name_plural = gettext_lazy("E-mail attachments")

    def has_view_permission(self, request, obj=None):
        # Who may read the complaint's files (MailAttachment.can_read_files).
        return request.user.has_perm("complaints.view_complaint_files")

    @admin.display(description=gettext_lazy("file"))
    def download(self, obj):
        if not obj.file:
            return "—"
        url = reverse("portal:download", args=["complaints.mailattachment", obj.pk, "file"])
        return format_html('<a href="{}">{}</a>', url, _("Download"))


@admin.register(Complaint)
class ComplaintAdmin(OfficeScopedAdmin, ExportAdminMixin, WorkflowAdminMixin, HistoryAdmin):
    waiting_since = "status_changed_at"  # the start page's oldest (portal.admin_site)
    workflow = WORKFLOW
    export = COMPLAINTS
    service_subject = "complaint"
    step_template = "admin/complaints/complaint/step.html"
    bulk_moves = ("report", "pass", "close")
    list_display = [
        "book_label",
        "reference",
        "received_at",
        "channel",
        "complainant_name",
        "status",
        "age_display",
        "working_age_display",
    ]
    # "received": today, past 7 days, this month, this year. Not date_hierarchy: its year links
    # cost a MIN/MAX and a DISTINCT over every complaint (and over every match of a search)
    # on each page, 50-300 ms at 50,000 complaints; book_year lists the years of the book.
    list_filter = ["status", "channel", "book_year", "received_at"]
    search_fields = [
        "reference",
        "complainant_name",
        "complainant_phone",
        "complainant_email",
        "subject",
        "text",
    ]
    list_select_related = ["received_by"]
    list_per_page = 50
    inlines = [FollowUpInline]

    def get_inlines(self, request, obj):
        # Only an e-mail complaint can bring files; other forms keep their one inline.
        if obj is not None and obj.attachments.exists():
            return [*self.inlines, MailAttachmentInline]
        return self.inlines

    fieldsets = [
        (
            None,
            {
                "fields": [
                    "book_label",
                    "reference",
                    "channel",
                    "received_at",
                    "received_by",
                    "status",
                    "status_changed_at",
                ]
            },
        ),
        (
            gettext_lazy("Complainant"),
            {
                "fields": [
                    "complainant_name",
                    "complainant_institution",
                    "complainant_address",
                    "complainant_phone",
                    "complainant_email",
                ]
            },
        ),
        (
            gettext_lazy("Complaint"),
            {"fields": ["subject", "text", "radio_forwarded_by", "radio_broadcast_date"]},
        ),
        (
            gettext_lazy("Follow-up and answer"),
            {
                "fields": [
                    "instruction",
                    "follow_up",
                    "answer_letter_number",
                    "answer",
                    "answered_at",
                    "answered_by",
                ]
            },
        ),
    ]
    # What the complainant said and how it arrived is the book's record: only contact
    # details can be corrected afterwards.
    readonly_fields = [
        "book_label",
        "reference",
        "channel",
        "received_at",
        "received_by",
        "status",
        "status_changed_at",
        "subject",
        "text",
        "radio_forwarded_by",
        "radio_broadcast_date",
        "instruction",
        "follow_up",
        "answer_letter_number",
        "answer",
        "answered_at",
        "answered_by",
    ]

    @admin.display(description=gettext_lazy("book no."), ordering="book_number")
    def book_label(self, obj):
        return obj.book_label

    @admin.display(description=gettext_lazy("waiting for"), ordering="status_changed_at")
    def age_display(self, obj):
        return timesince(obj.status_changed_at)

    def get_queryset(self, request):
        # The answer target's clock, computed by PostgreSQL for the whole page with the
        # office's hours and working calendar (portal.working_time): from receipt to the
        # answer, or to now while it waits.
        from quality.targets import complaint_answer_minutes_sql

        return (
            super()
            .get_queryset(request)
            .annotate(
                working_age=WorkingMinutes(
                    F("office"), F("received_at"), Coalesce(F("answered_at"), Value(timezone.now()))
                ),
                # the office's own time for the written answer (Office.complaint_answer_days)
                answer_target=complaint_answer_minutes_sql(),
            )
        )

    @admin.display(description=gettext_lazy("working days since receipt"), ordering="received_at")
    def working_age_display(self, obj):
        from quality.targets import WORKING_DAY_MINUTES

        minutes = getattr(obj, "working_age", None)
        if minutes is None:
            return "—"
        text = number_format(minutes / WORKING_DAY_MINUTES, 1)
        if minutes > obj.answer_target:
            return format_html('<span class="complaint-late">{} · {}</span>', text, _("LATE"))
        return text

    def has_delete_permission(self, request, obj=None):
        return False  # the complaint book has no erasures

    # --- the pages ------------------------------------------------------------------------

    def _page(self, page):
        def view(request, *args, **kwargs):
            return page(self, request, *args, **kwargs)

        return self.admin_site.admin_view(view)

    def get_urls(self):
        return [
            path("intake/", self._page(intake.intake_view), name="complaints_complaint_intake"),
            path("book/", self._page(book.book_view), name="complaints_complaint_book"),
            path("book.csv", self._page(book.book_csv_view), name="complaints_complaint_book_csv"),
            path("book.pdf", self._page(book.book_pdf_view), name="complaints_complaint_book_pdf"),
            path(
                "<int:pk>/letter/",
                self._page(letter.letter_view),
                name="complaints_complaint_letter",
            ),
            path(
                "<int:pk>/letter.pdf",
                self._page(letter.letter_pdf_view),
                name="complaints_complaint_letter_pdf",
            ),
            *super().get_urls(),
        ]

    def page_context(self, request, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "app_label": self.opts.app_label,
            **extra,
        }

    def add_view(self, request, form_url="", extra_context=None):
        return redirect("admin:complaints_complaint_intake")

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), **queues.changelist_context(self, request)}
        return super().changelist_view(request, extra_context)

    # --- the steps (portal.workflow_admin), also as forms on the change page --------------

    def step_form_kwargs(self, request, obj, move):
        if move.action == "answer":
            return {"initial": {"answer": obj.follow_up}}
        return {}

    def step_forms(self, request, complaint):
        return [
            {
                "action": move.action,
                "label": move.label,
                "form": move.form_class()(**self.step_form_kwargs(request, complaint, move)),
            }
            for move in WORKFLOW.officer_moves(request.user, complaint)
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        complaint = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if complaint is not None:
            extra_context["step_forms"] = self.step_forms(request, complaint)
            extra_context["complaint"] = complaint
        return super().change_view(request, object_id, form_url, extra_context)

    def step_context(self, request, obj, move, form):
        return {"complaint": obj}

    def step_done_url(self, request, obj):
        return reverse("admin:complaints_complaint_change", args=[obj.pk])

    def done_message(self, obj, move):
        return _("%(number)s: %(status)s.") % {
            "number": obj.book_label,
            "status": obj.get_status_display(),
        }


admin.site.register(UnreadableMail, UnreadableMailAdmin)
