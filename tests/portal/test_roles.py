from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import Group

from portal import roles

pytestmark = pytest.mark.django_db


def role_migrations():
    """Every data migration of the project's apps that grants or renames role permissions, in
    order: (the app whose permissions it grants, its frozen mapping, its renames, and what it
    takes back: {app label: {role: codenames}})."""
    from django.conf import settings

    for config in apps.get_app_configs():
        folder = Path(config.path) / "migrations"
        if not folder.is_dir() or not Path(config.path).is_relative_to(settings.BASE_DIR):
            continue
        for path in sorted(folder.glob("0*.py")):
            module = import_module(f"{config.name}.migrations.{path.stem}")
            if any(hasattr(module, n) for n in ("ROLE_PERMISSIONS", "RENAMES", "REVOKED")):
                yield (
                    getattr(module, "GRANTED_APP", config.label),
                    getattr(module, "ROLE_PERMISSIONS", {}),
                    getattr(module, "RENAMES", []),
                    getattr(module, "REVOKED", {}),
                )


def test_the_roles_migration_creates_every_group():
    module = import_module("portal.migrations.0002_roles")
    Group.objects.filter(name__in=roles.ALL_ROLES).delete()
    module.create_roles(apps, None)
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ALL_ROLES)
    assert module.ROLES == roles.ALL_ROLES


def test_migrations_grant_exactly_what_the_apps_declare():
    """The data migrations (frozen copies) and the apps' roles.py must not drift apart."""
    migrated = {role: set() for role in roles.ALL_ROLES + roles.PROVINCE_ROLES}
    for app_label, mapping, renames, revoked in role_migrations():
        for role, codenames in mapping.items():
            migrated[role].update(f"{app_label}.{c}" for c in codenames)
        for revoked_app, revoked_mapping in revoked.items():
            for role, codenames in revoked_mapping.items():
                migrated[role].difference_update(f"{revoked_app}.{c}" for c in codenames)
        for old, new in renames:  # a renamed permission stays with whoever held it
            for held in migrated.values():
                if f"{app_label}.{old}" in held:
                    held.remove(f"{app_label}.{old}")
                    held.add(f"{app_label}.{new}")
    assert migrated == roles.declared_role_permissions()


def test_groups_hold_the_declared_permissions():
    roles.sync_roles()
    declared = roles.declared_role_permissions()
    for role in roles.ALL_ROLES + roles.PROVINCE_ROLES:
        group = Group.objects.get(name=role)
        held = {
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.select_related("content_type")
        }
        assert held == declared[role], role


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
