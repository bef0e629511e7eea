"""Every row of jobboard's move tables, walked: refused to each actor without its permission
(every role of portal.roles, a job seeker, an employer, anonymous), refused from every other
state, and allowed for the right actor from its source state with its step row written."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from jobboard.models import Employer, JobSeeker
from jobboard.workflows import APPLICATIONS, PROFILE_CHANGES, REGISTRATIONS, VACANCIES
from portal.workflow import MoveRefused
from tests.jobboard.factories import (
    make_application,
    make_employer,
    make_jobseeker,
    make_profile_change,
    make_vacancy,
)

pytestmark = pytest.mark.django_db


def _registration(model):
    factory = make_jobseeker if model is JobSeeker else make_employer
    return (lambda status: factory(status=status)), (lambda obj: obj.user)


TABLES = {
    "jobseeker": (REGISTRATIONS[JobSeeker], *_registration(JobSeeker)),
    "employer": (REGISTRATIONS[Employer], *_registration(Employer)),
    "vacancy": (VACANCIES, lambda status: make_vacancy(status=status), lambda v: v.employer.user),
    "application": (
        APPLICATIONS,
        lambda status: make_application(status=status),
        lambda a: a.vacancy.employer.user,
    ),
    "profile change": (
        PROFILE_CHANGES,
        lambda status: make_profile_change(status=status),
        lambda c: c.profile.user,
    ),
}
ROWS = [
    pytest.param(name, move, id=f"{name}-{move.source}-{move.action}")
    for name, (workflow, _make, _party) in TABLES.items()
    for move in workflow.moves
]


def _steps(obj):
    return obj.steps.count()


def _try(workflow, obj, move, actor):
    return workflow.apply(obj, move.action, actor=actor, note="catatan", target=move.target)


@pytest.mark.parametrize(("name", "move"), ROWS)
def test_each_row_refuses_the_wrong_actors_and_states_and_moves_for_the_right_one(
    name, move, officers
):
    workflow, make, party_of = TABLES[name]
    obj = make(move.source)
    owner = party_of(obj)
    strangers = {
        **officers,
        "a job seeker": make_jobseeker(status="active").user,
        "an employer": make_employer(status="active").user,
        "anonymous": AnonymousUser(),
        "the owner": owner,
    }
    if move.permission is None:
        right = owner
        del strangers["the owner"]
    else:
        allowed = [user for user in officers.values() if user.has_perm(move.permission)]
        assert allowed, f"no role holds {move.permission}"
        right = allowed[0]
        strangers = {k: u for k, u in strangers.items() if not u.has_perm(move.permission)}

    for who, actor in strangers.items():
        with pytest.raises(PermissionDenied):
            _try(workflow, obj, move, actor)
        obj.refresh_from_db()
        assert workflow.state_of(obj) == move.source, who
    assert _steps(obj) == 0

    # From every state the action does not leave, the right actor is refused: MoveRefused.
    leaves = {m.source for m in workflow.moves if m.action == move.action}
    for state, _label in type(obj)._meta.get_field(workflow.state_field).choices:
        if state in leaves:
            continue
        other = make(state)
        actor = party_of(other) if move.permission is None else right
        with pytest.raises(MoveRefused):
            _try(workflow, other, move, actor)
        other.refresh_from_db()
        assert workflow.state_of(other) == state and _steps(other) == 0

    moved = _try(workflow, obj, move, right)
    assert workflow.state_of(moved) == move.target
    step = obj.steps.get()
    assert (step.action, step.from_status, step.to_status, step.actor) == (
        move.action,
        move.source,
        move.target,
        right,
    )
