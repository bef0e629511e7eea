"""Ak1NumberCounter: one row per office and year, no longer per year; the one-office portal's
rows become the first office's (its numbering goes on where it was)."""

import django.db.models.deletion
from django.db import migrations, models

from portal.office_migration import counters_to_first_office


class Migration(migrations.Migration):
    dependencies = [
        ("jobboard", "0018_office_required"),
        ("portal", "0008_offices"),
    ]

    operations = [
        migrations.CreateModel(
            name="OfficeAk1NumberCounter",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("year", models.PositiveSmallIntegerField(verbose_name="year")),
                ("last", models.PositiveIntegerField(default=0, verbose_name="last number")),
                (
                    "office",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="portal.office",
                        verbose_name="office",
                    ),
                ),
            ],
            options={
                "verbose_name": "AK/I number counter",
                "verbose_name_plural": "AK/I number counters",
                "abstract": False,
                "constraints": [
                    models.UniqueConstraint(
                        fields=("office", "year"), name="jobboard_ak1numbercounter_office_year"
                    )
                ],
            },
        ),
        migrations.RunPython(
            counters_to_first_office("jobboard", "Ak1NumberCounter", "OfficeAk1NumberCounter"), migrations.RunPython.noop
        ),
        migrations.DeleteModel(name="Ak1NumberCounter"),
        migrations.RenameModel(old_name="OfficeAk1NumberCounter", new_name="Ak1NumberCounter"),
    ]
