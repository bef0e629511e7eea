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
from portal.files import content_type_for
from portal.workflow import MoveRefused
from portal.workflow_admin import WaitingForMeFilter, WorkflowAdminMixin


def private_links(obj):
    """Links to the object's uploads through the checked download view, never a file URL.

    Scanned images are also shown inline, so the officer compares them with the data
    without opening each one; PDFs open from their link.
    """
    label = obj._meta.label
    rows = []
    for field in obj.private_file_fields:
        stored = getattr(obj, field)
        if not stored:
            continue
        url = reverse("portal:download", args=[label, obj.pk, field])
        name = obj._meta.get_field(field).verbose_name
        preview = (
            format_html('<br><img src="{}" alt="{}" class="jobboard-scan">', url, name)
            if content_type_for(stored.name).startswith("image/")
            else ""
        )
        rows.append((url, name, preview))
    if not rows:
        return _("No documents uploaded")
    return format_html(
        "<ul>{}</ul>",
        format_html_join("", '<li><a href="{}" target="_blank">{}</a>{}</li>', rows),
    )


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


class QueueAdmin(OfficeScopedAdmin, WorkflowAdminMixin, HistoryAdmin):
    """An officers' queue over a workflow: oldest first, what waits for the officer's moves
    by default, one step page per move and a bulk action per ``bulk_moves``; each officer
    sees the records of their own offices (portal.admin_base.OfficeScopedAdmin)."""

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

    @admin.display(description=_("documents"))
    def documents(self, obj):
        return private_links(obj)

    @admin.display(description=_("decisions"))
    def decisions(self, obj):
        return step_list(obj.steps.select_related("actor"))

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        context["step_links"] = self.step_links(request, obj) if obj is not None else []
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)
