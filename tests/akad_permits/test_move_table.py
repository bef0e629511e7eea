"""Every row of the AKAD move table (akad_permits.workflows), walked through its own service.

Each row is refused to every actor without its permission (every role of the office, a job
seeker, another employer, the applicant for an officer's step, a visitor who is not logged
in) and from every state it does not leave; it is allowed from its source state for the
right actor, and writes its step row. A new row is picked up here by itself.
"""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from akad_permits.models import PermitApplication, Status
from akad_permits.workflows import WORKFLOW
from portal.workflow import MoveRefused
from tests.factories import make_employer, make_jobseeker

from .conftest import make_application

pytestmark = pytest.mark.django_db

ROWS = [pytest.param(m, id=f"{m.source}-{m.action}") for m in WORKFLOW.moves]


def inputs(action):
    """What the step's form would hand its service."""
    today = timezone.localdate()
    return {
        "register": {"agenda_number": "005/1/2026", "agenda_date": today},
        "return": {"items": ["vacancy_file"], "reason": "Belum ditandatangani."},
        "dispose": {"instruction": "Proses sesuai ketentuan."},
        "consult": {"outcome": "Disetujui."},
        "draft": {
            "valid_from": today,
            "valid_until": today + datetime.timedelta(days=30),
            "coverage": "Operator: 10 L",
        },
        "refuse": {"reason": "Kuota penuh."},
    }.get(action, {})


def put_in(application, state):
    """The application placed in ``state`` (a fixture's shortcut; the services walk it)."""
    PermitApplication.objects.filter(pk=application.pk).update(status=state)
    application.refresh_from_db()
    return application


def take(move, application, actor):
    return move.service_function()(application=application, actor=actor, **inputs(move.action))


def right_actor(move, application, officers):
    if move.permission is None:
        return application.employer.user
    holders = [u for u in officers.values() if u.has_perm(move.permission)]
    assert holders, f"no role holds {move.permission}"
    return holders[0]


@pytest.fixture
def application(employer, office):
    return make_application(employer)


@pytest.mark.parametrize("move", ROWS)
def test_a_row_is_refused_to_every_actor_without_its_permission(
    move, application, officers, make_user
):
    put_in(application, move.source)
    actors = {
        f"role {role}": user
        for role, user in officers.items()
        if move.permission is None or not user.has_perm(move.permission)
    }
    actors["job seeker"] = make_jobseeker(status="active").user
    actors["another employer"] = make_employer(status="active").user
    actors["staff without a role"] = make_user("bare-staff", staff=True)
    actors["not logged in"] = AnonymousUser()
    if move.permission is not None:
        actors["the applicant"] = application.employer.user
    for name, actor in actors.items():
        with pytest.raises(PermissionDenied):
            take(move, application, actor)
        application.refresh_from_db()
        assert application.status == move.source, name
    assert not application.steps.exists()


@pytest.mark.parametrize("move", ROWS)
def test_a_row_is_refused_from_every_state_it_does_not_leave(move, application, officers):
    # The same service may carry two rows (submit and resubmit, a refusal at two steps).
    sources = {m.source for m in WORKFLOW.moves if m.service == move.service}
    actor = right_actor(move, application, officers)
    for state in Status:
        if state in sources:
            continue
        put_in(application, state)
        with pytest.raises(MoveRefused):
            take(move, application, actor)
        application.refresh_from_db()
        assert application.status == state
    assert not application.steps.exists()


@pytest.mark.parametrize("move", ROWS)
def test_a_row_is_allowed_from_its_source_and_writes_its_step(move, application, officers):
    put_in(application, move.source)
    actor = right_actor(move, application, officers)
    take(move, application, actor)
    application.refresh_from_db()
    assert application.status == move.target
    step = application.steps.get()
    assert (step.action, step.from_status, step.to_status, step.actor) == (
        move.action,
        move.source,
        move.target,
        actor,
    )
