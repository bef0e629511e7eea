from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

# django-otp's own device admins would let whoever may read them see the keys; a second
# factor is reset only through the user admin's action below (the superuser's).
from django_otp.plugins.otp_static import admin as _static_admin  # noqa: F401
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp import admin as _totp_admin  # noqa: F401
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import accounts
from .admin_base import HistoryAdmin, ReadOnlyAdmin
from .models import AccountEvent, Office, OfficeRole, ServiceStandard, User

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


@admin.register(Office)
class OfficeAdmin(HistoryAdmin):
    """Offices are managed by the superuser (a new office: ``manage.py create_office``)."""

    list_display = ["name", "region_code", "level", "parent", "phone", "is_active"]
    list_filter = ["level", "is_active"]
    search_fields = ["name", "region", "region_code", "slug"]
    prepopulated_fields = {"slug": ["region"]}
    inlines = [OfficeRoleInline]
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
        (_("Head of office"), {"fields": ["head_title", "head_name", "head_nip", "head_rank"]}),
        (
            _("Document numbers"),
            {"fields": ["permit_number_format", "ak1_number_format", "complaint_number_format"]},
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
    ]

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ServiceStandard)
class ServiceStandardAdmin(HistoryAdmin):
    list_display = ["title", "service", "completion_time", "fee", "is_published", "order"]
    list_editable = ["is_published", "order"]
    fieldsets = [
        (
            None,
            {"fields": ["service", "title", "decree_number", "summary", "order", "is_published"]},
        ),
        (
            _("Standard"),
            {
                "fields": [
                    "requirements",
                    "procedure",
                    "completion_time",
                    "completion_time_details",
                    "fee",
                    "product",
                    "complaint_channels",
                ]
            },
        ),
    ]


@admin.register(AccountEvent)
class AccountEventAdmin(ReadOnlyAdmin):
    """Every account's history, for the superuser; officers read one account's on its page."""

    list_display = ["at", "user", "kind", "actor"]
    list_filter = ["kind"]
    list_select_related = ["user", "actor"]
    search_fields = ["user__username"]
    show_full_result_count = False
    fields = ["user", "kind", "actor", "at", "expires_at", "used_at"]
