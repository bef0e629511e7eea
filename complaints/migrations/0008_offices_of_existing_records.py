"""Every existing record of the one-office portal belongs to its one office, the first."""

from django.db import migrations

from portal.office_migration import to_first_office


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0007_add_office"),
        ("portal", "0008_offices"),
    ]

    operations = [
        migrations.RunPython(
            to_first_office("complaints", "Complaint", "UnreadableMail"),
            migrations.RunPython.noop,
        ),
    ]
