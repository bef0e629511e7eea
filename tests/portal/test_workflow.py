"""The workflow engine itself (portal.workflow), on a small table of its own over complaints.

Each app's own table is walked in its own tests; these check what every table relies on: who
may act, the state checked on the locked row, the required note, the move's own changes and
mail standing or falling with the move, and the step row.
"""

import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection

from complaints.models import Complaint, FollowUp, Status
from portal import roles
from portal.workflow import Mail, Move, MoveRefused, Workflow
from tests.factories import default_office

TABLE = Workflow(
    [
        Move(Status.RECORDED, "report", Status.REPORTED, "complaints.report_complaint", "reported"),
        Move(
            Status.REPORTED,
            "pass",
            Status.WITH_KABID,
            "complaints.pass_complaint",
            "passed",
            note_required="Write a note.",
        ),
        # A party's own move: decided by the rule, not a permission.
        Move(Status.WITH_KABID, "withdraw", Status.CLOSED, None, "withdrawn"),
    ],
    step_model=FollowUp,
    party=lambda actor, complaint: actor.username == complaint.complainant_name,
)


@pytest.fixture
def make_complaint(officers, office):
    from complaints import services
    from tests.complaints.conftest import COMPLAINANT

    def make():
        return services.record_complaint(
            office=default_office(),
            actor=officers[roles.COMPLAINT_OFFICER],
            channel="counter",
            data=dict(COMPLAINANT),
        )

    return make


@pytest.fixture
def complaint(make_complaint):
    return make_complaint()


def test_a_move_changes_the_state_and_writes_its_step(complaint, officers):
    officer = officers[roles.COMPLAINT_OFFICER]
    moved = TABLE.apply(complaint, "report", actor=officer, note="  ke Kasi  ")
    assert moved.status == complaint.status == Status.REPORTED
    step = FollowUp.objects.filter(complaint=complaint).latest("pk")
    assert (step.action, step.from_status, step.to_status, step.actor, step.note) == (
        "report",
        Status.RECORDED,
        Status.REPORTED,
        officer,
        "ke Kasi",
    )


def test_an_actor_without_the_permission_is_refused_and_nothing_changes(complaint, officers):
    with pytest.raises(PermissionDenied):
        TABLE.apply(complaint, "report", actor=officers[roles.SECTION_HEAD])
    complaint.refresh_from_db()
    assert complaint.status == Status.RECORDED
    assert not FollowUp.objects.filter(complaint=complaint, action="report").exists()


def test_a_move_from_another_state_is_refused_with_the_state_named(complaint, officers):
    with pytest.raises(MoveRefused) as refused:
        TABLE.apply(complaint, "pass", actor=officers[roles.SECTION_HEAD], note="x")
    assert str(Status.RECORDED.label) in refused.value.message


def test_an_empty_required_note_is_refused(complaint, officers):
    TABLE.apply(complaint, "report", actor=officers[roles.COMPLAINT_OFFICER])
    with pytest.raises(MoveRefused, match="Write a note."):
        TABLE.apply(complaint, "pass", actor=officers[roles.SECTION_HEAD], note="   ")
    complaint.refresh_from_db()
    assert complaint.status == Status.REPORTED


def test_the_party_rule_decides_moves_without_a_permission(complaint, officers, make_user):
    TABLE.apply(complaint, "report", actor=officers[roles.COMPLAINT_OFFICER])
    TABLE.apply(complaint, "pass", actor=officers[roles.SECTION_HEAD], note="ke Kabid")
    with pytest.raises(PermissionDenied):
        TABLE.apply(complaint, "withdraw", actor=officers[roles.HEAD_OF_OFFICE])
    TABLE.apply(complaint, "withdraw", actor=make_user(complaint.complainant_name))
    assert complaint.status == Status.CLOSED


def test_changes_run_on_the_locked_row_and_a_refusal_there_undoes_everything(
    complaint, officers, mailoutbox, django_capture_on_commit_callbacks
):
    officer = officers[roles.COMPLAINT_OFFICER]
    mailoutbox.clear()

    def refuse(locked, now):
        locked.instruction = "half-written"
        raise MoveRefused("not now")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(MoveRefused):
        TABLE.apply(
            complaint,
            "report",
            actor=officer,
            changes=refuse,
            mail=Mail("complaints/email/received", {"complaint": complaint}, "a@example.com"),
        )
    complaint.refresh_from_db()
    assert (complaint.status, complaint.instruction) == (Status.RECORDED, "")
    assert mailoutbox == []

    def note_it(locked, now):
        locked.instruction = "done"

    with django_capture_on_commit_callbacks(execute=True):
        TABLE.apply(
            complaint,
            "report",
            actor=officer,
            changes=note_it,
            mail=lambda locked: [
                Mail("complaints/email/received", {"complaint": locked}, "a@example.com")
            ],
        )
    assert complaint.instruction == "done"
    assert [m.to for m in mailoutbox] == [["a@example.com"]]


def test_a_table_names_each_state_and_action_once_and_each_action_one_permission():
    with pytest.raises(ValueError):
        Workflow([Move("a", "x", "b", None, ""), Move("a", "x", "c", None, "")], step_model=None)
    with pytest.raises(ValueError):
        Workflow(
            [Move("a", "x", "b", "p.one", ""), Move("b", "x", "c", "p.two", "")], step_model=None
        )


def test_queues_and_buttons_come_from_the_table(complaint, officers):
    kasi = officers[roles.SECTION_HEAD]
    assert TABLE.queue_states(kasi) == [Status.REPORTED]
    assert TABLE.allowed_actions(kasi, complaint) == []
    assert TABLE.allowed_actions(officers[roles.COMPLAINT_OFFICER], complaint) == ["report"]


@pytest.mark.django_db(transaction=True)
def test_two_officers_at_once_move_it_once(make_complaint, officers):
    """The row lock: the second officer finds the state moved on and is refused."""
    complaint = make_complaint()
    officer = officers[roles.COMPLAINT_OFFICER]
    results = []
    barrier = threading.Barrier(2)

    def take():
        barrier.wait()
        try:
            TABLE.apply(Complaint.objects.get(pk=complaint.pk), "report", actor=officer)
            results.append("moved")
        except MoveRefused:
            results.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["moved", "refused"]
    assert FollowUp.objects.filter(complaint=complaint, action="report").count() == 1
