from django.db import migrations

from portal.roles import grant, revoke

# Frozen copy of the permissions this migration adds (jobboard/roles.py is the declaration).
ROLE_PERMISSIONS = {
    "Petugas Antar Kerja": ["verify_vacancy", "view_vacancy", "view_application", "view_placement"],
    "Kepala Seksi Penempatan": ["view_vacancy", "view_placement"],
    "Kepala Bidang": ["view_vacancy", "view_placement"],
    "Kepala Dinas": ["view_vacancy", "view_placement"],
}


class Migration(migrations.Migration):
    dependencies = [("jobboard", "0004_vacancies_applications_search")]
    operations = [
        migrations.RunPython(
            lambda apps, se: grant(apps, "jobboard", ROLE_PERMISSIONS),
            lambda apps, se: revoke(apps, "jobboard", ROLE_PERMISSIONS),
        )
    ]
