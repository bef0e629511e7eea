import pytest

from portal import roles


@pytest.fixture(autouse=True)
def _office(office):
    """Mail templates and pages read the office profile."""
    return office


@pytest.fixture
def officer(make_user, roles_synced):
    return make_user("petugas", role=roles.JOB_PLACEMENT_OFFICER)


@pytest.fixture
def plain_staff(make_user, roles_synced):
    """Staff with a role that may look but not decide."""
    return make_user("kabid", role=roles.DIVISION_HEAD)
