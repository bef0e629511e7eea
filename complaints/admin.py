"""The officers' daily tool: fast intake, a queue per role, the step buttons, the book."""

import csv
import email
import email.policy
from email.utils import parseaddr
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from portal.history import HistoryAdmin, ReadOnlyInline

from . import letters, services
from .forms import STEP_FORMS, BookPeriodForm, DismissForm, IntakeForm
from .models import Complaint, FollowUp, MailAttachment, UnreadableMail

STEP_LABELS = {
    "report": gettext_lazy("Report to the Kepala Seksi Penempatan"),
    "pass": gettext_lazy("Pass to the Kepala Bidang"),
    "coordinate": gettext_lazy("Coordinate the follow-up with the Kasi"),
    "hand_back": gettext_lazy("Hand the follow-up to the receiving officer"),
    "answer": gettext_lazy("Send the written answer"),
    "close": gettext_lazy("Close"),
}

# Rows shown per "waiting for you" table; the table's link opens the whole step as a list.
QUEUE_LIMIT = 20


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
        # Whoever reads the complaint reads its files (MailAttachment.can_read_files).
        return request.user.has_perm("complaints.view_complaint")

    @admin.display(description=gettext_lazy("file"))
    def download(self, obj):
        if not obj.file:
            return "—"
        url = reverse("portal:download", args=["complaints.mailattachment", obj.pk, "file"])
        return format_html('<a href="{}">{}</a>', url, _("Download"))


def _step_admin_action(action):

    def run(modeladmin, request, queryset):
        done = skipped = 0
        for complaint in queryset.order_by("status_changed_at"):
            try:
                services.STEP_SERVICES[action](complaint=complaint, actor=request.user)
                done += 1
            except services.InvalidTransition:
                skipped += 1
        if done:
            modeladmin.message_user(
                request, _("%(count)d complaint(s) moved on.") % {"count": done}, messages.SUCCESS
            )
        if skipped:
            modeladmin.message_user(
                request,
                _("%(count)d complaint(s) skipped: not in the right step.") % {"count": skipped},
                messages.WARNING,
            )

    run.__name__ = f"{action}_selected"
    return admin.action(description=STEP_LABELS[action], permissions=[action])(run)


