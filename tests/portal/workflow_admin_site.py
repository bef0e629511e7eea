"""A small admin site over complaints with the engine test's own table, for the mixin's tests."""

from django import forms
from django.contrib import admin
from django.urls import path

from complaints.models import Complaint
from portal import urls as portal_urls
from portal.workflow import Move, Workflow
from portal.workflow_admin import WaitingForMeFilter, WorkflowAdminMixin
from tests.portal.test_workflow import TABLE

ROWS = {m.action: m for m in TABLE.moves}


class NoteForm(forms.Form):
    note = forms.CharField(label="Catatan", required=True)


WORKFLOW = Workflow(
    [
        Move(**{**ROWS["report"].__dict__, "service": "tests.portal.workflow_admin_site.move"}),
        Move(
            **{
                **ROWS["pass"].__dict__,
                "service": "tests.portal.workflow_admin_site.move_pass",
                "form": "tests.portal.workflow_admin_site.NoteForm",
            }
        ),
    ],
    step_model=TABLE.step_model,
)


def move(complaint, *, actor):
    return WORKFLOW.apply(complaint, "report", actor=actor)


def move_pass(complaint, *, actor, note):
    return WORKFLOW.apply(complaint, "pass", actor=actor, note=note)


class ComplaintStepsAdmin(WorkflowAdminMixin, admin.ModelAdmin):
    change_list_template = "admin/change_list.html"
    change_form_template = "admin/change_form.html"
    workflow = WORKFLOW
    bulk_moves = ("report", "pass")
    list_filter = [WaitingForMeFilter]

    def get_list_display(self, request):
        return ["__str__", self.step_column(request)]


site = admin.AdminSite(name="wftest")
site.register(Complaint, ComplaintStepsAdmin)
urlpatterns = [path("wf/", site.urls), *portal_urls.urlpatterns]
