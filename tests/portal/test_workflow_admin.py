"""The admin mixin for workflows (portal.workflow_admin), on a small admin site of its own.

Each app's admin is exercised in its own tests; these check what the mixin gives every one:
buttons only for the moves the officer may make, the step page with the move's form, bulk
actions that call the service per object and ask once for a required note, the queue filter.
"""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from complaints.models import Complaint, FollowUp, Status
from portal import roles
from tests.factories import default_office

pytestmark = pytest.mark.urls("tests.portal.workflow_admin_site")


@pytest.fixture
def complaints(officers, office):
    from complaints import services
    from tests.complaints.conftest import COMPLAINANT

    return [
        services.record_complaint(
            office=default_office(),
            actor=officers[roles.COMPLAINT_OFFICER],
            channel="counter",
            data=dict(COMPLAINANT),
        )
        for _ in range(3)
    ]


def login(client, user):
    client.force_login(user)
    return client


def test_the_list_shows_only_the_moves_the_officer_may_make(client, officers, complaints):
    page = login(client, officers[roles.COMPLAINT_OFFICER]).get("/wf/complaints/complaint/")
    assert page.status_code == 200
    assert page.content.decode().count('class="button workflow-step"') == 3
    page = login(client, officers[roles.SECTION_HEAD]).get("/wf/complaints/complaint/?queue=all")
    assert 'class="button workflow-step"' not in page.content.decode()


def test_the_step_page_makes_the_move_and_confirms(client, officers, complaints):
    complaint = complaints[0]
    login(client, officers[roles.COMPLAINT_OFFICER])
    url = f"/wf/complaints/complaint/{complaint.pk}/step/report/"
    assert client.get(url).status_code == 200
    answer = client.post(url, follow=True)
    complaint.refresh_from_db()
    assert complaint.status == Status.REPORTED
    assert "reported" in answer.content.decode()
    # Pressed again (a second tab): told it has moved on, nothing written twice.
    again = client.get(url, follow=True)
    assert "no longer open" in again.content.decode() or "tidak lagi" in again.content.decode()
    assert FollowUp.objects.filter(complaint=complaint, action="report").count() == 1


def test_the_step_page_refuses_an_officer_without_the_permission(client, officers, complaints):
    login(client, officers[roles.SECTION_HEAD])
    url = f"/wf/complaints/complaint/{complaints[0].pk}/step/report/"
    assert client.post(url).status_code == 403
    assert (
        client.get(f"/wf/complaints/complaint/{complaints[0].pk}/step/nothing/").status_code == 404
    )


def test_a_required_note_is_asked_on_the_step_page_and_kept_on_error(client, officers, complaints):
    complaint = complaints[0]
    login(client, officers[roles.COMPLAINT_OFFICER]).post(
        f"/wf/complaints/complaint/{complaint.pk}/step/report/"
    )
    login(client, officers[roles.SECTION_HEAD])
    url = f"/wf/complaints/complaint/{complaint.pk}/step/pass/"
    page = client.post(url, {"note": ""})
    assert page.status_code == 200 and "errorlist" in page.content.decode()
    client.post(url, {"note": "ke Kabid"})
    complaint.refresh_from_db()
    assert complaint.status == Status.WITH_KABID
    assert FollowUp.objects.get(complaint=complaint, action="pass").note == "ke Kabid"


def test_a_bulk_action_moves_each_selected_one_and_skips_those_moved_on(
    client, officers, complaints
):
    login(client, officers[roles.COMPLAINT_OFFICER])
    first = complaints[0]
    client.post(f"/wf/complaints/complaint/{first.pk}/step/report/")
    client.post(
        "/wf/complaints/complaint/?queue=all",
        {"action": "report_selected", ACTION_CHECKBOX_NAME: [c.pk for c in complaints]},
    )
    assert set(Complaint.objects.values_list("status", flat=True)) == {Status.REPORTED}
    assert FollowUp.objects.filter(action="report").count() == 3


def test_a_bulk_action_with_a_required_note_asks_once_then_applies(client, officers, complaints):
    login(client, officers[roles.COMPLAINT_OFFICER])
    for c in complaints:
        client.post(f"/wf/complaints/complaint/{c.pk}/step/report/")
    login(client, officers[roles.SECTION_HEAD])
    selection = {"action": "pass_selected", ACTION_CHECKBOX_NAME: [c.pk for c in complaints]}
    asked = client.post("/wf/complaints/complaint/", selection)
    assert asked.status_code == 200 and 'name="note"' in asked.content.decode()
    empty = client.post("/wf/complaints/complaint/", {**selection, "apply": "1", "note": ""})
    assert "errorlist" in empty.content.decode()
    assert not FollowUp.objects.filter(action="pass").exists()
    client.post("/wf/complaints/complaint/", {**selection, "apply": "1", "note": "semua ke Kabid"})
    assert (
        list(FollowUp.objects.filter(action="pass").values_list("note", flat=True))
        == ["semua ke Kabid"] * 3
    )


def test_bulk_actions_are_offered_only_to_holders_of_the_permission(client, officers, complaints):
    page = login(client, officers[roles.DIVISION_HEAD]).get("/wf/complaints/complaint/?queue=all")
    assert "report_selected" not in page.content.decode()


def test_the_queue_filter_shows_what_waits_for_this_officer(client, officers, complaints):
    login(client, officers[roles.COMPLAINT_OFFICER]).post(
        f"/wf/complaints/complaint/{complaints[0].pk}/step/report/"
    )
    kasi = login(client, officers[roles.SECTION_HEAD]).get("/wf/complaints/complaint/")
    assert kasi.context["cl"].result_count == 1
    everything = client.get("/wf/complaints/complaint/?queue=all")
    assert everything.context["cl"].result_count == 3
