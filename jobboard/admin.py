"""The Petugas Antar Kerja's daily tool: activation and vacancy queues, oldest first.

Every decision goes through jobboard.services, one object at a time, so each one is
permission-checked, logged and mailed; status is never editable here.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.account_admin import AccountDeskAdmin
from portal.files import content_type_for
from portal.history import HistoryAdmin, ReadOnlyAdmin, ReadOnlyInline

from . import services
from .forms import EmployerForm
from .models import (
    Ak1Card,
    Ak1Report,
    Application,
    Employer,
    JobSeeker,
    Placement,
    RegistrationStatus,
    Vacancy,
    VacancyStatus,
)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=_("The person reads this in the e-mail and after logging in."),
        error_messages={"required": _("Give the reason, so the person knows what to correct.")},
    )


def queue_filter(status_choices, default):
    """A status filter that opens on the queue (the waiting ones) instead of everything."""

    class QueueFilter(admin.SimpleListFilter):
        parameter_name = "status"

        def lookups(self, request, model_admin):
            return [*status_choices, ("all", _("All"))]

        def choices(self, changelist):
            value = self.value() or default
            for lookup, label in self.lookup_choices:
                yield {
                    "selected": value == str(lookup),
                    "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                    "display": label,
                }

        def queryset(self, request, queryset):
            value = self.value() or default
            if value == "all":
                return queryset
            return queryset.filter(status=value)

    QueueFilter.title = _("status")
    return QueueFilter


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
            timezone.localtime(step.created_at).strftime("%d-%m-%Y %H:%M"),
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
        except (services.TransitionNotAllowed, PermissionDenied, ValidationError) as exc:
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


class DecisionAdmin(HistoryAdmin):
    """Shared by the three queues: approve / refuse-with-reason on one or many, via a service."""

    decision_permission = None  # "jobboard.activate_jobseeker"
    approve_label = refuse_label = None
    approve_service = refuse_service = None
    waiting_status = None
    list_per_page = 25
    change_form_template = "admin/jobboard/decision_change_form.html"

    def has_decide_permission(self, request):
        return request.user.has_perm(self.decision_permission)

    def has_add_permission(self, request):
        return False  # rows come from the public forms

    def has_delete_permission(self, request, obj=None):
        return False  # a decision, not a deletion, ends a registration

    @admin.display(description=_("waiting for"))
    def waited(self, obj):
        if obj.status != self.waiting_status:
            return "—"
        return timesince(obj.submitted_at)

    @admin.display(description=_("documents"))
    def documents(self, obj):
        return private_links(obj)

    @admin.display(description=_("decisions"))
    def decisions(self, obj):
        return step_list(obj.steps.select_related("actor"))

    # -- running the service for each selected row ------------------------------------------
    def _run(self, request, objects, call):
        return run_each(self, request, objects, call)

    def approve_selected(self, request, queryset):
        service = type(self).approve_service
        self._run(request, queryset, lambda obj: service(obj, actor=request.user))

    def refuse_selected(self, request, queryset):
        """An intermediate page asks for the reason, then refuses each selected row with it."""
        form = ReasonForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            service = type(self).refuse_service
            reason = form.cleaned_data["reason"]
            self._run(
                request, queryset, lambda obj: service(obj, actor=request.user, reason=reason)
            )
            return None
        return TemplateResponse(
            request,
            "admin/jobboard/reason_form.html",
            {
                **self.admin_site.each_context(request),
                "title": self.refuse_label,
                "objects": queryset,
                "form": form,
                "action": request.POST.get("action"),
                "opts": self.model._meta,
                "button": self.refuse_label,
            },
        )

    # -- the same decision from the change page --------------------------------------------
    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        return [
            path(
                "<path:object_id>/decide/",
                self.admin_site.admin_view(self.decide_view),
                name="{}_{}_decide".format(*info),
            ),
            *super().get_urls(),
        ]

    def decide_view(self, request, object_id):
        if not self.has_decide_permission(request):
            raise PermissionDenied
        obj = get_object_or_404(self.get_queryset(request), pk=object_id)
        change_url = reverse(
            f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk]
        )
        if request.method == "POST" and "approve" in request.POST:
            self._run(request, [obj], lambda o: type(self).approve_service(o, actor=request.user))
            return redirect(change_url)
        form = ReasonForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            self._run(
                request,
                [obj],
                lambda o: type(self).refuse_service(
                    o, actor=request.user, reason=form.cleaned_data["reason"]
                ),
            )
            return redirect(change_url)
        return TemplateResponse(
            request,
            "admin/jobboard/reason_form.html",
            {
                **self.admin_site.each_context(request),
                "title": self.refuse_label,
                "objects": [obj],
                "form": form,
                "opts": self.model._meta,
                "button": self.refuse_label,
                "single": True,
            },
        )

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        context["can_decide"] = (
            obj is not None
            and obj.status == self.waiting_status
            and self.has_decide_permission(request)
        )
        context["approve_label"] = self.approve_label
        context["refuse_label"] = self.refuse_label
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)


class RegistrationAdmin(AccountDeskAdmin, DecisionAdmin):
    waiting_status = RegistrationStatus.WAITING
    approve_label = _("Activate")
    refuse_label = _("Reject with reason")
    approve_service = staticmethod(services.activate_registration)
    refuse_service = staticmethod(services.reject_registration)
    list_filter = [
        queue_filter(
            [(RegistrationStatus.WAITING, _("Waiting (queue)"))]
            + [(s, s.label) for s in (RegistrationStatus.ACTIVE, RegistrationStatus.REJECTED)],
            RegistrationStatus.WAITING,
        )
    ]
    ordering = ["submitted_at", "pk"]
    list_select_related = ["decided_by"]
    actions = ["activate", "reject", "unlock_login"]
    decision_fields = [
        "status",
        "submitted_at",
        "decided_by",
        "decided_at",
        "rejection_reason",
        "decisions",
    ]

    @admin.action(description=_("Activate the selected accounts"), permissions=["decide"])
    def activate(self, request, queryset):
        return self.approve_selected(request, queryset)

    @admin.action(
        description=_("Reject the selected accounts, with a reason"), permissions=["decide"]
    )
    def reject(self, request, queryset):
        return self.refuse_selected(request, queryset)


@admin.register(JobSeeker)
class JobSeekerAdmin(RegistrationAdmin):
    decision_permission = "jobboard.activate_jobseeker"
    list_display = [
        "full_name",
        "nik",
        "submitted_at",
        "waited",
        "status",
        "decided_by",
        "decided_at",
    ]
    search_fields = ["nik", "full_name", "email", "phone"]
    fieldsets = [
        (_("Decision"), {"fields": RegistrationAdmin.decision_fields}),
        (_("Documents"), {"fields": ["documents", "ak1_requested", "ak1"]}),
        (
            _("Identity"),
            {
                "fields": [
                    "nik",
                    "full_name",
                    "birth_place",
                    "birth_date",
                    "sex",
                    "marital_status",
                    "religion",
                ]
            },
        ),
        (
            _("Address and contact"),
            {"fields": ["address", "kelurahan", "kecamatan", "city", "phone", "email"]},
        ),
        (
            _("Education and work"),
            {
                "fields": [
                    "education_level",
                    "education_major",
                    "education_institution",
                    "graduation_year",
                    "skills",
                    "work_experience",
                    "desired_job",
                    "discoverable",
                ]
            },
        ),
    ]
    readonly_fields = RegistrationAdmin.decision_fields + ["documents", "ak1_requested", "ak1"]

    @admin.display(description=_("AK/I card"))
    def ak1(self, obj):
        card = Ak1Card.objects.filter(jobseeker=obj).first()
        if card is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:jobboard_ak1card_change", args=[card.pk]), card
        )


@admin.register(Employer)
class EmployerAdmin(RegistrationAdmin):
    decision_permission = "jobboard.activate_employer"
    list_display = [
        "company_name",
        "nib",
        "submitted_at",
        "waited",
        "status",
        "decided_by",
        "decided_at",
    ]
    search_fields = ["company_name", "nib", "npwp", "email"]
    fieldsets = [
        (_("Decision"), {"fields": RegistrationAdmin.decision_fields}),
        (_("Company"), {"fields": EmployerForm.Meta.fields}),
    ]
    readonly_fields = RegistrationAdmin.decision_fields


@admin.register(Vacancy)
class VacancyAdmin(DecisionAdmin):
    decision_permission = "jobboard.verify_vacancy"
    waiting_status = VacancyStatus.SUBMITTED
    approve_label = _("Publish")
    refuse_label = _("Return with reason")
    approve_service = staticmethod(services.publish_vacancy)
    refuse_service = staticmethod(services.return_vacancy)
    list_filter = [
        queue_filter(
            [(VacancyStatus.SUBMITTED, _("Waiting (queue)"))]
            + [
                (s, s.label)
                for s in (VacancyStatus.PUBLISHED, VacancyStatus.RETURNED, VacancyStatus.CLOSED)
            ],
            VacancyStatus.SUBMITTED,
        ),
        "work_type",
        "min_education",
    ]
    list_display = [
        "title",
        "employer",
        "closing_date",
        "submitted_at",
        "waited",
        "status",
        "decided_by",
    ]
    list_select_related = ["employer", "decided_by"]
    search_fields = ["title", "position", "employer__company_name"]
    ordering = ["submitted_at", "pk"]
    actions = ["publish", "return_with_reason"]
    decision_fields = [
        "status",
        "submitted_at",
        "decided_by",
        "decided_at",
        "published_at",
        "return_reason",
        "decisions",
        "documents",
    ]
    fieldsets = [
        (_("Decision"), {"fields": decision_fields}),
        (
            _("Vacancy"),
            {
                "fields": [
                    "employer",
                    "title",
                    "position",
                    ("openings_male", "openings_female", "openings_any"),
                    "min_education",
                    "min_experience_years",
                    "skills",
                    "place",
                    "work_type",
                    ("salary_min", "salary_max", "salary_negotiable"),
                    "description",
                    "closing_date",
                ]
            },
        ),
    ]
    readonly_fields = [*decision_fields, "employer"]

    @admin.action(description=_("Publish the selected vacancies"), permissions=["decide"])
    def publish(self, request, queryset):
        return self.approve_selected(request, queryset)

    @admin.action(
        description=_("Return the selected vacancies, with a reason"), permissions=["decide"]
    )
    def return_with_reason(self, request, queryset):
        return self.refuse_selected(request, queryset)


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    show_full_result_count = False  # as portal.history.HistoryAdmin (300,000 applications)
    list_display = ["jobseeker", "vacancy", "employer", "status", "created_at"]
    list_filter = ["status"]
    list_select_related = ["jobseeker", "vacancy__employer"]
    search_fields = ["jobseeker__full_name", "vacancy__title"]

    @admin.display(description=_("employer"))
    def employer(self, obj):
        return obj.vacancy.employer


@admin.register(Placement)
class PlacementAdmin(ReadOnlyAdmin):
    """The office counts placements (penempatan); the change list shows how many."""

    show_full_result_count = False

    list_display = ["placed_on", "jobseeker", "employer", "vacancy", "recorded_by"]
    list_select_related = ["jobseeker", "employer", "vacancy", "recorded_by"]
    date_hierarchy = "placed_on"
    search_fields = ["jobseeker__full_name", "employer__company_name"]


# --- AK/I cards ------------------------------------------------------------------------------


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
class Ak1CardAdmin(HistoryAdmin):
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
