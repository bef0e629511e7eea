from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.shortcuts import redirect

from portal.admin_base import OfficeScopedAdmin, ReadOnlyAdmin

from . import skm
from .models import Dashboard, Escalation, MorningDigest, SurveyInvitation, SurveyResponse


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
class EscalationAdmin(ReadOnlyAdmin):
    """Every report of a late step, open or closed (the dashboard lists the open ones)."""

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

    def _allowed(self, request):
        return request.user.is_staff and request.user.has_perm("quality.view_dashboard")

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request) and (
            obj is None or request.user.is_superuser or _serves(request.user, obj.office_id)
        )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("office")

    def get_changelist(self, request, **kwargs):
        return OwnOfficesChangeList


class OwnOfficesChangeList(ChangeList):
    """The list holds the reports of the offices the officer serves (the superuser: all);
    another office's report is refused by has_view_permission, not hidden as missing."""

    def get_queryset(self, request, exclude_parameters=None):
        qs = super().get_queryset(request, exclude_parameters)
        if request.user.is_superuser:
            return qs
        return qs.filter(office__in=request.user.office_roles.values("office"))


def _serves(user, office_id):
    return user.office_roles.filter(office_id=office_id).exists()


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