@admin.register(Complaint)
class ComplaintAdmin(HistoryAdmin):
    list_display = [
        "book_label",
        "reference",
        "received_at",
        "channel",
        "complainant_name",
        "status",
        "age_display",
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
    actions = [_step_admin_action(a) for a in ("report", "pass", "close")]

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

    def has_delete_permission(self, request, obj=None):
        return False  # the complaint book has no erasures

    def _has_step_perm(self, request, action):
        return request.user.has_perm(services.required_permission(action))

    def has_report_permission(self, request):
        return self._has_step_perm(request, "report")

    def has_pass_permission(self, request):
        return self._has_step_perm(request, "pass")

    def has_close_permission(self, request):
        return self._has_step_perm(request, "close")

    # --- URLs ---------------------------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("intake/", view(self.intake_view), name="complaints_complaint_intake"),
            path("book/", view(self.book_view), name="complaints_complaint_book"),
            path("book.csv", view(self.book_csv_view), name="complaints_complaint_book_csv"),
            path(
                "<int:pk>/step/<slug:action>/",
                view(self.step_view),
                name="complaints_complaint_step",
            ),
            path("<int:pk>/letter/", view(self.letter_view), name="complaints_complaint_letter"),
            path(
                "<int:pk>/letter.pdf",
                view(self.letter_pdf_view),
                name="complaints_complaint_letter_pdf",
            ),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        return redirect("admin:complaints_complaint_intake")

    def _context(self, request, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "app_label": self.opts.app_label,
            **extra,
        }

    # --- intake ---------------------------------------------------------------------------

    def intake_view(self, request):
        if not request.user.has_perm("complaints.record_complaint"):
            raise PermissionDenied
        mail = None
        if request.GET.get("mail"):
            mail = get_object_or_404(
                UnreadableMail, pk=request.GET["mail"], state=UnreadableMail.State.WAITING
            )
        if request.method == "POST":
            form = IntakeForm(request.POST)
            if form.is_valid():
                data = form.complaint_data()
                if mail is not None:
                    complaint = services.record_unreadable_mail(
                        mail=mail, actor=request.user, data=data
                    )
                else:
                    complaint = services.record_complaint(
                        actor=request.user, channel=form.cleaned_data["channel"], data=data
                    )
                self.message_user(
                    request,
                    _("Complaint %(number)s recorded. Reference for the complainant: %(ref)s")
                    % {"number": complaint.book_label, "ref": complaint.reference},
                    messages.SUCCESS,
                )
                if "_addanother" in request.POST:
                    return redirect("admin:complaints_complaint_intake")
                return redirect("admin:complaints_complaint_change", complaint.pk)
        else:
            form = IntakeForm(
                initial=self._initial_from_mail(mail) if mail else {"channel": "counter"}
            )
        return TemplateResponse(
            request,
            "admin/complaints/complaint/intake.html",
            self._context(request, form=form, mail=mail, title=_("Record a complaint")),
        )

    @staticmethod
    def _initial_from_mail(mail):
        name, address = parseaddr(mail.sender)
        text = ""
        try:
            message = email.message_from_bytes(bytes(mail.raw), policy=email.policy.compat32)
            for part in message.walk():
                if part.get_content_maintype() == "text":
                    payload = part.get_payload(decode=True) or b""
                    text = payload.decode("utf-8", errors="replace")
                    break
        except Exception:  # noqa: BLE001 - the officer reads the raw message instead
            text = ""
        return {
            "channel": "email",
            "complainant_name": name,
            "complainant_email": address,
            "subject": mail.subject,
            "text": text,
        }

    # --- queues ---------------------------------------------------------------------------

    def queues_for(self, request):
        """What waits for this user, per step, oldest first."""
        user = request.user
        # "see all" opens the step as a list in the same order: by the "waiting for" column
        columns = list(self.get_list_display(request))
        if self.get_actions(request):
            columns.insert(0, "action_checkbox")
        oldest_first = str(columns.index("age_display"))
        queues = []
        for (status, action), (_next, perm) in services.TRANSITIONS.items():
            if not user.has_perm(perm):
                continue
            waiting = Complaint.objects.in_status(status)
            rows = list(waiting[:QUEUE_LIMIT])
            queues.append(
                {
                    "action": action,
                    "label": STEP_LABELS[action],
                    "rows": rows,
                    "count": len(rows) if len(rows) < QUEUE_LIMIT else waiting.count(),
                    "all_url": reverse("admin:complaints_complaint_changelist")
                    + "?"
                    + urlencode({"status__exact": status, "o": oldest_first}),
                }
            )
        return queues

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "queues": self.queues_for(request),
            "can_record": request.user.has_perm("complaints.record_complaint"),
            "unreadable_waiting": UnreadableMail.objects.filter(
                state=UnreadableMail.State.WAITING
            ).count()
            if request.user.has_perm("complaints.view_unreadablemail")
            else None,
        }
        return super().changelist_view(request, extra_context)

    # --- steps ----------------------------------------------------------------------------

    def step_forms(self, request, complaint, bound=None):
        forms = []
        for action in services.actions_for(complaint, request.user):
            form_class = STEP_FORMS[action]
            if bound and bound[0] == action:
                form = bound[1]
            elif action == "answer":
                form = form_class(initial={"answer": complaint.follow_up})
            else:
                form = form_class()
            forms.append({"action": action, "label": STEP_LABELS[action], "form": form})
        return forms

    def change_view(self, request, object_id, form_url="", extra_context=None):
        complaint = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if complaint is not None:
            extra_context["step_forms"] = self.step_forms(request, complaint)
            extra_context["complaint"] = complaint
        return super().change_view(request, object_id, form_url, extra_context)

    def step_view(self, request, pk, action):
        if action not in services.STEP_SERVICES:
            raise PermissionDenied
        complaint = get_object_or_404(Complaint, pk=pk)
        if not request.user.has_perm(services.required_permission(action)):
            raise PermissionDenied
        form = STEP_FORMS[action](request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                services.STEP_SERVICES[action](
                    complaint=complaint, actor=request.user, **form.cleaned_data
                )
            except services.InvalidTransition as exc:
                self.message_user(request, str(exc), messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("%(number)s: %(status)s.")
                    % {"number": complaint.book_label, "status": complaint.get_status_display()},
                    messages.SUCCESS,
                )
            return redirect("admin:complaints_complaint_change", complaint.pk)
        return TemplateResponse(
            request,
            "admin/complaints/complaint/step.html",
            self._context(
                request,
                complaint=complaint,
                step={"action": action, "label": STEP_LABELS[action], "form": form},
                title=STEP_LABELS[action],
            ),
        )

    # --- the book ---------------------------------------------------------------------------

    def _period(self, request):
        today = timezone.localdate()
        form = BookPeriodForm(
            request.GET or None,
            initial={"start": today.replace(month=1, day=1), "end": today},
        )
        if request.GET and form.is_valid():
            return form, form.cleaned_data["start"], form.cleaned_data["end"]
        if request.GET:
            return form, None, None
        return form, today.replace(month=1, day=1), today

    def _book_rows(self, start, end):
        return (
            Complaint.objects.in_period(start, end)
            .select_related("received_by")
            .order_by("received_at", "pk")
        )

    def book_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        form, start, end = self._period(request)
        rows = self._book_rows(start, end) if start else Complaint.objects.none()
        return TemplateResponse(
            request,
            "complaints/book.html",
            {"form": form, "rows": rows, "start": start, "end": end, "title": _("Complaint book")},
        )

    def book_csv_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        form, start, end = self._period(request)
        if start is None:
            self.message_user(request, _("Choose a valid period."), messages.ERROR)
            return redirect("admin:complaints_complaint_book")
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="buku-pengaduan-{start:%Y%m%d}-{end:%Y%m%d}.csv"'
        )
        response.write("\ufeff")  # spreadsheet programs then read the file as UTF-8
        writer = csv.writer(response)
        writer.writerow(
            [
                _("book no."),
                _("reference"),
                _("received at"),
                _("channel"),
                _("name"),
                _("institution"),
                _("address"),
                _("telephone"),
                _("e-mail address"),
                _("subject"),
                _("complaint"),
                _("forwarded by (radio staff)"),
                _("broadcast date"),
                _("receiving officer"),
                _("status"),
                _("answered at"),
            ]
        )
        for c in self._book_rows(start, end):
            writer.writerow(
                [
                    c.book_label,
                    c.reference,
                    timezone.localtime(c.received_at).strftime("%Y-%m-%d %H:%M"),
                    c.get_channel_display(),
                    *[_csv_safe(v) for v in _complainant_values(c)],
                    _csv_safe(c.subject),
                    _csv_safe(c.text),
                    _csv_safe(c.radio_forwarded_by),
                    c.radio_broadcast_date.isoformat() if c.radio_broadcast_date else "",
                    c.received_by.display_name() if c.received_by else "",
                    c.get_status_display(),
                    timezone.localtime(c.answered_at).strftime("%Y-%m-%d %H:%M")
                    if c.answered_at
                    else "",
                ]
            )
        return response

    # --- the answer letter ---------------------------------------------------------------

    def _answered(self, request, pk):
        if not self.has_view_permission(request):
            raise PermissionDenied
        complaint = get_object_or_404(Complaint, pk=pk)
        if not complaint.answer:
            self.message_user(
                request, _("This complaint has no written answer yet."), messages.ERROR
            )
            return complaint, redirect("admin:complaints_complaint_change", pk)
        return complaint, None

    def letter_view(self, request, pk):
        complaint, refusal = self._answered(request, pk)
        return refusal or HttpResponse(letters.letter_html(complaint))

    def letter_pdf_view(self, request, pk):
        complaint, refusal = self._answered(request, pk)
        return refusal or letters.letter_pdf_response(complaint)


