"""The Petugas Antar Kerja reads django-axes' login records and unlocks accounts (frozen copy
of portal.roles.ROLE_PERMISSIONS)."""

from django.db import migrations

from portal.roles import grant, revoke

GRANTED_APP = "axes"
ROLE_PERMISSIONS = {
    "Petugas Antar Kerja": ["view_accessattempt", "delete_accessattempt", "view_accessfailurelog"],
}


class Migration(migrations.Migration):
    dependencies = [("portal", "0003_ratelimit"), ("axes", "0010_accessattemptexpiration")]
    operations = [
        migrations.RunPython(
            lambda apps, se: grant(apps, GRANTED_APP, ROLE_PERMISSIONS),
            lambda apps, se: revoke(apps, GRANTED_APP, ROLE_PERMISSIONS),
        )
    ]
