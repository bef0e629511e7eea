"""The admin as the officers' workbench (issue 19 item 6).

Its start page leads with the queues the officer works: per registered admin of a workflow
(``portal.workflow_admin.WorkflowAdminMixin``), how many records wait for one of the
officer's moves, in the offices where a role lets him make it, and since when the oldest has
waited, each linking to the change list filtered to those states. Which queues an officer has
is read off the move tables and his roles, never listed by hand. The login-security records
(django-axes and the second-factor devices) come last among the apps.

The page costs one query per workflow admin, whatever the records and the offices.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils import timezone

# Apps whose records are the log-in security's: listed after the officers' work.
SECURITY_APPS = ("axes", "otp_static", "otp_totp", "django_tasks_database")


class WorkbenchAdminSite(admin.AdminSite):
    index_template = "admin/workbench_index.html"
    # The start page lists the officer's queues and apps; a second list of every model
    # beside each change list takes 300 px a 1280 px screen needs for the list's columns.
    enable_nav_sidebar = False

    def workbench(self, request):
        """[{title, count, oldest, url}] of the queues that wait for ``request.user``."""
        rows = []
        for model_admin in self._registry.values():
            summary = getattr(model_admin, "waiting_summary", None)
            if summary is None or not model_admin.has_view_permission(request):
                continue
            entry = summary(request)
            if entry is not None:
                rows.append(entry)
        rows.sort(key=lambda r: (r["oldest"] is None, r["oldest"] or timezone.now(), r["title"]))
        return rows

    def index(self, request, extra_context=None):
        return super().index(
            request, {"workbench": self.workbench(request), **(extra_context or {})}
        )

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        return sorted(apps, key=lambda app: app["app_label"] in SECURITY_APPS)


class PortalAdminConfig(AdminConfig):
    """``django.contrib.admin`` with the workbench as its site (INSTALLED_APPS)."""

    default_site = "portal.admin_site.WorkbenchAdminSite"
