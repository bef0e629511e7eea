from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .history import HistoryAdmin
from .models import OfficeProfile, ServiceStandard, User


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
    show_full_result_count = False  # as portal.history.HistoryAdmin (200,000 accounts)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("roles"))
    def role_names(self, obj):
        return ", ".join(group.name for group in obj.groups.all())


@admin.register(OfficeProfile)
class OfficeProfileAdmin(HistoryAdmin):
    list_display = ["name", "region", "phone", "complaint_email"]
    fieldsets = [
        (None, {"fields": ["government", "name", "short_name", "address", "region", "province"]}),
        (
            _("Contact and complaint channels"),
            {"fields": ["phone", "complaint_email", "website", "radio_station", "radio_programme"]},
        ),
        (_("Head of office"), {"fields": ["head_title", "head_name", "head_nip"]}),
        (_("Document numbers"), {"fields": ["permit_number_format", "ak1_number_format"]}),
    ]

    def has_add_permission(self, request):
        # One office runs the portal: a second profile would make every letterhead ambiguous.
        return super().has_add_permission(request) and not OfficeProfile.objects.exists()

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
