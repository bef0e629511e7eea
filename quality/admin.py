from django.contrib import admin
from django.shortcuts import redirect

from portal.admin_base import OfficeScopedAdmin, ReadOnlyAdmin

from . import skm
from .models import Dashboard, Escalation, MorningDigest, SurveyInvitation, SurveyResponse


class DashboardReaders(ReadOnlyAdmin):
    """Read by whoever reads the heads' dashboard (asked per office by OfficeScopedAdmin,
    portal.offices.focused, when it comes first)."""

    def _allowed(self, request):
        return request.user.is_staff and request.user.has_perm("quality.view_dashboard")

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)


@admin.register(Dashboard)
class DashboardAdmin(DashboardReaders):
    """The admin index's way to the heads' dashboard (officers land in the admin)."""

    def changelist_view(self, request, extra_context=None):
        return redirect("quality:dashboard")


@admin.register(MorningDigest)
class MorningDigestAdmin(ReadOnlyAdmin):
    """The admin index's way to an officer's own morning digest page (every officer); an
    officer reads only his own row."""

    def has_module_permission(self, request):
        return request.user.is_staff

    def has_view_permission(self, request, obj=None):
        user = request.user
        return user.is_staff and (obj is None or user.is_superuser or obj.user_id == user.pk)

    def changelist_view(self, request, extra_context=None):
        return redirect("quality:digest")


@admin.register(Escalation)
class EscalationAdmin(OfficeScopedAdmin, DashboardReaders):
    """Every report of a late step, open or closed (the dashboard lists the open ones), for
    whoever reads the dashboard of the report's office: its heads, the province reader of its
    province (portal.offices), the superuser. Another office's report answers 403."""

    list_display = (
        "label",
        "state_label",
        "waiting_role",
        "escalated_to",
        "waited_minutes",
        "standard_minutes",
        "created_at",
        "resolved_at",
    )
    list_filter = ("rule", "escalated_to", ("resolved_at", admin.EmptyFieldListFilter))
    date_hierarchy = "created_at"
    exclude = ("content_type", "object_id")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("office")


@admin.register(SurveyInvitation)
class SurveyInvitationAdmin(OfficeScopedAdmin, ReadOnlyAdmin):
    list_display = ("event_label", "service", "completed_at", "created_at")
    list_filter = ("service",)
    date_hierarchy = "completed_at"
    exclude = ("user", "email")  # who answered stays out of the officers' view


@admin.register(SurveyResponse)
class SurveyResponseAdmin(OfficeScopedAdmin, ReadOnlyAdmin):
    list_display = ("service", "submitted_at", *skm.FIELDS)
    list_filter = ("service",)
    date_hierarchy = "submitted_at"
    exclude = ("invitation",)
