"""The officers' side of every workflow in the Django admin, read off the workflow's table.

``WorkflowAdminMixin`` gives a ModelAdmin whose ``workflow`` is a ``portal.workflow.Workflow``:

- the step buttons an officer may press on an object (``step_links``), on the change page
  and as a list column;
- one step page per move at ``<id>/step/<action>/`` with the move's own form, which calls
  the move's service and comes back with a confirmation or the reason it was refused;
- bulk actions for the moves officers take on many objects at once (``bulk_moves``): each
  loops over the selection and calls the service per object, never ``queryset.update()``;
  a move whose form asks for something (a reason) asks once, on an intermediate page;
- the "waiting for you" filter and per-move queue counts, from ``Workflow.waiting_for``:
  each move counts in the offices where the officer may make it.

Nothing here decides who may act or what a move does: the workflow and its services do.
"""

from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import ActionLocation
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Min, Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .workflow import MoveRefused


class WaitingForMeFilter(admin.SimpleListFilter):
    """By default an officer sees only what waits for one of their moves."""

    title = gettext_lazy("work queue")
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [("mine", _("Waiting for me")), ("all", _("All"))]

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
        return self._model_admin.workflow.waiting_for(request.user, queryset)

    def __init__(self, request, params, model, model_admin):
        self._model_admin = model_admin
        super().__init__(request, params, model, model_admin)


