"""Applications and placements, read-only: employers move applicants on their own pages."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from portal.admin_base import OfficeScopedAdmin, ReadOnlyAdmin
from portal.exports import ExportAdminMixin

from .. import exports
from ..models import Application, Placement
from .common import LabourReportFilter


@admin.register(Application)
class ApplicationAdmin(OfficeScopedAdmin, ExportAdminMixin, ReadOnlyAdmin):
    export = exports.APPLICATIONS
    show_full_result_count = False  # as portal.admin_base.HistoryAdmin (300,000 applications)
    list_display = ["jobseeker", "vacancy", "employer", "status", "created_at"]
    list_filter = ["status"]
    list_select_related = ["jobseeker", "vacancy__employer"]
    search_fields = ["jobseeker__full_name", "vacancy__title"]

    @admin.display(description=_("employer"))
    def employer(self, obj):
        return obj.vacancy.employer


@admin.register(Placement)
class PlacementAdmin(OfficeScopedAdmin, ExportAdminMixin, ReadOnlyAdmin):
    """The office counts placements (penempatan); the change list shows how many."""

    show_full_result_count = False
    export = exports.PLACEMENTS

    list_display = ["placed_on", "jobseeker", "employer", "vacancy", "recorded_by"]
    list_filter = [LabourReportFilter]
    list_select_related = ["jobseeker", "employer", "vacancy", "recorded_by"]
    date_hierarchy = "placed_on"
    search_fields = ["jobseeker__full_name", "employer__company_name"]
