"""The permission to download AK/I cards was named view_ak1_card, one underscore away from
Django's own view_ak1card (reading the card records in the admin). Renamed in place, so the
groups and people who hold it keep it."""

from django.db import migrations

RENAMES = [("view_ak1_card", "download_ak1_card")]


def rename(apps, old_new):
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    card = ContentType.objects.filter(app_label="jobboard", model="ak1card").first()
    if card is None:  # a new database: permissions are created after migrating
        return
    for old, new in old_new:
        if not Permission.objects.filter(content_type=card, codename=new).exists():
            Permission.objects.filter(content_type=card, codename=old).update(
                codename=new, name="Can download job seekers' AK/I cards"
            )


class Migration(migrations.Migration):
    dependencies = [
        ("jobboard", "0008_vacancy_public_indexes"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [
        migrations.AlterModelOptions(
            name="ak1card",
            options={
                "ordering": ["issued_at", "pk"],
                "permissions": [
                    ("download_ak1_card", "Can download job seekers' AK/I cards"),
                    ("legalise_ak1_card", "Can mark printed AK/I cards as legalised"),
                ],
                "verbose_name": "AK/I card",
                "verbose_name_plural": "AK/I cards",
            },
        ),
        migrations.RunPython(
            lambda apps, se: rename(apps, RENAMES),
            lambda apps, se: rename(apps, [(new, old) for old, new in RENAMES]),
        ),
    ]
