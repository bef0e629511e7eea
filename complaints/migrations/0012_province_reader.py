"""The province reader ("Pembaca Provinsi") reads this app's records in its province's offices."""

from django.db import migrations

from portal.roles import grant, revoke

ROLE_PERMISSIONS = {"Pembaca Provinsi": ["view_complaint"]}


class Migration(migrations.Migration):
    dependencies = [("complaints", "0011_numbers_per_office"), ("portal", "0008_offices")]
    operations = [
        migrations.RunPython(
            lambda apps, se: grant(apps, "complaints", ROLE_PERMISSIONS),
            lambda apps, se: revoke(apps, "complaints", ROLE_PERMISSIONS),
        )
    ]
