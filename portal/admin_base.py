"""The admin bases: models tracked by django-simple-history, read-only lists and inlines.

simple-history's "revert" page saves an old version of the whole row on a POST and checks
only the view permission (its SIMPLE_HISTORY_REVERT_DISABLED setting merely hides the button).
That would let anyone who may read a record put a permit or a complaint back into an earlier
state, around the workflow services. Here the history stays readable and can never be written.

It is also where the officers' change lists are made cheaper (one count, action_checkbox).
"""

from django.contrib import admin
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.utils.html import format_html
from django.utils.translation import gettext
from simple_history.admin import SimpleHistoryAdmin


class HistoryAdmin(SimpleHistoryAdmin):
    # "N results (M total)" counts the whole table again on every filtered or searched list
    # (50,000 complaints, 200,000 job seekers): the filtered count is enough.
    show_full_result_count = False

    def action_checkbox(self, obj):
        """The row's selection box, the same markup as Django's, without a widget template.

        Django renders a CheckboxInput through the template engine for every row: a third of
        the time to render an officer's 50-row queue (docs/performance.md).
        """
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            format_html(gettext("Select this object for an action - {}"), str(obj)),
        )

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        return True


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records written by the services or by the public forms (applications, placements,
    survey answers): officers read them, and nobody adds, changes or deletes them here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    """Rows shown under their record (workflow steps, reports, positions) and never added,
    changed or deleted there: they are written by the services, not by the admin."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
