"""The Petugas Antar Kerja unlocks logins and gives counter codes (portal.accounts) and no
longer reads or deletes django-axes' login records (frozen copy of portal.roles)."""

from django.db import migrations

from portal.roles import grant, revoke

ROLE_PERMISSIONS = {"Petugas Antar Kerja": ["unlock_login", "reset_password_at_counter"]}
# {app label: {role: codenames}} taken back from roles that held them.
REVOKED = {
    "axes": {
        "Petugas Antar Kerja": [
            "view_accessattempt",
            "delete_accessattempt",
            "view_accessfailurelog",
        ],
    }
}


def forward(apps, schema_editor):
    grant(apps, "portal", ROLE_PERMISSIONS)
    for app_label, mapping in REVOKED.items():
        revoke(apps, app_label, mapping)


def backward(apps, schema_editor):
    revoke(apps, "portal", ROLE_PERMISSIONS)
    for app_label, mapping in REVOKED.items():
        grant(apps, app_label, mapping)


class Migration(migrations.Migration):
    dependencies = [("portal", "0005_account_events"), ("axes", "0010_accessattemptexpiration")]
    operations = [migrations.RunPython(forward, backward)]
