"""An officer's permissions kept between requests (portal.permcache): fewer queries on every
admin page, and every change to a role, a group or an account's permissions seen at once."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal import roles
from portal.models import OfficeRole

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:jobboard_jobseeker_changelist")
PERMISSION_TABLES = ("auth_permission", "portal_officerole")


def permission_queries(client, path):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    asked = [
        q["sql"] for q in ctx.captured_queries if any(t in q["sql"] for t in PERMISSION_TABLES)
    ]
    return response, asked


@pytest.fixture
def officer(client, make_user, roles_synced):
    user = make_user("pak-antar-kerja", role=roles.JOB_PLACEMENT_OFFICER)
    client.force_login(user)
    return user


def test_the_second_page_asks_the_database_nothing_about_permissions(client, officer):
    first, asked_first = permission_queries(client, QUEUE)
    second, asked_second = permission_queries(client, QUEUE)
    assert first.status_code == second.status_code == 200
    assert len(asked_first) == 3  # the account's, its groups' and its office roles'
    assert asked_second == []
    assert second.text.count('class="action-select"') == first.text.count('class="action-select"')


def test_a_role_taken_away_closes_the_queue_on_the_next_page(client, officer):
    assert client.get(QUEUE).status_code == 200
    OfficeRole.objects.filter(user=officer).delete()
    assert client.get(QUEUE).status_code == 403


def test_a_role_given_opens_the_queue_on_the_next_page(client, make_user, roles_synced, office):
    clerk = make_user("staf-baru", staff=True)
    client.force_login(clerk)
    assert client.get(QUEUE).status_code == 403
    from portal.offices import give_role

    give_role(clerk, office, roles.JOB_PLACEMENT_OFFICER)
    assert client.get(QUEUE).status_code == 200


def test_a_permission_taken_from_the_role_s_group_shows_on_the_next_page(client, officer):
    assert client.get(QUEUE).status_code == 200
    group = Group.objects.get(name=roles.JOB_PLACEMENT_OFFICER)
    view = Permission.objects.filter(
        content_type__app_label="jobboard", codename__in=["view_jobseeker", "change_jobseeker"]
    )
    group.permissions.remove(*view)
    assert client.get(QUEUE).status_code == 403


def test_a_permission_given_to_the_account_itself_shows_on_the_next_page(
    client, make_user, roles_synced
):
    clerk = make_user("staf-langsung", staff=True)
    client.force_login(clerk)
    assert client.get(QUEUE).status_code == 403
    clerk.user_permissions.add(
        Permission.objects.get(content_type__app_label="jobboard", codename="view_jobseeker")
    )
    assert client.get(QUEUE).status_code == 200
    clerk.user_permissions.clear()
    assert client.get(QUEUE).status_code == 403


def test_an_account_no_longer_staff_holds_nothing_although_its_permissions_are_kept(
    client, officer
):
    assert client.get(QUEUE).status_code == 200
    officer.is_staff = False
    officer.save(update_fields=["is_staff"])  # no signal of the permissions: its own row
    assert client.get(QUEUE).status_code == 302  # the admin's log-in page
    assert not officer.__class__.objects.get(pk=officer.pk).has_perm("jobboard.view_jobseeker")


def test_permissions_given_to_a_job_seeker_s_account_count_for_nothing(make_user, roles_synced):
    """Only an account that passes the second factor holds permissions (portal.backends)."""
    seeker = make_user("pencari", staff=False)
    seeker.user_permissions.add(
        Permission.objects.get(content_type__app_label="jobboard", codename="view_jobseeker")
    )
    seeker.groups.add(Group.objects.get(name=roles.JOB_PLACEMENT_OFFICER))
    fresh = seeker.__class__.objects.get(pk=seeker.pk)
    assert fresh.get_all_permissions() == set()
    assert not fresh.has_perm("jobboard.view_jobseeker")
