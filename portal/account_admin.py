"""The counter desk in the admin, on the job seekers' and employers' pages.

The Petugas Antar Kerja unlocks a login and prints a one-time code for a new password; both
work on the profile's ``user`` through portal.accounts and need their own permission.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import accounts


class AccountDeskAdmin(admin.ModelAdmin):
    """Mixed into the admins of models with a ``user`` (JobSeeker, Employer)."""

    def has_unlock_login_permission(self, request):
        return request.user.has_perm("portal.unlock_login")

    def has_counter_code_permission(self, request):
        return request.user.has_perm("portal.reset_password_at_counter")

    @admin.action(
        description=_("Unlock the login of the selected accounts"), permissions=["unlock_login"]
    )
    def unlock_login(self, request, queryset):
        done = 0
        for obj in queryset.select_related("user"):
            if not request.user.has_perm("portal.unlock_login", obj):
                continue  # another office's person (portal.offices)
            accounts.unlock_login(user=obj.user, actor=request.user)
            done += 1
        self.message_user(
            request,
            ngettext("%(count)d login unlocked.", "%(count)d logins unlocked.", done)
            % {"count": done},
            messages.SUCCESS,
        )

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        return [
            path(
                "<path:object_id>/kode-loket/",
                self.admin_site.admin_view(self.counter_code_view),
                name="{}_{}_counter_code".format(*info),
            ),
            *super().get_urls(),
        ]

    def counter_code_view(self, request, object_id):
        if not self.has_counter_code_permission(request):
            raise PermissionDenied
        obj = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not request.user.has_perm("portal.reset_password_at_counter", obj):
            raise PermissionDenied  # another office's person (portal.offices)
        code = None
        if request.method == "POST":
            event, code = accounts.counter_code_issue(user=obj.user, actor=request.user)
        return TemplateResponse(
            request,
            "admin/portal/counter_code.html",
            {
                **self.admin_site.each_context(request),
                "title": _("New password at the counter"),
                "opts": self.model._meta,
                "original": obj,
                "code": code,
                "code_hours": accounts.settings.COUNTER_CODE_HOURS,
                "public_url": request.build_absolute_uri(reverse("password_counter_code")),
                "events": obj.user.account_events.select_related("actor")[:20],
            },
        )

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        context["can_counter_code"] = obj is not None and self.has_counter_code_permission(request)
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)
