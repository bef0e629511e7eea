"""The admin bases: models tracked by django-simple-history, read-only lists and inlines.

simple-history's "revert" page saves an old version of the whole row on a POST and checks
only the view permission (its SIMPLE_HISTORY_REVERT_DISABLED setting merely hides the button).
That would let anyone who may read a record put a permit or a complaint back into an earlier
state, around the workflow services. Here the history stays readable and can never be written.

It is also where the officers' change lists are made cheaper (one count, action_checkbox),
and where every officer-facing admin is scoped to the officer's offices (OfficeScopedAdmin).
"""

from django.contrib import admin
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.utils.html import format_html
from django.utils.translation import gettext
from simple_history.admin import SimpleHistoryAdmin

from . import offices


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


class OfficeScopedAdmin:
    """The officers' admin of an office-owned model: each officer sees and touches only the
    records of the offices where a role lets them (a superuser: all).

    - the change list holds the records of the offices where the officer may view them;
    - view, change and delete of one record are asked as the admin always asks them, with
      only the roles of that record's office counting (``portal.offices.focused``), so
      another office's record answers 403 (every override of ``has_*_permission`` below
      this mixin is asked the same way);
    - foreign-key choices hold only the officer's offices and their records.

    Put it first among the bases. ``office_field`` is the query lookup of the record's
    office; ``portal.offices.office_id_of`` the same for one object.
    """

    office_field = "office"

    def _allowed_in(self, request, office_id, which, obj=None):
        with offices.focused(request.user, office_id):
            return getattr(super(), f"has_{which}_permission")(request, obj)

    def officer_offices(self, request, which="view"):
        """Ids of the offices whose records of this model ``request.user`` may ``which``;
        None for a superuser (every office)."""
        user = request.user
        if user.is_superuser and user.is_active:
            return None
        cache = request.__dict__.setdefault("_office_scope", {})
        key = (self.opts.label, which)
        if key not in cache:
            cache[key] = [
                office
                for office in offices.office_permissions(user)
                if self._allowed_in(request, office, which)
            ]
        return cache[key]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if getattr(request, "_office_unscoped", False):
            return queryset
        held = self.officer_offices(request)
        if held is None:
            return queryset
        return offices.scope(queryset, held, field=self.office_field, holder=request.user)

    def get_object(self, request, object_id, from_field=None):
        # Looked up among every office's records, so another office's record is refused
        # (403) by the permission checks rather than sent to the index as "missing".
        request._office_unscoped = True
        try:
            return super().get_object(request, object_id, from_field)
        finally:
            request._office_unscoped = False

    def _office_check(self, request, obj, which):
        if obj is None or request.user.is_superuser:
            return True
        return self._allowed_in(request, offices.office_id_of(obj, request.user), which, obj)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._office_check(
            request, obj, "view"
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._office_check(
            request, obj, "change"
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._office_check(
            request, obj, "delete"
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        held = self.officer_offices(request, "change") or self.officer_offices(request)
        if field is None or held is None or not hasattr(field, "queryset"):
            return field
        from .models import Office

        related = db_field.related_model
        if related is Office:
            field.queryset = field.queryset.filter(pk__in=held)
        elif offices.has_office_field(related):
            field.queryset = field.queryset.filter(office__in=held)
        return field
