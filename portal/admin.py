from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

# django-otp's own device admins would let whoever may read them see the keys; a second
# factor is reset only through the user admin's action below (the superuser's).
from django_otp.plugins.otp_static import admin as _static_admin  # noqa: F401
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp import admin as _totp_admin  # noqa: F401
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import accounts, office_setup, offices, standards
from .admin_base import HistoryAdmin, OfficeScopedAdmin, ReadOnlyAdmin
from .forms import PrivateFileInput
from .models import (
    AccountEvent,
    ExportRecord,
    NonWorkingDay,
    Office,
    OfficeRole,
    ServiceStandard,
    User,
)

admin.site.unregister(TOTPDevice)
admin.site.unregister(StaticDevice)


class UserOfficeRoleInline(admin.TabularInline):
    """The person's roles, each in one office: how an officer is given work."""

    model = OfficeRole
    extra = 0
    autocomplete_fields = ["office"]
    fields = ["office", "group"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = [
        "username",
        "email",
        "first_name",
        "last_name",
        "is_staff",
        "is_active",
        "role_names",
    ]
    list_filter = ["is_staff", "is_active", "groups"]
    # an officer's NIP, position and rank: what the letters and cards they sign print
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        (_("As documents print the officer"), {"fields": ["position", "nip", "rank"]}),
    ]
    show_full_result_count = False  # as portal.admin_base.HistoryAdmin (200,000 accounts)
    actions = ["reset_second_factor"]
    inlines = [UserOfficeRoleInline]

    def has_reset_second_factor_permission(self, request):
        return request.user.is_superuser

    @admin.action(
        description=_("Reset the second factor of the selected accounts"),
        permissions=["reset_second_factor"],
    )
    def reset_second_factor(self, request, queryset):
        for user in queryset:
            accounts.second_factor_reset(user=user, actor=request.user)
        count = len(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d account sets up its second factor again at the next log-in.",
                "%(count)d accounts set up their second factor again at the next log-in.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("groups", "office_roles__group", "office_roles__office")
        )

    @admin.display(description=_("roles"))
    def role_names(self, obj):
        """Each role in its office (portal.models.OfficeRole), and any plain group."""
        held = [f"{r.group.name} ({r.office.region})" for r in obj.office_roles.all()]
        return ", ".join(held + [group.name for group in obj.groups.all()])


class OfficeRoleInline(admin.TabularInline):
    model = OfficeRole
    extra = 1
    autocomplete_fields = ["user"]


class OwnDayOffInline(admin.TabularInline):
    """The office's own days off (a regional holiday, the anniversary of the regency), beside
    the national ones every office keeps (``NonWorkingDay`` without an office)."""

    model = NonWorkingDay
    fields = ["date", "name", "kind"]
    readonly_fields = ["kind"]
    extra = 0
    verbose_name = _("own day off")
    verbose_name_plural = _("the office's own days off (besides the national holidays)")

    def get_queryset(self, request):
        return super().get_queryset(request).filter(kind=NonWorkingDay.Kind.OFFICE)


@admin.register(NonWorkingDay)
class NonWorkingDayAdmin(HistoryAdmin):
    """The working calendar: national holidays and joint leave days (loaded from the
    ``holidays`` package by ``manage.py load_holidays``, corrected here when the government
    moves a day) and each office's own days off."""

    list_display = ["date", "weekday", "name", "kind", "office"]
    list_filter = ["kind", "office", ("date", admin.DateFieldListFilter)]
    search_fields = ["name"]
    date_hierarchy = "date"
    list_select_related = ["office"]

    @admin.display(description=_("day"))
    def weekday(self, obj):
        from django.utils.dateformat import format as date_format

        return date_format(obj.date, "l")


