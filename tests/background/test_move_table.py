"""Every row of the background work's move tables (background.workflows), walked.

The resend is a person's move: refused to every actor without the permission of the mail's
service (every other role, a job seeker, an employer, staff without a role, nobody logged in,
and the portal itself) and from every state it does not leave. The delivery moves (send,
retry, fail) and the giving back of a task are the portal's own: refused to every person,
the superuser included, and from every state they do not leave.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail as sent_mail
from django.core.exceptions import PermissionDenied

from background import outbox
from background.models import SERVICES, OutboxMail
from background.workflows import OUTBOX, TASKS
from portal.workflow import SYSTEM, Move, MoveRefused
from tests.factories import default_office, make_employer, make_jobseeker

pytestmark = pytest.mark.django_db

PERSON_ROWS = [
    pytest.param(m, id=f"{m.action}-from-{m.source}") for m in OUTBOX.moves if not m.system
]
SYSTEM_ROWS = [pytest.param(m, id=f"{m.action}-from-{m.source}") for m in OUTBOX.moves if m.system]
ALL_ROWS = [*PERSON_ROWS, *SYSTEM_ROWS]
# "portal": the mail of no service (only the superuser resends it).
MAIL_SERVICES = [*SERVICES, "portal"]


def make_mail(service="complaints", status=OutboxMail.Status.QUEUED):
    mail = outbox.queue_mail(
        template=f"{service}/email/x",
        recipients=["a@example.com"],
        subject="s",
        body="b",
        office=default_office(),  # the officers' office
    )
    return put_in(mail, status)


def put_in(obj, state):
    """The object placed in ``state`` (a fixture's shortcut; the moves walk it)."""
    type(obj).objects.filter(pk=obj.pk).update(status=state)
    obj.refresh_from_db()
    return obj


def people(officers, make_user):
    actors = {f"role {role}": user for role, user in officers.items()}
    actors["job seeker"] = make_jobseeker(status="active").user
    actors["employer"] = make_employer(status="active").user
    actors["staff without a role"] = make_user("bare-staff", staff=True)
    actors["not logged in"] = AnonymousUser()
    return actors


def holder(service, officers, make_user):
    permission = f"background.resend_{service}_mail"
    found = [u for u in officers.values() if u.has_perm(permission)]
    return found[0] if found else make_user("root", superuser=True)


def leaving(action):
    """The states some row of ``action`` leaves (the same action leaves several)."""
    return {m.source for m in OUTBOX.moves if m.action == action}


def refused_to_all(move, mail, actors):
    for name, actor in actors.items():
        with pytest.raises(PermissionDenied):
            take(move, mail, actor)
        assert OutboxMail.objects.get(pk=mail.pk).status == move.source, name


def take(move, mail, actor):
    if move.system:
        return OUTBOX.apply(mail, move.action, actor=actor)
    return move.service_function()(mail=mail, actor=actor)


# --- every row -------------------------------------------------------------------------------


@pytest.mark.parametrize("move", ALL_ROWS)
def test_a_row_is_refused_from_every_state_it_does_not_leave(move, officers, make_user):
    actor = SYSTEM if move.system else holder("complaints", officers, make_user)
    mail = make_mail()
    for state in OutboxMail.Status:
        if state in leaving(move.action):
            continue
        put_in(mail, state)
        with pytest.raises(MoveRefused):
            take(move, mail, actor)
        assert OutboxMail.objects.get(pk=mail.pk).status == state
    if not move.system:
        assert outbox.resend([mail], actor=actor) == 0  # the admin action skips it


# --- the officer's move: resend ------------------------------------------------------------


@pytest.mark.parametrize("service", MAIL_SERVICES)
@pytest.mark.parametrize("move", PERSON_ROWS)
def test_a_resend_is_refused_to_every_actor_without_its_services_permission(
    move, service, officers, make_user
):
    mail = make_mail(service, move.source)
    permission = f"background.resend_{service}_mail"
    actors = {
        name: user
        for name, user in people(officers, make_user).items()
        if not user.has_perm(permission)
    }
    actors["the portal itself"] = SYSTEM
    assert len(actors) >= len(officers) - 1 + 4
    refused_to_all(move, mail, actors)


@pytest.mark.parametrize("service", MAIL_SERVICES)
@pytest.mark.parametrize("move", PERSON_ROWS)
def test_a_resend_is_allowed_from_its_source_with_a_fresh_time_to_give_up(
    move, service, officers, make_user, django_capture_on_commit_callbacks
):
    mail = make_mail(service, move.source)
    OutboxMail.objects.filter(pk=mail.pk).update(
        attempts=3, last_error="550 no", failed_at=mail.queued_at
    )
    actor = holder(service, officers, make_user)
    with django_capture_on_commit_callbacks(execute=True):
        take(move, mail, actor)
    mail.refresh_from_db()
    # The test queue runs the delivery at once: queued again, then sent by the system.
    assert mail.status == OutboxMail.Status.SENT and mail.attempts == 4
    assert mail.failed_at is None and mail.give_up_at > mail.queued_at
    assert sent_mail.outbox[-1].subject == "s"


# --- the portal's own moves: send, retry, fail ---------------------------------------------


@pytest.mark.parametrize("move", SYSTEM_ROWS)
def test_a_system_move_is_refused_to_every_person_the_superuser_included(move, officers, make_user):
    mail = make_mail(status=move.source)
    actors = people(officers, make_user)
    actors["superuser"] = make_user("root", superuser=True)
    refused_to_all(move, mail, actors)


@pytest.mark.parametrize("move", SYSTEM_ROWS)
def test_a_system_move_is_allowed_from_its_source_for_the_portal(move):
    mail = make_mail(status=move.source)
    take(move, mail, SYSTEM)
    assert OutboxMail.objects.get(pk=mail.pk).status == move.target


def test_a_delivery_records_its_outcome_as_the_systems_move(settings):
    mail = make_mail()
    assert outbox.deliver(mail.pk) == OutboxMail.Status.SENT
    mail.refresh_from_db()
    assert (mail.attempts, mail.last_error) == (1, "") and mail.sent_at is not None
    assert outbox.deliver(mail.pk) is None  # a second run finds it sent and stops
    assert len(sent_mail.outbox) == 1


# --- a task given back to the queue ----------------------------------------------------------


def test_giving_back_a_task_is_the_portals_move_alone(officers, make_user):
    from django.tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from background import worker

    result = DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="tests.background.jobs.write_line",
        backend_name="default",
        run_after="2026-01-01T00:00:00Z",
        worker_ids=["gone"],
    )
    actors = {**people(officers, make_user), "superuser": make_user("root", superuser=True)}
    for name, actor in actors.items():
        with pytest.raises(PermissionDenied):
            TASKS.apply(result, "give_back", actor=actor)
        assert DBTaskResult.objects.get(pk=result.pk).status == TaskResultStatus.RUNNING, name

    assert worker.requeue_abandoned() == [result.pk]
    result.refresh_from_db()
    assert result.status == TaskResultStatus.READY and result.started_at is None
    with pytest.raises(MoveRefused):  # READY is not a state it leaves
        TASKS.apply(result, "give_back", actor=SYSTEM)


def test_a_system_move_takes_no_permission():
    with pytest.raises(ValueError):
        Move("a", "b", "c", permission="background.view_outboxmail", label="x", system=True)
