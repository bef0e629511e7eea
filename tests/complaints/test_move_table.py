"""Every row of the complaints' move tables (complaints.workflows), walked through its service.

Each row is refused to every actor without its permission (every role of the office, a job
seeker, an employer, staff without a role, nobody logged in) and from every state it does
not leave; it is allowed from its source state for the right actor and writes its step (a
complaint's FollowUp; an unreadable e-mail keeps who handled it, and when, on its own row).
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from complaints.models import Complaint, Status, UnreadableMail
from complaints.workflows import MAIL_WORKFLOW, WORKFLOW
from portal import roles
from portal.workflow import MoveRefused
from tests.complaints.conftest import COMPLAINANT
from tests.factories import default_office, make_employer, make_jobseeker

pytestmark = pytest.mark.django_db

ROWS = [pytest.param(m, id=m.action) for m in WORKFLOW.moves]
MAIL_ROWS = [pytest.param(m, id=f"mail-{m.action}") for m in MAIL_WORKFLOW.moves]

INPUTS = {
    "coordinate": {"instruction": "Cek pencetakan kartu."},
    "hand_back": {"follow_up": "Kartu sudah dicetak."},
    "answer": {"answer": "Kartu dapat diambil di loket 2.", "letter_number": "560/7"},
}
MAIL_INPUTS = {"record": {"data": dict(COMPLAINANT)}, "dismiss": {"note": "Spam"}}


@pytest.fixture
def complaint(make_complaint):
    return make_complaint()


@pytest.fixture
def mail(db):
    return UnreadableMail.objects.create(
        office=default_office(), fingerprint="<m@x>", problem="empty", raw=b"x"
    )


def outsiders(move, officers, make_user):
    actors = {
        f"role {role}": user
        for role, user in officers.items()
        if not user.has_perm(move.permission)
    }
    actors["job seeker"] = make_jobseeker(status="active").user
    actors["employer"] = make_employer(status="active").user
    actors["staff without a role"] = make_user("bare-staff", staff=True)
    actors["not logged in"] = AnonymousUser()
    return actors


def holder(move, officers):
    return next(u for u in officers.values() if u.has_perm(move.permission))


def put_in(obj, state, field="status"):
    """The object placed in ``state`` (a fixture's shortcut; the services walk it)."""
    type(obj).objects.filter(pk=obj.pk).update(**{field: state})
    obj.refresh_from_db()
    return obj


def take(move, complaint, actor):
    return move.service_function()(complaint=complaint, actor=actor, **INPUTS.get(move.action, {}))


def take_mail(move, mail, actor):
    return move.service_function()(mail=mail, actor=actor, **MAIL_INPUTS[move.action])


# --- the complaint's chain (7.2.1-7.2.3) ---------------------------------------------------


@pytest.mark.parametrize("move", ROWS)
def test_a_row_is_refused_to_every_actor_without_its_permission(
    move, complaint, officers, make_user
):
    put_in(complaint, move.source)
    steps = complaint.steps.count()
    for name, actor in outsiders(move, officers, make_user).items():
        with pytest.raises(PermissionDenied):
            take(move, complaint, actor)
        assert Complaint.objects.get(pk=complaint.pk).status == move.source, name
    assert complaint.steps.count() == steps


@pytest.mark.parametrize("move", ROWS)
def test_a_row_is_refused_from_every_state_it_does_not_leave(move, complaint, officers):
    actor = holder(move, officers)
    steps = complaint.steps.count()
    for state in Status:
        if state == move.source:
            continue
        put_in(complaint, state)
        with pytest.raises(MoveRefused):
            take(move, complaint, actor)
        assert Complaint.objects.get(pk=complaint.pk).status == state
    assert complaint.steps.count() == steps


@pytest.mark.parametrize("move", ROWS)
def test_a_row_is_allowed_from_its_source_and_writes_its_step(move, complaint, officers):
    put_in(complaint, move.source)
    actor = holder(move, officers)
    take(move, complaint, actor)
    complaint.refresh_from_db()
    assert complaint.status == move.target
    step = complaint.steps.latest("pk")
    assert (step.action, step.from_status, step.to_status, step.actor) == (
        move.action,
        move.source,
        move.target,
        actor,
    )


def test_recording_writes_the_first_step_from_nothing(officers, office):
    from complaints import services

    officer = officers[roles.COMPLAINT_OFFICER]
    complaint = services.record_complaint(
        office=default_office(), actor=officer, channel="counter", data=COMPLAINANT
    )
    step = complaint.steps.get()
    assert (step.action, step.from_status, step.to_status, step.actor) == (
        "record",
        "",
        Status.RECORDED,
        officer,
    )


# --- an unreadable e-mail ---------------------------------------------------------------


@pytest.mark.parametrize("move", MAIL_ROWS)
def test_a_mail_row_is_refused_to_every_actor_without_its_permission(
    move, mail, officers, make_user, office
):
    for name, actor in outsiders(move, officers, make_user).items():
        with pytest.raises(PermissionDenied):
            take_mail(move, mail, actor)
        assert UnreadableMail.objects.get(pk=mail.pk).state == move.source, name
    assert not Complaint.objects.exists()


@pytest.mark.parametrize("move", MAIL_ROWS)
def test_a_mail_row_is_refused_from_every_state_it_does_not_leave(move, mail, officers, office):
    actor = holder(move, officers)
    for state in UnreadableMail.State:
        if state == move.source:
            continue
        put_in(mail, state, field="state")
        with pytest.raises(MoveRefused):
            take_mail(move, mail, actor)
        assert UnreadableMail.objects.get(pk=mail.pk).state == state
    assert not Complaint.objects.exists()


@pytest.mark.parametrize("move", MAIL_ROWS)
def test_a_mail_row_is_allowed_from_its_source_and_keeps_who_handled_it(
    move, mail, officers, office
):
    actor = holder(move, officers)
    take_mail(move, mail, actor)
    mail.refresh_from_db()
    assert mail.state == move.target
    assert mail.handled_by == actor and mail.handled_at is not None
    assert (mail.complaint is not None) == (move.action == "record")
