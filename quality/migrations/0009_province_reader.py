"""The province reader ("Pembaca Provinsi") reads this app's records in its province's offices."""

from django.db import migrations

from portal.roles import grant, revoke

ROLE_PERMISSIONS = {"Pembaca Provinsi": ["view_dashboard"]}


class Migration(migrations.Migration):
    dependencies = [("quality", "0008_office_required"), ("portal", "0008_offices")]
    operations = [
        migrations.RunPython(
            lambda apps, se: grant(apps, "quality", ROLE_PERMISSIONS),
            lambda apps, se: revoke(apps, "quality", ROLE_PERMISSIONS),
        )
    ]