class WorkflowAdminMixin:
    workflow = None
    # The keyword under which the services take the object (``application=``, ``complaint=``);
    # None: the object is the services' first positional argument.
    service_subject = None
    step_template = "admin/workflow/step_form.html"
    bulk_template = "admin/workflow/bulk_form.html"
    # Officer moves offered as bulk actions on the change list.
    bulk_moves = ()

    # --- reading the table for one object ----------------------------------------------------

    def _url(self, name, *args):
        site = self.admin_site.name
        return reverse(f"{site}:{self.opts.app_label}_{self.opts.model_name}_{name}", args=args)

    def step_url(self, obj, action):
        return self._url("step", obj.pk, action)

    def step_links(self, request, obj):
        """(url, button) of each move ``request.user`` may make on ``obj`` now."""
        return [
            (self.step_url(obj, m.action), m.button or m.label)
            for m in self.workflow.officer_moves(request.user, obj)
        ]

    def step_column(self, request):
        """The step buttons as a change-list column for this request's user."""

        @admin.display(description=_("steps"))
        def step_buttons(obj):
            links = self.step_links(request, obj)
            if not links:
                return "—"
            return format_html_join(" ", '<a class="button workflow-step" href="{}">{}</a>', links)

        return step_buttons

    def queues(self, request, queryset=None, *, since_field=None, rows=0, order_by=None):
        """Per officer move of this user: how many wait, since when, and the list's link.

        ``since_field`` names the time an object entered its state (the oldest is shown);
        ``rows`` > 0 also gives the first waiting objects in ``order_by`` order.
        """
        workflow = self.workflow
        queryset = self.get_queryset(request) if queryset is None else queryset
        field = workflow.state_field
        changelist = self._url("changelist")
        out = []
        for move in workflow.moves:
            if not move.is_officer_move or not request.user.has_perm(move.permission):
                continue
            waiting = queryset.filter(
                workflow.office_q(request.user, move.permission, queryset.model),
                **{field: move.source},
            )
            figures = waiting.aggregate(
                count=Count("pk"), **({"oldest": Min(since_field)} if since_field else {})
            )
            entry = {
                "move": move,
                "action": move.action,
                "label": move.button or move.label,
                "count": figures["count"],
                "oldest": figures.get("oldest"),
                "url": changelist + "?" + urlencode({f"{field}__exact": move.source}),
            }
            if rows:
                entry["rows"] = list(waiting.order_by(*(order_by or ["pk"]))[:rows])
            out.append(entry)
        return out

    # --- the admin's start page (portal.admin_site) ------------------------------------------

    # The field holding when an object entered the state it waits in (the oldest is shown on
    # the start page); None: the count only.
    waiting_since = None

    def waiting_summary(self, request):
        """This queue on the admin's start page: how many records wait for one of the user's
        moves, each counted in the offices where he may make it, and since when the oldest;
        None when no move of the table is his. One query."""
        workflow, user = self.workflow, request.user
        waiting, states = Q(pk__in=[]), set()
        for move in workflow.moves:
            if not move.is_officer_move or "{" in move.permission:
                continue  # a permission decided per object (portal.workflow) has no queue
            if not user.has_perm(move.permission):
                continue
            waiting |= workflow.office_q(user, move.permission, self.model) & Q(
                **{workflow.state_field: move.source}
            )
            states.add(move.source)
        if not states:
            return None
        figures = self.model._default_manager.aggregate(
            count=Count("pk", filter=waiting),
            **({"oldest": Min(self.waiting_since, filter=waiting)} if self.waiting_since else {}),
        )
        lookup = f"{workflow.state_field}__in"
        return {
            "title": self.opts.verbose_name_plural,
            "count": figures["count"],
            "oldest": figures.get("oldest"),
            "url": self._url("changelist") + "?" + urlencode({lookup: ",".join(sorted(states))}),
        }

    # --- the step page -----------------------------------------------------------------------

    def get_urls(self):
        return [
            path(
                "<int:object_id>/step/<str:action>/",
                self.admin_site.admin_view(self.step_view),
                name=f"{self.opts.app_label}_{self.opts.model_name}_step",
            ),
            *super().get_urls(),
        ]

    def step_form_kwargs(self, request, obj, move):
        """Extra arguments of the move's form (e.g. the object it is about)."""
        return {}

    def step_context(self, request, obj, move, form):
        """Extra context of the step page (the object's summary, its timeline)."""
        return {}

    def step_done_url(self, request, obj):
        return self._url("changelist")

    def run_move(self, request, obj, move, data):
        """Make ``move`` on ``obj`` through its service with the form's cleaned ``data``."""
        service = move.service_function()
        if self.service_subject:
            return service(**{self.service_subject: obj}, actor=request.user, **data)
        return service(obj, actor=request.user, **data)

    @staticmethod
    def _form_data(form):
        if form is None:
            return {}
        if hasattr(form, "service_kwargs"):
            return form.service_kwargs()
        return dict(form.cleaned_data)

    def _make_form(self, request, obj, move, data=None):
        form_class = move.form_class() or forms.Form
        return form_class(data, **self.step_form_kwargs(request, obj, move))

    def done_message(self, obj, move):
        return _("%(object)s: %(step)s.") % {"object": obj, "step": move.label}

    def step_view(self, request, object_id, action):
        request.current_app = self.admin_site.name
        workflow = self.workflow
        if action not in workflow.actions:
            raise Http404
        if not workflow.may(request.user, action):
            raise PermissionDenied
        obj = self.get_object(request, str(object_id))
        if obj is None:
            raise Http404
        if not workflow.may_in_office(request.user, workflow.permission(action), obj):
            raise PermissionDenied  # another office's object
        done_url = self.step_done_url(request, obj)
        move = next(
            (m for m in workflow.officer_moves(request.user, obj) if m.action == action), None
        )
        if move is None:
            messages.warning(
                request,
                _("%(object)s is now “%(state)s”: this step is no longer open.")
                % {
                    "object": obj,
                    "state": getattr(obj, f"get_{workflow.state_field}_display")(),
                },
            )
            return redirect(done_url)
        form = self._make_form(
            request, obj, move, request.POST if request.method == "POST" else None
        )
        if request.method == "POST" and form.is_valid():
            try:
                self.run_move(request, obj, move, self._form_data(form))
            except MoveRefused as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, self.done_message(obj, move))
            return redirect(done_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": obj,
            "object": obj,
            "move": move,
            "form": form,
            "title": f"{move.button or move.label}: {obj}",
            "button": move.button or move.label,
            "cancel_url": done_url,
            **self.step_context(request, obj, move, form),
        }
        return TemplateResponse(request, self.step_template, context)

    # --- bulk actions ------------------------------------------------------------------------

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        if action_location != ActionLocation.CHANGE_LIST or not actions and self.actions is None:
            return actions
        for action in self.bulk_moves:
            if self.workflow.may(request.user, action):
                entry = self.get_action(self._bulk_action(action), action_location)
                actions[entry.name] = entry
        return actions

    def _bulk_action(self, action):
        move = self.workflow.move(action)

        def run(modeladmin, request, queryset):
            return modeladmin.bulk_move(request, queryset, action)

        run.__name__ = f"{action}_selected"
        run.short_description = _("%(step)s (the selected ones)") % {
            "step": move.button or move.label
        }
        return run

    def bulk_move(self, request, queryset, action):
        """Make ``action`` on each selected object, asking once for what the move needs."""
        move = self.workflow.move(action)
        objects = list(queryset.order_by("pk"))
        form = None
        form_class = move.form_class()
        # Asked once when the move needs something (a reason); an optional note is left out.
        if form_class is not None and any(f.required for f in form_class.base_fields.values()):
            form = form_class(request.POST if "apply" in request.POST else None)
            if not form.is_bound or not form.is_valid():
                context = {
                    **self.admin_site.each_context(request),
                    "opts": self.opts,
                    "objects": objects,
                    "form": form,
                    "action": f"{action}_selected",
                    "title": move.button or move.label,
                    "button": move.button or move.label,
                    "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                }
                return TemplateResponse(request, self.bulk_template, context)
        data = self._form_data(form)
        done = skipped = 0
        for obj in objects:
            try:
                self.run_move(request, obj, move, data)
                done += 1
            except (MoveRefused, PermissionDenied):  # moved on, or another office's
                skipped += 1
        if done:
            self.message_user(
                request,
                _("%(step)s: %(count)d done.") % {"step": move.label, "count": done},
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                _("%(count)d skipped: no longer in the step this needs.") % {"count": skipped},
                messages.WARNING,
            )
        return None