@admin.register(Office)
class OfficeAdmin(HistoryAdmin):
    """Offices are managed by the superuser. A new office with its standards, role groups and
    first officer: "Add an office from a template" (``create_from_template_view``) or
    ``manage.py create_office``, which share portal.office_setup."""

    change_list_template = "admin/portal/office/change_list.html"

    list_display = ["name", "region_code", "level", "parent", "phone", "is_active"]
    formfield_overrides = {models.FileField: {"widget": PrivateFileInput}}
    list_filter = ["level", "is_active"]
    search_fields = ["name", "region", "region_code", "slug"]
    # (the slug follows the region as the superuser types it; asked per request below, as the
    # history's read-only page reads the attribute itself)
    prepopulated_fields = {}
    inlines = [OfficeRoleInline, OwnDayOffInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "short_name",
                    "government",
                    "level",
                    "region_code",
                    "parent",
                    "region",
                    "province",
                    "slug",
                    "is_active",
                ]
            },
        ),
        (
            _("Letterhead"),
            {"fields": ["letterhead", "logo", "address", "phone", "email", "website"]},
        ),
        (
            _("Complaint channels"),
            {
                "fields": [
                    "complaint_counter",
                    "complaint_phone",
                    "complaint_email",
                    "radio_station",
                    "radio_programme",
                ]
            },
        ),
        (
            _("Head of office"),
            {"fields": ["head_title", "head_name", "head_nip", ("head_rank", "head_grade")]},
        ),
        (
            _("Documents"),
            {
                "fields": [
                    "permit_number_format",
                    "ak1_number_format",
                    "complaint_number_format",
                    "letter_number_format",
                    "permit_legal_basis",
                    "time_zone",
                ]
            },
        ),
        (
            _("Services and hours"),
            {
                "fields": [
                    "offers_job_exchange",
                    "offers_akad",
                    "offers_complaints",
                    "working_hours",
                    "hostnames",
                ]
            },
        ),
        (
            _("Complaints"),
            {
                "fields": ["complaint_answer_days"],
                "description": _(
                    "The complaint standard promises a written answer and names no time: "
                    "the office sets its own here. Its complaint pages state it, and the "
                    "escalation and the dashboard measure every complaint against it."
                ),
            },
        ),
        (
            _("Office hours for the service clocks"),
            {
                "fields": [("opens_at", "closes_at"), ("friday_opens_at", "friday_closes_at")],
                "description": _(
                    "Every service clock (queues, lateness, the dashboard) counts only these "
                    "hours, Monday to Friday, without the national holidays, the joint leave "
                    "days and the office's own days off below."
                ),
            },
        ),
    ]

    # What an office's own officers set here, with the permission for it in that office: its
    # time for a written answer to a complaint (the Kepala Dinas, portal.roles). The rest of
    # the office is the superuser's.
    OFFICER_FIELDS = {"portal.set_complaint_answer_time": ["complaint_answer_days"]}

    def _officer_perms(self, request, obj=None):
        """The OFFICER_FIELDS permissions the user holds (in ``obj``'s office, when given)."""
        user = request.user
        if obj is None:
            return [perm for perm in self.OFFICER_FIELDS if user.has_perm(perm)]
        return [perm for perm in self.OFFICER_FIELDS if offices.has_office_perm(user, perm, obj.pk)]

    def has_module_permission(self, request):
        return request.user.is_superuser or bool(self._officer_perms(request))

    def has_view_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser or bool(self._officer_perms(request, obj))

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        held = set()
        for perm in self.OFFICER_FIELDS:
            held.update(offices.offices_for(request.user, perm))
        return queryset.filter(pk__in=held)

    def get_object(self, request, object_id, from_field=None):
        # among every office, so that another office's page is refused (403), not "missing"
        try:
            return Office.objects.get(pk=int(object_id))
        except (Office.DoesNotExist, ValueError, TypeError):
            return None

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_readonly_fields(request, obj)
        editable = {
            f for perm in self._officer_perms(request, obj) for f in self.OFFICER_FIELDS[perm]
        }
        return [
            f
            for fieldset in self.fieldsets
            for line in fieldset[1]["fields"]
            for f in (line if isinstance(line, tuple) else (line,))
            if f not in editable
        ]

    def get_inlines(self, request, obj):
        return super().get_inlines(request, obj) if request.user.is_superuser else []

    def get_prepopulated_fields(self, request, obj=None):
        return {"slug": ["region"]} if request.user.is_superuser else {}

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        return [
            path(
                "dari-templat/",
                self.admin_site.admin_view(self.create_from_template_view),
                name="{}_{}_create_from_template".format(*info),
            ),
            *super().get_urls(),
        ]

    def create_from_template_view(self, request):
        if not request.user.is_superuser:
            raise PermissionDenied
        form = office_setup.OfficeCreateForm(request.POST or None)
        created = None
        if request.method == "POST" and form.is_valid():
            office, officer, link = office_setup.create_from_form(form, actor=request.user)
            created = {"office": office, "officer": officer, "link": link}
        return TemplateResponse(
            request,
            "admin/portal/office/create_from_template.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Add an office from a template"),
                "opts": self.model._meta,
                "form": form,
                "created": created,
                "standards": created["office"].standards.all() if created else [],
                "change_url": reverse("admin:portal_office_change", args=[created["office"].pk])
                if created
                else None,
            },
        )