def _complainant_values(c):
    return [
        c.complainant_name,
        c.complainant_institution,
        c.complainant_address,
        c.complainant_phone,
        c.complainant_email,
    ]


def _csv_safe(value):
    """Text a spreadsheet would run as a formula is quoted (CSV injection)."""
    value = value or ""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@admin.register(UnreadableMail)
class UnreadableMailAdmin(HistoryAdmin):
    list_display = ["received_at", "sender", "subject", "problem", "state"]
    list_filter = ["state"]
    search_fields = ["sender", "subject", "fingerprint"]
    list_select_related = ["handled_by", "complaint"]
    fields = [
        "received_at",
        "sender",
        "subject",
        "problem",
        "fingerprint",
        "state",
        "handled_by",
        "handled_at",
        "handling_note",
        "complaint_link",
        "raw_message",
    ]
    readonly_fields = fields

    @admin.display(description=gettext_lazy("raw message"))
    def raw_message(self, obj):
        return format_html('<pre class="raw-mail">{}</pre>', obj.raw_text()[:100_000])

    @admin.display(description=gettext_lazy("complaint"))
    def complaint_link(self, obj):
        if not obj.complaint_id:
            return "-"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:complaints_complaint_change", args=[obj.complaint_id]),
            obj.complaint,
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # never dropped: dismissed mail stays with its reason

    def get_urls(self):
        return [
            path(
                "<int:pk>/dismiss/",
                self.admin_site.admin_view(require_POST(self.dismiss_view)),
                name="complaints_unreadablemail_dismiss",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_handle": request.user.has_perm("complaints.handle_unreadable_mail")
            and request.user.has_perm("complaints.record_complaint"),
            "dismiss_form": DismissForm(),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def dismiss_view(self, request, pk):
        mail = get_object_or_404(UnreadableMail, pk=pk)
        if not request.user.has_perm("complaints.handle_unreadable_mail"):
            raise PermissionDenied
        form = DismissForm(request.POST)
        if not form.is_valid():
            self.message_user(request, _("Give a reason for dismissing."), messages.ERROR)
        else:
            try:
                services.dismiss_unreadable_mail(
                    mail=mail, actor=request.user, note=form.cleaned_data["note"]
                )
                self.message_user(request, _("The e-mail was dismissed."), messages.SUCCESS)
            except services.InvalidTransition as exc:
                self.message_user(request, str(exc), messages.ERROR)
        return HttpResponseRedirect(
            reverse("admin:complaints_unreadablemail_change", args=[mail.pk])
        )
