from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.admin_base import OfficeScopedAdmin, ReadOnlyAdmin

from . import outbox
from .models import SERVICES, OutboxMail


def services_of(user):
    """The services whose mail ``user`` may see and resend."""
    return [s for s in SERVICES if user.has_perm(f"background.resend_{s}_mail")]


@admin.register(OutboxMail)
class OutboxMailAdmin(OfficeScopedAdmin, ReadOnlyAdmin):
    list_display = [
        "queued_at",
        "service",
        "recipients",
        "subject",
        "status",
        "attempts",
        "sent_at",
    ]
    list_filter = ["status", "service"]
    search_fields = ["subject"]
    date_hierarchy = "queued_at"
    show_full_result_count = False
    actions = ["resend"]
    fields = [
        "service",
        "recipients",
        "subject",
        "body",
        "status",
        "attempts",
        "last_error",
        "queued_at",
        "next_attempt_at",
        "give_up_at",
        "sent_at",
        "failed_at",
    ]

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        if obj is None or not allowed or request.user.is_superuser:
            return allowed
        return obj.service in services_of(request.user)

    def get_object(self, request, object_id, from_field=None):
        # Looked up among all mail, so another service's mail is refused (403) by
        # has_view_permission rather than reported missing.
        field = (
            self.model._meta.pk if from_field is None else self.model._meta.get_field(from_field)
        )
        try:
            return self.model._default_manager.get(**{field.name: field.to_python(object_id)})
        except (self.model.DoesNotExist, ValidationError, ValueError):
            return None

    def get_queryset(self, request):
        query = super().get_queryset(request)
        if request.user.is_superuser:
            return query
        return query.filter(service__in=services_of(request.user))

    @admin.display(description=_("to"))
    def recipients(self, obj):
        return ", ".join(obj.to)

    def has_resend_permission(self, request):
        return request.user.is_superuser or bool(services_of(request.user))

    @admin.action(permissions=["resend"], description=_("Send the selected e-mails again"))
    def resend(self, request, queryset):
        allowed = (
            queryset
            if request.user.is_superuser
            else queryset.filter(service__in=services_of(request.user))
        )
        count = outbox.resend(list(allowed), actor=request.user)
        skipped = queryset.count() - count
        self.message_user(
            request,
            ngettext("%d e-mail queued again.", "%d e-mails queued again.", count) % count,
            messages.SUCCESS,
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%d e-mail was already sent or is not yours to resend.",
                    "%d e-mails were already sent or are not yours to resend.",
                    skipped,
                )
                % skipped,
                messages.WARNING,
            )
