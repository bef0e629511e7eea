"""Every role against every step: only the role the document names may take it."""

import pytest
from django.core.exceptions import PermissionDenied

from akad_permits import services
from akad_permits.models import Status
from akad_permits.workflows import WORKFLOW
from portal import roles

from .conftest import bring_to, make_application, step_kwargs, step_service

pytestmark = pytest.mark.django_db

# Written out from the document, not derived from the code under test.
ALLOWED = {
    "register": {roles.SECRETARIAT},
    "return": {roles.SECRETARIAT},
    "dispose": {roles.HEAD_OF_OFFICE},
    "consult": {roles.DIVISION_HEAD},
    "draft": {roles.SECTION_HEAD},
    "sign": {roles.HEAD_OF_OFFICE},
    "refuse": {roles.HEAD_OF_OFFICE},
}
FROM_STATE = {
    "register": "submitted",
    "return": "submitted",
    "dispose": "registered",
    "consult": "disposed",
    "draft": "consulted",
    "sign": "drafted",
    "refuse": "registered",
}
EXTRA = {"return": {"items": ["vacancy_file"]}, "refuse": {"reason": "Tidak memenuhi syarat."}}
ACTORS = [*roles.ALL_ROLES, "applicant", "superuser"]


def kwargs_for(action):
    kwargs = step_kwargs(action) if action in {"register", "draft"} else {}
    if action == "dispose":
        kwargs = {"instruction": "Proses."}
    if action == "consult":
        kwargs = {"outcome": "Setuju."}
    return {**kwargs, **EXTRA.get(action, {})}


@pytest.mark.parametrize("actor_name", ACTORS)
@pytest.mark.parametrize("action", list(ALLOWED))
def test_role_may_take_step_only_if_the_document_names_it(
    action, actor_name, employer, officers, office, make_user
):
    app = bring_to(make_application(employer), FROM_STATE[action], officers)
    if actor_name == "applicant":
        actor = employer.user
    elif actor_name == "superuser":
        actor = make_user("root", superuser=True)
    else:
        actor = officers[actor_name]
    steps = app.steps.count()
    allowed = actor_name in ALLOWED[action] or actor_name == "superuser"
    assert (action in WORKFLOW.allowed_actions(actor, app)) is allowed
    if allowed:
        step_service(action)(application=app, actor=actor, **kwargs_for(action))
        assert app.status != FROM_STATE[action]
        assert app.steps.count() == steps + 1
        assert app.steps.last().actor == actor
    else:
        with pytest.raises(PermissionDenied):
            step_service(action)(application=app, actor=actor, **kwargs_for(action))
        app.refresh_from_db()
        assert app.status == FROM_STATE[action]
        assert app.steps.count() == steps


@pytest.mark.parametrize("role", roles.ALL_ROLES)
def test_no_officer_role_may_submit_for_the_applicant(role, application, officers):
    with pytest.raises(PermissionDenied):
        services.submit(application=application, actor=officers[role])
    application.refresh_from_db()
    assert application.status == Status.DRAFT


@pytest.mark.parametrize(
    ("role", "states"),
    [
        (roles.SECRETARIAT, ["submitted"]),
        (roles.HEAD_OF_OFFICE, ["drafted", "registered"]),
        (roles.DIVISION_HEAD, ["disposed"]),
        (roles.SECTION_HEAD, ["consulted"]),
        (roles.JOB_PLACEMENT_OFFICER, []),
        (roles.COMPLAINT_OFFICER, []),
    ],
)
def test_each_role_has_its_own_work_queue(role, states, officers):
    assert WORKFLOW.queue_states(officers[role]) == sorted(states)
