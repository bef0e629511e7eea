from django.db import migrations

from portal.roles import grant, revoke

ROLE_PERMISSIONS = {
    "Kepala Seksi Penempatan": ["view_dashboard"],
    "Kepala Bidang": ["view_dashboard"],
    "Kepala Dinas": ["view_dashboard"],
}


class Migration(migrations.Migration):
    dependencies = [("quality", "0002_working_minutes_function"), ("portal", "0002_roles")]
    operations = [
        migrations.RunPython(
            lambda apps, se: grant(apps, "quality", ROLE_PERMISSIONS),
            lambda apps, se: revoke(apps, "quality", ROLE_PERMISSIONS),
        )
    ]
