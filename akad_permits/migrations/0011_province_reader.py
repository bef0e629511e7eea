"""The province reader ("Pembaca Provinsi") reads this app's records in its province's offices."""

from django.db import migrations

from portal.roles import grant, revoke

ROLE_PERMISSIONS = {"Pembaca Provinsi": ["view_permitapplication"]}


class Migration(migrations.Migration):
    dependencies = [("akad_permits", "0010_numbers_per_office"), ("portal", "0008_offices")]
    operations = [
        migrations.RunPython(
            lambda apps, se: grant(apps, "akad_permits", ROLE_PERMISSIONS),
            lambda apps, se: revoke(apps, "akad_permits", ROLE_PERMISSIONS),
        )
    ]
