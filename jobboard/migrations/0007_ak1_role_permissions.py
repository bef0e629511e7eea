from django.db import migrations

from portal.roles import grant, revoke

# Frozen copy of the permissions this migration adds (jobboard/roles.py is the declaration).
ROLE_PERMISSIONS = {
    "Petugas Antar Kerja": ["view_ak1card", "view_ak1_card", "legalise_ak1_card"],
    "Kepala Seksi Penempatan": ["view_ak1card"],
}


class Migration(migrations.Migration):
    dependencies = [("jobboard", "0006_ak1_card")]
    operations = [
        migrations.RunPython(
            lambda apps, se: grant(apps, "jobboard", ROLE_PERMISSIONS),
            lambda apps, se: revoke(apps, "jobboard", ROLE_PERMISSIONS),
        )
    ]
