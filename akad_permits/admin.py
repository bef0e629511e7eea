"""The officers' work queues: what waits for each role, oldest first, one button per step.

Nobody edits an application here: the change page is read-only, and every step goes through
a short form that calls the step's service (services.STEP_SERVICES).
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.history import HistoryAdmin, ReadOnlyInline

from . import services, timeline
from .forms import STEP_FORMS
from .models import ATTACHMENT_FIELDS, PermitApplication, PermitPosition


class QueueFilter(admin.SimpleListFilter):
    """By default an officer sees only what waits for one of their steps."""

    title = gettext_lazy("work queue")
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [("mine", _("Waiting for me")), ("all", _("All applications"))]

    def choices(self, changelist):
        current = self.value() or "mine"
        for value, label in self.lookup_choices:
            yield {
                "selected": current == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        if self.value() == "all":
            return queryset
        return queryset.filter(status__in=services.queue_states(request.user))


class PositionInline(ReadOnlyInline):
    model = PermitPosition
    fields = ["title", "male_count", "female_count"]

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("akad_permits.view_permitapplication")


@admin.register(PermitApplication)
class PermitApplicationAdmin(HistoryAdmin):
    list_display = ["reference_link", "recruiter_name", "destination_city", "status"]
    list_display_links = None
    list_filter = [QueueFilter, "status"]
    search_fields = ["recruiter_name", "user_company", "permit_number", "agenda_number"]
    ordering = ["state_entered_at", "pk"]
    list_per_page = 50
    inlines = [PositionInline]
    fieldsets = [
        (None, {"fields": ["status", "employer", "submitted_at", "state_entered_at"]}),
        (
            gettext_lazy("The recruitment"),
            {
                "fields": [
                    "recruiter_name",
                    "user_company",
                    "destination_province",
                    "destination_city",
                    "recruitment_start",
                    "recruitment_end",
                ]
            },
        ),
        (
            gettext_lazy("Letters"),
            {
                "fields": [
                    "recommendation_number",
                    "recommendation_date",
                    "recommendation_issuer",
                    "assignment_number",
                    "assignment_date",
                    "assignment_person",
                    "attachments",
                ]
            },
        ),
        (
            gettext_lazy("Processing"),
            {
                "fields": [
                    "agenda_number",
                    "agenda_date",
                    "return_reason",
                    "disposition_instruction",
                    "consultation_outcome",
                    "permit_number",
                    "valid_from",
                    "valid_until",
                    "coverage",
                    "issued_at",
                    "signer_name",
                    "verification_code",
                    "permit_pdf",
                    "refusal_reason",
                ]
            },
        ),
    ]

    class Media:
        css = {"all": ["akad_permits/admin.css"]}

    def get_readonly_fields(self, request, obj=None):
        return [f for fs in self.fieldsets for f in fs[1]["fields"]]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("employer")

    def has_add_permission(self, request):
        return False  # applications come from the applicants' own pages

    def has_change_permission(self, request, obj=None):
        return False  # steps only, through the buttons

    def has_delete_permission(self, request, obj=None):
        return False

    # -- columns ----------------------------------------------------------------------------
    @admin.display(description=gettext_lazy("reference"))
    def reference_link(self, obj):
        url = reverse("admin:akad_permits_permitapplication_change", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.reference)

    def get_list_display(self, request):
        """Columns that need the user and one clock for the whole page, bound per request.

        (The admin instance is shared between threads, so nothing per-request is stored on it.)
        """
        from .standards import TOTAL_STANDARD_MINUTES

        now = timezone.now()

        @admin.display(description=_("time in this step"))
        def step_time(obj):
            standard = obj.current_step_standard()
            if standard is None:
                return "—"
            return self._late_badge(obj.current_step_minutes(now), standard)

        @admin.display(description=_("total (standard 1 working day)"))
        def total_time(obj):
            return self._late_badge(obj.total_minutes(now), TOTAL_STANDARD_MINUTES)

        @admin.display(description=_("steps"))
        def step_buttons(obj):
            actions = services.allowed_actions(request.user, obj)
            if not actions:
                return "—"
            return format_html_join(
                " ",
                '<a class="button akad-step" href="{}">{}</a>',
                (
                    (
                        reverse("admin:akad_permits_permitapplication_step", args=[obj.pk, a]),
                        services.ACTION_BUTTONS[a],
                    )
                    for a in actions
                ),
            )

        # The buttons come second so they stay in view on a narrow screen.
        return [
            "reference_link",
            step_buttons,
            "recruiter_name",
            "status",
            "state_entered_at",
            step_time,
            total_time,
        ]

    @staticmethod
    def _late_badge(minutes, standard):
        text = _("%(m)s / %(s)s min") % {"m": minutes, "s": standard}
        if minutes > standard:
            return format_html('<span class="akad-late">{} · {}</span>', text, _("LATE"))
        return format_html('<span class="akad-ok">{}</span>', text)

    @admin.display(description=gettext_lazy("attachments"))
    def attachments(self, obj):
        items = [
            (
                reverse("portal:download", args=["akad_permits.PermitApplication", obj.pk, f]),
                obj._meta.get_field(f).verbose_name,
            )
            for f in ATTACHMENT_FIELDS
            if getattr(obj, f)
        ]
        if not items:
            return "—"
        return format_html_join(mark_safe("<br>"), '<a href="{}">{}</a>', items)

    @admin.display(description=gettext_lazy("permit document"))
    def permit_pdf(self, obj):
        if obj.status != "issued":
            return "—"
        url = reverse("akad_permits:permit_pdf", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Download the permit (PDF)"))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra = dict(extra_context or {})
        if obj is not None:
            extra["timeline"] = timeline.build(obj)
            extra["step_links"] = [
                (
                    reverse("admin:akad_permits_permitapplication_step", args=[obj.pk, a]),
                    services.ACTION_BUTTONS[a],
                )
                for a in services.allowed_actions(request.user, obj)
            ]
        return super().change_view(request, object_id, form_url, extra)

    # -- the step forms ----------------------------------------------------------------------
    def get_urls(self):
        return [
            path(
                "<int:object_id>/step/<str:action>/",
                self.admin_site.admin_view(self.step_view),
                name="akad_permits_permitapplication_step",
            ),
            *super().get_urls(),
        ]

    def step_view(self, request, object_id, action):
        if action not in STEP_FORMS:
            raise Http404
        if not services.may_take(request.user, action):
            raise PermissionDenied
        application = get_object_or_404(
            PermitApplication.objects.select_related("employer"), pk=object_id
        )
        queue_url = reverse("admin:akad_permits_permitapplication_changelist")
        if action not in services.allowed_actions(request.user, application):
            messages.warning(
                request,
                _("%(ref)s is now “%(status)s”: this step is no longer open.")
                % {"ref": application.reference, "status": application.get_status_display()},
            )
            return redirect(queue_url)
        form_class = STEP_FORMS[action]
        form = form_class(request.POST or None, application=application)
        if request.method == "POST" and form.is_valid():
            try:
                services.STEP_SERVICES[action](
                    application=application, actor=request.user, **form.service_kwargs()
                )
            except services.TransitionError as exc:
                messages.error(request, exc.message)
                return redirect(queue_url)
            messages.success(
                request,
                _("%(ref)s: %(step)s.")
                % {"ref": application.reference, "step": services.ACTION_LABELS[action]},
            )
            return redirect(queue_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": application,
            "application": application,
            "positions": application.positions.all(),
            "form": form,
            "action": action,
            "title": f"{services.ACTION_BUTTONS[action]}: {application.reference}",
            "button": services.ACTION_BUTTONS[action],
            "timeline": timeline.build(application),
        }
        return TemplateResponse(
            request, "admin/akad_permits/permitapplication/step_form.html", context
        )
