"""Every existing record of the one-office portal belongs to its one office, the first."""

from django.db import migrations

from portal.office_migration import to_first_office


class Migration(migrations.Migration):
    dependencies = [
        ("quality", "0006_add_office"),
        ("portal", "0008_offices"),
    ]

    operations = [
        migrations.RunPython(
            to_first_office("quality", "SurveyInvitation", "SurveyResponse"),
            migrations.RunPython.noop,
        ),
    ]
