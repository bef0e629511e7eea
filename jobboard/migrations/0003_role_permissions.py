from django.db import migrations

from portal.roles import grant, revoke

ROLE_PERMISSIONS = {
    "Petugas Antar Kerja": [
        "activate_jobseeker",
        "view_jobseeker_documents",
        "view_jobseeker",
        "activate_employer",
        "view_employer",
    ],
    "Kepala Seksi Penempatan": ["view_jobseeker", "view_employer"],
    "Kepala Bidang": ["view_jobseeker", "view_employer"],
    "Kepala Dinas": ["view_jobseeker", "view_employer"],
}


class Migration(migrations.Migration):
    dependencies = [("jobboard", "0002_initial"), ("portal", "0002_roles")]
    operations = [
        migrations.RunPython(
            lambda apps, se: grant(apps, "jobboard", ROLE_PERMISSIONS),
            lambda apps, se: revoke(apps, "jobboard", ROLE_PERMISSIONS),
        )
    ]
