"""PermitNumberCounter: one row per office and year, no longer per year; the one-office portal's
rows become the first office's (its numbering goes on where it was)."""

import django.db.models.deletion
from django.db import migrations, models

from portal.office_migration import counters_to_first_office


class Migration(migrations.Migration):
    dependencies = [
        ("akad_permits", "0008_office_required"),
        ("portal", "0008_offices"),
    ]

    operations = [
        migrations.CreateModel(
            name="OfficePermitNumberCounter",
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
                "verbose_name": "permit number counter",
                "verbose_name_plural": "permit number counters",
                "abstract": False,
                "constraints": [
                    models.UniqueConstraint(
                        fields=("office", "year"), name="akad_permits_permitnumbercounter_office_year"
                    )
                ],
            },
        ),
        migrations.RunPython(
            counters_to_first_office("akad_permits", "PermitNumberCounter", "OfficePermitNumberCounter"), migrations.RunPython.noop
        ),
        migrations.DeleteModel(name="PermitNumberCounter"),
        migrations.RenameModel(old_name="OfficePermitNumberCounter", new_name="PermitNumberCounter"),
    ]
