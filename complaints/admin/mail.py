"""The mailbox's unreadable e-mails: read whole, then recorded by hand or dismissed."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from portal.admin_base import HistoryAdmin, OfficeScopedAdmin
from portal.workflow import MoveRefused

from .. import services
from ..forms import DismissForm


class UnreadableMailAdmin(OfficeScopedAdmin, HistoryAdmin):
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
        if not request.user.has_perm("complaints.handle_unreadable_mail"):
            raise PermissionDenied
        mail = get_object_or_404(self.get_queryset(request), pk=pk)
        form = DismissForm(request.POST)
        if not form.is_valid():
            self.message_user(request, _("Give a reason for dismissing."), messages.ERROR)
        else:
            try:
                services.dismiss_unreadable_mail(
                    mail=mail, actor=request.user, note=form.cleaned_data["note"]
                )
                self.message_user(request, _("The e-mail was dismissed."), messages.SUCCESS)
            except MoveRefused as exc:
                self.message_user(request, exc.message, messages.ERROR)
        return HttpResponseRedirect(
            reverse("admin:complaints_unreadablemail_change", args=[mail.pk])
        )
