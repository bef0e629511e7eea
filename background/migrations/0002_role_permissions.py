"""Officers see their service's outgoing mail and resend it
(frozen copy of background.roles.ROLE_PERMISSIONS)."""

from django.db import migrations

from portal.roles import grant, revoke

ROLE_PERMISSIONS = {
    "Petugas Antar Kerja": ["view_outboxmail", "resend_jobboard_mail"],
    "Sekretariat": ["view_outboxmail", "resend_akad_permits_mail"],
    "Petugas Pengaduan": ["view_outboxmail", "resend_complaints_mail"],
}


class Migration(migrations.Migration):
    dependencies = [("background", "0001_initial"), ("portal", "0002_roles")]
    operations = [
        migrations.RunPython(
            lambda apps, se: grant(apps, "background", ROLE_PERMISSIONS),
            lambda apps, se: revoke(apps, "background", ROLE_PERMISSIONS),
        )
    ]
