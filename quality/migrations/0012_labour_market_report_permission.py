"""The monthly labour-market report (issue 18 item 5): its permission, held by the
Petugas Antar Kerja, the heads and the province reader (quality.roles)."""

from django.db import migrations

from portal.roles import grant, revoke

ROLE_PERMISSIONS = {
    "Petugas Antar Kerja": ["view_labour_report"],
    "Kepala Seksi Penempatan": ["view_labour_report"],
    "Kepala Bidang": ["view_labour_report"],
    "Kepala Dinas": ["view_labour_report"],
    "Pembaca Provinsi": ["view_labour_report"],
}


class Migration(migrations.Migration):
    dependencies = [("quality", "0011_working_minutes_per_office")]

    operations = [
        migrations.AlterModelOptions(
            name="surveyresponse",
            options={
                "ordering": ["-submitted_at", "-pk"],
                "permissions": [
                    ("view_dashboard", "Can view the service-quality dashboard"),
                    ("view_labour_report", "Can view the monthly labour-market report"),
                ],
                "verbose_name": "survey answer",
                "verbose_name_plural": "survey answers",
            },
        ),
        migrations.RunPython(
            lambda apps, se: grant(apps, "quality", ROLE_PERMISSIONS),
            lambda apps, se: revoke(apps, "quality", ROLE_PERMISSIONS),
        ),
    ]
