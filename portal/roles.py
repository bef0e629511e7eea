"""The office's roles as Django groups, and how the apps give them permissions.

Code checks permissions, never group names. The groups exist so an administrator can give a
person a role in one click; each app adds its own action permissions to them in a data
migration with ``grant()``.
"""

JOB_PLACEMENT_OFFICER = "Petugas Antar Kerja"
COMPLAINT_OFFICER = "Petugas Pengaduan"
SECRETARIAT = "Sekretariat"
SECTION_HEAD = "Kepala Seksi Penempatan"
DIVISION_HEAD = "Kepala Bidang"
HEAD_OF_OFFICE = "Kepala Dinas"
# A role of a province office: reads the records, dashboards and figures of every office of
# the province (portal.offices), and changes nothing.
PROVINCE_READER = "Pembaca Provinsi"

# What the roles may do outside the portal's own apps. Entries name their app ("axes.…").
ROLE_PERMISSIONS = {
    # The lockout page tells a locked-out job seeker that an officer can unlock the account,
    # and people without e-mail get a new password at the counter: the Petugas Antar Kerja
    # does both for job seekers and employers (portal.accounts), without reading django-axes'
    # records of failed logins (addresses, typed names, officers' and the superuser's
    # lockouts), which stay with the superuser (docs/security.md).
    JOB_PLACEMENT_OFFICER: [
        "portal.unlock_login",
        "portal.reset_password_at_counter",
        "portal.export_personal_data",
    ],
    # The officers who work a list take it out as a spreadsheet (portal.exports), in the
    # offices where they serve: the placement officer the job exchange's lists, the complaint
    # officer the complaints, the secretariat the AKAD applications it registers, the Kasi
    # Penempatan what the section supervises. The heads above read the figures (the
    # dashboard, the monthly report) and who exported what (portal.ExportRecord), and export
    # no personal data themselves; nor does the province's reader.
    COMPLAINT_OFFICER: ["portal.export_personal_data"],
    SECRETARIAT: ["portal.export_personal_data"],
    SECTION_HEAD: ["portal.export_personal_data"],
    DIVISION_HEAD: ["portal.view_exportrecord"],
    # The Kepala Dinas also sets the office's time for a written answer to a complaint
    # (Office.complaint_answer_days), in his own office only.
    HEAD_OF_OFFICE: ["portal.view_exportrecord", "portal.set_complaint_answer_time"],
}

ALL_ROLES = [
    JOB_PLACEMENT_OFFICER,
    COMPLAINT_OFFICER,
    SECRETARIAT,
    SECTION_HEAD,
    DIVISION_HEAD,
    HEAD_OF_OFFICE,
]

# Roles held in a province office (level provinsi), reaching the offices of the province.
PROVINCE_ROLES = [PROVINCE_READER]


# The chain of command, one row per role: whom a step that waited too long for a role is
# reported to, in the same office (quality.escalation). The placement officer and the
# complaint officer report to the Kepala Seksi Penempatan (the first seed's 7.2.1), the Kasi
# to the Kepala Bidang, the Kabid and the secretariat to the Kepala Dinas. The Kepala Dinas
# has no one above in the office: his own late steps come back to him, and show on the
# dashboard with everyone else's.
NEXT_UP = {
    JOB_PLACEMENT_OFFICER: SECTION_HEAD,
    COMPLAINT_OFFICER: SECTION_HEAD,
    SECRETARIAT: HEAD_OF_OFFICE,
    SECTION_HEAD: DIVISION_HEAD,
    DIVISION_HEAD: HEAD_OF_OFFICE,
    HEAD_OF_OFFICE: HEAD_OF_OFFICE,
}


def roles_holding(permission):
    """The roles whose declared permissions include ``permission`` ("app.codename")."""
    return [role for role, perms in declared_role_permissions().items() if permission in perms]


def grant(apps, app_label, role_permissions):
    """Give groups permissions from a data migration.

    ``role_permissions`` maps a role name to codenames of ``app_label``. Permissions are
    normally created after migrations (post_migrate), so they are created here first.
    """
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in role_permissions.items():
        group, _ = Group.objects.get_or_create(name=role)
        perms = list(
            Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
        missing = set(codenames) - {p.codename for p in perms}
        if missing:
            raise LookupError(f"unknown permissions for {app_label}: {sorted(missing)}")
        group.permissions.add(*perms)


def revoke(apps, app_label, role_permissions):
    Group = apps.get_model("auth", "Group")
    for role, codenames in role_permissions.items():
        group = Group.objects.filter(name=role).first()
        if group:
            group.permissions.remove(
                *group.permissions.filter(content_type__app_label=app_label, codename__in=codenames)
            )


def declared_role_permissions():
    """Every app's ``<app>.roles.ROLE_PERMISSIONS`` as {role: {"app_label.codename", ...}}.

    Each app declares what its roles may do in its own ``roles.py``; its data migration
    applies a frozen copy. ``sync_roles`` re-applies the declaration (after a test flush, or
    to repair a database by hand), and a test checks migration and declaration agree.
    """
    from importlib import import_module

    from django.apps import apps as global_apps

    declared = {role: set() for role in ALL_ROLES + PROVINCE_ROLES}
    for config in global_apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.roles")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.roles":
                raise
            continue
        for role, codenames in getattr(module, "ROLE_PERMISSIONS", {}).items():
            declared.setdefault(role, set()).update(
                c if "." in c else f"{config.label}.{c}" for c in codenames
            )
    return declared


def sync_roles():
    """Make every role group hold exactly its declared permissions."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    for config in global_apps.get_app_configs():
        create_permissions(config, verbosity=0)
    for role, perms in declared_role_permissions().items():
        group, _ = Group.objects.get_or_create(name=role)
        wanted = [
            Permission.objects.get(content_type__app_label=label, codename=codename)
            for label, codename in (p.split(".", 1) for p in sorted(perms))
        ]
        group.permissions.set(wanted)
