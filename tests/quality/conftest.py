"""Quality fixtures: a head with the dashboard permission, and a clock fixed in November 2026."""

import datetime

import pytest

from akad_permits.standards import WORK_TZ
from portal import roles


def wib(*args):
    """An aware moment in Jakarta time: wib(2026, 11, 16, 9, 0)."""
    return datetime.datetime(*args, tzinfo=WORK_TZ)


# Friday 20 November 2026, 14:00 WIB.
NOW = wib(2026, 11, 20, 14, 0)
NOVEMBER = datetime.date(2026, 11, 1)


@pytest.fixture(autouse=True)
def indonesian():
    """Each test starts in the portal's language (a request in English leaves English active)."""
    from django.utils import translation

    with translation.override("id"):
        yield


@pytest.fixture
def head(make_user, roles_synced):
    return make_user("kabid", role=roles.DIVISION_HEAD)


@pytest.fixture
def head_client(client, head):
    client.force_login(head)
    return client


@pytest.fixture
def make_complaint(officers, office):
    """A complaint moved to ``status`` through the complaints app's own services."""
    from complaints import services
    from complaints.models import Status
    from tests.complaints.conftest import CHAIN, COMPLAINANT, step_service

    order = [s.value for s in Status]

    def make(status="recorded", **data):
        complaint = services.record_complaint(
            office=office,
            actor=officers[roles.COMPLAINT_OFFICER],
            channel="counter",
            data={**COMPLAINANT, **data},
        )
        for action, role, extra in CHAIN[: order.index(status)]:
            step_service(action)(complaint=complaint, actor=officers[role], **extra)
        return complaint

    return make


@pytest.fixture
def permit_in(officers, office):
    """permit_in("issued"|"refused") -> an AKAD application moved there by its services."""
    from tests.akad_permits.conftest import bring_to, make_application
    from tests.factories import make_employer

    def make(state):
        employer = make_employer(status="active", company_name="PT Karya Abadi")
        return bring_to(make_application(employer), state, officers)

    return make


# The escalation tests' two offices, every role in each.
@pytest.fixture
def lumajang(office):
    # the demo's Lumajang with the default hours (its short Friday is the calendar's test's)
    hours = ("friday_opens_at", "friday_closes_at")
    from portal.demo import LUMAJANG
    from portal.models import Office

    return Office.objects.create(**{k: v for k, v in LUMAJANG.items() if k not in hours})


@pytest.fixture
def staff(make_user, roles_synced, office, lumajang):
    """Every role in both offices: staff[(office.slug, role)] -> officer (OfficeRole rows)."""
    people = {}
    for place in (office, lumajang):
        for i, role in enumerate(roles.ALL_ROLES):
            user = make_user(f"{place.slug[:8]}-{i}", role=role, office=place)
            people[(place.slug, role)] = user
    return people