STANDARD_HEAD = ["office", "service", "title", "decree_number", "summary", "order", "is_published"]
STANDARD_TEXT = [
    "requirements",
    "procedure",
    "completion_time",
    "completion_time_details",
    "fee",
    "product",
    "complaint_channels",
]


class ServiceStandardForm(forms.ModelForm):
    adapted = forms.BooleanField(
        label=_("Adapted and confirmed by this office"),
        required=False,
        help_text=_(
            "Tick once the text says what this office does: the public page then stops "
            "showing it as a copy of another office's standard."
        ),
    )

    class Meta:
        model = ServiceStandard
        fields = [*STANDARD_HEAD, *STANDARD_TEXT]


@admin.register(ServiceStandard)
class ServiceStandardAdmin(HistoryAdmin):
    form = ServiceStandardForm
    list_display = [
        "title",
        "office",
        "service",
        "is_copy_display",
        "completion_time",
        "fee",
        "is_published",
        "order",
    ]
    list_editable = ["is_published", "order"]
    list_filter = ["office", "service"]
    list_select_related = ["office"]
    readonly_fields = ["copied_from"]
    fieldsets = [
        (None, {"fields": [*STANDARD_HEAD[:2], "copied_from", "adapted", *STANDARD_HEAD[2:]]}),
        (_("Standard"), {"fields": STANDARD_TEXT}),
    ]

    @admin.display(description=_("marked copy"), boolean=True)
    def is_copy_display(self, obj):
        return obj.is_copy

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and obj.is_copy:
            return fieldsets
        # only a marked copy has something to confirm
        first = {
            **fieldsets[0][1],
            "fields": [f for f in fieldsets[0][1]["fields"] if f != "adapted"],
        }
        return [(fieldsets[0][0], first), *fieldsets[1:]]

    def get_readonly_fields(self, request, obj=None):
        # a standard stays with its office and service; a new one is created for another
        return [*super().get_readonly_fields(request, obj), *(["office", "service"] if obj else [])]

    def save_model(self, request, obj, form, change):
        if form.cleaned_data.get("adapted"):
            standards.confirm_adapted(obj)
        super().save_model(request, obj, form, change)


@admin.register(AccountEvent)
class AccountEventAdmin(ReadOnlyAdmin):
    """Every account's history, for the superuser; officers read one account's on its page."""

    list_display = ["at", "user", "kind", "actor"]
    list_filter = ["kind"]
    list_select_related = ["user", "actor"]
    search_fields = ["user__username"]
    show_full_result_count = False
    fields = ["user", "kind", "actor", "at", "expires_at", "used_at"]


@admin.register(ExportRecord)
class ExportRecordAdmin(OfficeScopedAdmin, ReadOnlyAdmin):
    """Who took which list out of the portal (portal.exports), read by the office's heads:
    written by the download itself, never added, changed or deleted here."""

    show_full_result_count = False
    list_display = ["created_at", "user", "list_name", "description", "row_count", "office"]
    list_filter = ["list_name", "created_at"]
    list_select_related = ["user", "office"]
    fields = list_display
    readonly_fields = list_display
