"""The province reader ("Pembaca Provinsi") reads this app's records in its province's offices."""

from django.db import migrations

from portal.roles import grant, revoke

ROLE_PERMISSIONS = {"Pembaca Provinsi": ["view_jobseeker", "view_employer", "view_vacancy", "view_application", "view_placement", "view_ak1card", "view_profilechange"]}


class Migration(migrations.Migration):
    dependencies = [("jobboard", "0021_job_alerts"), ("portal", "0008_offices")]
    operations = [
        migrations.RunPython(
            lambda apps, se: grant(apps, "jobboard", ROLE_PERMISSIONS),
            lambda apps, se: revoke(apps, "jobboard", ROLE_PERMISSIONS),
        )
    ]
