"""AK/I cards: issued at activation; the officers' list of what needs doing today."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from portal.admin_base import HistoryAdmin, OfficeScopedAdmin, ReadOnlyInline
from portal.exports import ExportAdminMixin

from .. import exports, services
from ..models import Ak1Card, Ak1Report
from .common import run_each


class Ak1StateFilter(admin.SimpleListFilter):
    """Due, overdue and expired as of today, from the dates on the card (no cron involved)."""

    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("due", _("Report due within a week")),
            ("overdue", _("Report overdue")),
            ("expired", _("Expired")),
            ("placed", _("Placed in work")),
            ("valid", _("In force")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "due":
            return queryset & Ak1Card.objects.report_due()
        if value == "overdue":
            return queryset & Ak1Card.objects.report_overdue()
        if value == "expired":
            return queryset & Ak1Card.objects.expired()
        if value == "placed":
            return queryset.filter(closed_reason="placed")
        if value == "valid":
            return queryset & Ak1Card.objects.valid()
        return queryset


class Ak1ReportInline(ReadOnlyInline):
    model = Ak1Report
    fields = ["period", "reported_at", "reported_by"]


@admin.register(Ak1Card)
class Ak1CardAdmin(OfficeScopedAdmin, ExportAdminMixin, HistoryAdmin):
    """Cards issued at activation; oldest first, filtered by what needs doing today."""

    list_display = [
        "number",
        "jobseeker",
        "nik",
        "valid_from",
        "valid_until",
        "next_report_due",
        "state",
        "legalised_at",
        "pdf_link",
    ]
    list_filter = [Ak1StateFilter, "year"]
    list_select_related = ["jobseeker"]
    search_fields = ["number", "jobseeker__nik", "jobseeker__full_name"]
    ordering = ["issued_at", "pk"]
    list_per_page = 50
    export = exports.AK1_CARDS
    actions = ["legalise"]
    inlines = [Ak1ReportInline]
    fields = [
        "number",
        "jobseeker",
        "state",
        "pdf_link",
        "issued_at",
        "issued_by",
        "valid_from",
        "valid_until",
        "next_report_period",
        "next_report_due",
        "legalised_at",
        "legalised_by",
        "closed_at",
        "closed_reason",
        "placed_with",
        "placement",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False  # issued only by the activation service

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    change_form_template = "admin/jobboard/ak1card_change_form.html"

    def has_legalise_permission(self, request):
        return request.user.has_perm("jobboard.legalise_ak1_card")

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        return [
            path(
                "<path:object_id>/legalise/",
                self.admin_site.admin_view(self.legalise_view),
                name="{}_{}_legalise".format(*info),
            ),
            *super().get_urls(),
        ]

    def legalise_view(self, request, object_id):
        """The button on the card's page: the same service as the list action."""
        if request.method != "POST" or not self.has_legalise_permission(request):
            raise PermissionDenied
        card = get_object_or_404(self.get_queryset(request), pk=object_id)
        self.legalise(request, [card])
        return redirect(reverse("admin:jobboard_ak1card_change", args=[card.pk]))

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        context["can_legalise"] = (
            obj is not None
            and not obj.legalised_at
            and not obj.is_closed
            and not obj.is_expired
            and self.has_legalise_permission(request)
        )
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    @admin.display(description=_("NIK"), ordering="jobseeker__nik")
    def nik(self, obj):
        return obj.jobseeker.nik

    @admin.display(description=_("state"))
    def state(self, obj):
        return obj.state_label()

    @admin.display(description=_("card"))
    def pdf_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("jobboard:ak1_pdf", args=[obj.pk]), _("PDF")
        )

    @admin.action(
        description=_("Mark the selected printed cards as legalised"), permissions=["legalise"]
    )
    def legalise(self, request, queryset):
        run_each(
            self,
            request,
            queryset,
            lambda card: services.legalise_ak1_card(card, actor=request.user),
        )
