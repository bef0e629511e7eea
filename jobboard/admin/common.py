"""What the officers' queues share: document links, the step list, and the queue admin
whose step buttons, step pages, bulk actions and "waiting for me" filter are read off the
workflow's move table (portal.workflow_admin).

Every decision goes through jobboard.services, one object at a time, so each one is
permission-checked, logged and mailed; status is never editable here.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.admin_base import HistoryAdmin, OfficeScopedAdmin
from portal.dates import waktu
from portal.exports import ExportAdminMixin
from portal.files import content_type_for
from portal.views import INLINE_PARAMETER
from portal.workflow import MoveRefused
from portal.workflow_admin import WaitingForMeFilter, WorkflowAdminMixin


def file_preview(obj, field):
    """One upload shown in the officer's page, through the checked download view (never a
    file URL): an image as an <img>, a PDF in an <iframe>, both asked ``?lihat=1`` (shown,
    not saved: portal.views.download), with the link to download it below."""
    stored = getattr(obj, field)
    if not stored:
        return _("Not uploaded")
    url = reverse("portal:download", args=[obj._meta.label, obj.pk, field])
    shown = f"{url}?{INLINE_PARAMETER}=1"
    name = obj._meta.get_field(field).verbose_name
    kind = content_type_for(stored.name)
    if kind.startswith("image/"):
        view = format_html('<img src="{}" alt="{}" class="jobboard-scan">', shown, name)
    elif kind == "application/pdf":
        view = format_html(
            '<iframe src="{}" title="{}" class="jobboard-scan jobboard-pdf"></iframe>', shown, name
        )
    else:
        view = ""
    return format_html('{}<a href="{}" target="_blank">{}</a>', view, url, name)


def private_links(obj, fields=None):
    """The object's uploads (``fields``, default all), each shown beside its link."""
    rows = [
        (file_preview(obj, field),)
        for field in (obj.private_file_fields if fields is None else fields)
        if getattr(obj, field)
    ]
    if not rows:
        return _("No documents uploaded")
    return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", rows))


def step_list(steps):
    rows = [
        (
            waktu(step.created_at),
            step.get_to_status_display(),
            step.actor.display_name(),
            step.note,
        )
        for step in steps
    ]
    if not rows:
        return "—"
    return format_html("<ol>{}</ol>", format_html_join("", "<li>{} · {} · {} {}</li>", rows))


def run_each(model_admin, request, objects, call):
    """Call the service for each selected object; report what was done and what was refused."""
    done, refused = 0, []
    for obj in objects:
        try:
            call(obj)
            done += 1
        except (MoveRefused, PermissionDenied) as exc:
            refused.append(f"{obj}: {exc}")
    if done:
        model_admin.message_user(
            request,
            ngettext("%(count)d item done.", "%(count)d items done.", done) % {"count": done},
            messages.SUCCESS,
        )
    for line in refused:
        model_admin.message_user(request, line, messages.WARNING)
    return done


class QueueAdmin(OfficeScopedAdmin, ExportAdminMixin, WorkflowAdminMixin, HistoryAdmin):
    """An officers' queue over a workflow: oldest first, what waits for the officer's moves
    by default, one step page per move and a bulk action per ``bulk_moves``; each officer
    sees the records of their own offices (portal.admin_base.OfficeScopedAdmin), and a list
    with an ``export`` downloads as XLSX (portal.exports)."""

    waiting_since = "submitted_at"  # the start page's oldest (portal.admin_site)

    list_filter = [WaitingForMeFilter, "status"]
    list_per_page = 25
    ordering = ["submitted_at", "pk"]
    change_form_template = "admin/jobboard/steps_change_form.html"

    def has_add_permission(self, request):
        return False  # rows come from the public forms

    def has_delete_permission(self, request, obj=None):
        return False  # a decision, not a deletion, ends a registration

    @admin.display(description=_("waiting for"))
    def waited(self, obj):
        waiting = {m.source for m in self.workflow.moves if m.is_officer_move}
        if obj.status not in waiting:
            return "—"
        return timesince(obj.submitted_at)

    # Fields showing the record's uploads: only for whoever may read them (the record's
    # ``can_read_files``, as the file view asks), so nobody else is shown even their names.
    DOCUMENT_FIELDS = ("documents",)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or obj.can_read_files(request.user):
            return fieldsets
        hidden = set(self.DOCUMENT_FIELDS)
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in hidden]})
            for name, options in fieldsets
        ]

    @admin.display(description=_("documents"))
    def documents(self, obj):
        return private_links(obj)

    @admin.display(description=_("decisions"))
    def decisions(self, obj):
        return step_list(obj.steps.select_related("actor"))

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        context["step_links"] = self.step_links(request, obj) if obj is not None else []
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)


class LabourReportFilter(admin.ListFilter):
    """The records behind one figure of the monthly labour-market report: its link's
    parameters (jobboard.labour_market.FILTER_PARAMETERS) narrow the change list to them."""

    title = _("labour-market report")

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        from .. import labour_market

        self.used = {}
        for name in labour_market.FILTER_PARAMETERS:
            if name in params:
                value = params.pop(name)
                self.used[name] = value[-1] if isinstance(value, list) else value

    def expected_parameters(self):
        from .. import labour_market

        return list(labour_market.FILTER_PARAMETERS)

    def has_output(self):
        return bool(self.used)

    def choices(self, changelist):
        yield {
            "selected": True,
            "query_string": changelist.get_query_string(),
            "display": _("Figure of the report, month %(month)s")
            % {"month": self.used.get("ipk_bulan", "")},
        }
        yield {
            "selected": False,
            "query_string": changelist.get_query_string(remove=self.expected_parameters()),
            "display": _("All"),
        }

    def queryset(self, request, queryset):
        if not self.used:
            return queryset
        from .. import labour_market

        return labour_market.filter_records(queryset, self.used)
