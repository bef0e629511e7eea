from django.contrib import admin
from django.shortcuts import redirect

from portal.admin_base import OfficeScopedAdmin, ReadOnlyAdmin

from . import skm
from .models import Dashboard, SurveyInvitation, SurveyResponse


@admin.register(Dashboard)
class DashboardAdmin(ReadOnlyAdmin):
    """The admin index's way to the heads' dashboard (officers land in the admin)."""

    def _allowed(self, request):
        return request.user.is_staff and request.user.has_perm("quality.view_dashboard")

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)

    def changelist_view(self, request, extra_context=None):
        return redirect("quality:dashboard")


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
