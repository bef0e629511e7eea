from django.db import migrations

from portal.roles import grant, revoke

# A frozen copy of what akad_permits/roles.py adds for the recruitment recommendation
# (tests/portal/test_roles.py checks they agree): the destination office's Kadis signs or
# refuses it, its Kasi Penempatan reads the requests to prepare them, the province reader reads.
ROLE_PERMISSIONS = {
    "Kepala Dinas": ["view_recommendation", "issue_recommendation", "refuse_recommendation"],
    "Kepala Seksi Penempatan": ["view_recommendation"],
    "Pembaca Provinsi": ["view_recommendation"],
}


class Migration(migrations.Migration):
    dependencies = [
        ("akad_permits", "0012_recommendations"),
        ("akad_permits", "0011_province_reader"),
        ("portal", "0002_roles"),
    ]
    operations = [
        migrations.RunPython(
            lambda apps, se: grant(apps, "akad_permits", ROLE_PERMISSIONS),
            lambda apps, se: revoke(apps, "akad_permits", ROLE_PERMISSIONS),
        )
    ]
