from django.db import migrations

from portal.roles import grant, revoke

# A frozen copy of akad_permits/roles.py (tests/portal/test_roles.py checks they agree).
ROLE_PERMISSIONS = {
    "Sekretariat": ["view_permitapplication", "register_permit", "return_permit"],
    "Kepala Dinas": ["view_permitapplication", "dispose_permit", "sign_permit", "refuse_permit"],
    "Kepala Bidang": ["view_permitapplication", "consult_permit"],
    "Kepala Seksi Penempatan": ["view_permitapplication", "draft_permit"],
}


class Migration(migrations.Migration):
    dependencies = [("akad_permits", "0001_initial"), ("portal", "0002_roles")]
    operations = [
        migrations.RunPython(
            lambda apps, se: grant(apps, "akad_permits", ROLE_PERMISSIONS),
            lambda apps, se: revoke(apps, "akad_permits", ROLE_PERMISSIONS),
        )
    ]
