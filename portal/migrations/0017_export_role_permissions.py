"""Who may take the officers' lists out as spreadsheets, and who reads the record of it
(portal.exports; frozen copy of portal.roles)."""

from django.db import migrations

from portal.roles import grant, revoke

ROLE_PERMISSIONS = {
    "Petugas Antar Kerja": ["export_personal_data"],
    "Petugas Pengaduan": ["export_personal_data"],
    "Sekretariat": ["export_personal_data"],
    "Kepala Seksi Penempatan": ["export_personal_data"],
    "Kepala Bidang": ["view_exportrecord"],
    "Kepala Dinas": ["view_exportrecord"],
}


def forward(apps, schema_editor):
    grant(apps, "portal", ROLE_PERMISSIONS)


def backward(apps, schema_editor):
    revoke(apps, "portal", ROLE_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("portal", "0016_export_record")]
    operations = [migrations.RunPython(forward, backward)]
