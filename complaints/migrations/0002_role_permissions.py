from django.db import migrations

from portal.roles import grant, revoke

# A frozen copy of complaints/roles.py as it stood when this migration was written.
ROLE_PERMISSIONS = {
    "Petugas Pengaduan": [
        "view_complaint",
        "add_complaint",
        "change_complaint",
        "record_complaint",
        "report_complaint",
        "answer_complaint",
        "close_complaint",
        "view_unreadablemail",
        "handle_unreadable_mail",
    ],
    "Kepala Seksi Penempatan": ["view_complaint", "pass_complaint", "hand_back_complaint"],
    "Kepala Bidang": ["view_complaint", "coordinate_complaint"],
    "Kepala Dinas": ["view_complaint"],
}


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_initial"), ("portal", "0002_roles")]
    operations = [
        migrations.RunPython(
            lambda apps, se: grant(apps, "complaints", ROLE_PERMISSIONS),
            lambda apps, se: revoke(apps, "complaints", ROLE_PERMISSIONS),
        )
    ]
