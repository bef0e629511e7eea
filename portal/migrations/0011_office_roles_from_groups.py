"""Officers' roles move into offices: every membership of a role group becomes an OfficeRole in
the first office (the one office of the one-office portal), and the portal-wide membership
goes, so no officer keeps a role in every office."""

from importlib import import_module

from django.db import migrations

# the role groups of the one-office portal, as its roles migration made them (frozen there)
ROLES = import_module("portal.migrations.0002_roles").ROLES


def groups_to_office_roles(apps, schema_editor):
    Office = apps.get_model("portal", "Office")
    OfficeRole = apps.get_model("portal", "OfficeRole")
    Group = apps.get_model("auth", "Group")
    office = Office.objects.order_by("pk").first()
    if office is None:
        return  # no office yet: nothing to hold the roles in (a fresh database has no members)
    for group in Group.objects.filter(name__in=ROLES):
        members = list(group.user_set.all())
        OfficeRole.objects.bulk_create(
            [OfficeRole(user=user, office=office, group=group) for user in members],
            ignore_conflicts=True,
        )
        group.user_set.remove(*members)


def office_roles_to_groups(apps, schema_editor):
    Office = apps.get_model("portal", "Office")
    OfficeRole = apps.get_model("portal", "OfficeRole")
    office = Office.objects.order_by("pk").first()
    if office is None:
        return
    for role in OfficeRole.objects.filter(office=office, group__name__in=ROLES).select_related(
        "group"
    ):
        role.group.user_set.add(role.user_id)
        role.delete()


class Migration(migrations.Migration):
    dependencies = [("portal", "0010_service_standard_office_required"), ("portal", "0002_roles")]
    operations = [migrations.RunPython(groups_to_office_roles, office_roles_to_groups)]
