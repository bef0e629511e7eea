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


@pytest.fixture
def head(make_user, roles_synced):
    return make_user("kabid", role=roles.DIVISION_HEAD)


@pytest.fixture
def head_client(client, head):
    client.force_login(head)
    return client
