"""What the officers' queues share: the reason form, the queue filter, document links, the
step list, and the approve / refuse-with-reason admin that calls a service for each object.

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

from portal.files import content_type_for
from portal.history import HistoryAdmin

from .. import services


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
