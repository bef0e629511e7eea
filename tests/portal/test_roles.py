import pytest
from django.contrib.auth.models import Group

from portal import roles

pytestmark = pytest.mark.django_db


def test_every_role_group_exists_after_migrations():
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ALL_ROLES)


def test_migrated_permissions_match_each_apps_declaration():
    """The data migrations (frozen copies) and the apps' roles.py must not drift apart."""
    declared = roles.declared_role_permissions()
    for role in roles.ALL_ROLES:
        group = Group.objects.get(name=role)
        migrated = {
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.select_related("content_type")
        }
        assert migrated == declared[role], role


def test_placement_officer_may_activate_and_read_documents_but_a_head_may_not(make_user):
    officer = make_user("pak", role=roles.JOB_PLACEMENT_OFFICER)
    head = make_user("kadis", role=roles.HEAD_OF_OFFICE)
    assert officer.has_perm("jobboard.activate_jobseeker")
    assert officer.has_perm("jobboard.view_jobseeker_documents")
    assert not head.has_perm("jobboard.activate_jobseeker")
    assert not head.has_perm("jobboard.view_jobseeker_documents")


def test_sync_roles_restores_a_damaged_group():
    group = Group.objects.get(name=roles.JOB_PLACEMENT_OFFICER)
    group.permissions.clear()
    roles.sync_roles()
    assert group.permissions.filter(codename="activate_jobseeker").exists()
