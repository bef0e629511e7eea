"""The queue of changes of checked data: the checked value beside the proposed one, accept or
reject with a reason (the moves of jobboard.workflows.PROFILE_CHANGES)."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from portal.files import content_type_for

from ..models import ProfileChange
from ..workflows import PROFILE_CHANGES
from .common import QueueAdmin


def _file_link(obj, field, stored):
    """A link through the checked download view (an image also shown inline), or a dash."""
    if not stored:
        return format_html("{}", "—")
    url = reverse("portal:download", args=[obj._meta.label, obj.pk, field])
    if content_type_for(stored.name).startswith("image/"):
        return format_html(
            '<a href="{}" target="_blank"><img src="{}" alt="" class="jobboard-scan"></a>', url, url
        )
    return format_html('<a href="{}" target="_blank">{}</a>', url, _("open the file"))


@admin.register(ProfileChange)
class ProfileChangeAdmin(QueueAdmin):
    workflow = PROFILE_CHANGES
    list_display = [
        "__str__",
        "changed_fields",
        "submitted_at",
        "waited",
        "status",
        "decided_by",
        "decided_at",
    ]
    list_select_related = ["jobseeker", "employer", "decided_by"]
    search_fields = [
        "jobseeker__full_name",
        "jobseeker__nik",
        "employer__company_name",
        "employer__nib",
    ]
    fields = [
        "person",
        "status",
        "submitted_at",
        "comparison",
        "decided_by",
        "decided_at",
        "rejection_reason",
        "decisions",
    ]
    readonly_fields = fields

    def has_change_permission(self, request, obj=None):
        return False  # decided by the step buttons only

    @admin.display(description=_("person"))
    def person(self, obj):
        profile = obj.profile
        url = reverse(f"admin:jobboard_{profile._meta.model_name}_change", args=[profile.pk])
        return format_html('<a href="{}">{}</a>', url, profile)

    @admin.display(description=_("changed fields"))
    def changed_fields(self, obj):
        return ", ".join(obj.labels())

    @admin.display(description=_("checked and proposed values"))
    def comparison(self, obj):
        rows = []
        for name, label, old, new, is_file in obj.rows():
            if is_file:
                old = _file_link(obj.profile, name, old)
                new = _file_link(obj, name, new) if new else _("removed")
            rows.append((label, old, new))
        return format_html(
            '<table class="profile-change"><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr>'
            "</thead><tbody>{}</tbody></table>",
            _("field"),
            _("checked value (in force)"),
            _("proposed value"),
            format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", rows),
        )
