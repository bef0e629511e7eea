"""The permission to download AK/I cards was named view_ak1_card, one underscore away from
Django's own view_ak1card (reading the card records in the admin). Renamed in place, so the
groups and people who hold it keep it."""

from django.conf import settings
from django.db import migrations

RENAMES = [("view_ak1_card", "download_ak1_card")]
NAME = "Can download job seekers' AK/I cards"


def rename(apps, old_new):
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    # Migration 0007 created the content type and the old permission; an empty table here
    # means there is nothing to carry over.
    card = ContentType.objects.filter(app_label="jobboard", model="ak1card").first()
    if card is None:
        return
    for old_code, new_code in old_new:
        old = Permission.objects.filter(content_type=card, codename=old_code).first()
        if old is None:
            continue
        new = Permission.objects.filter(content_type=card, codename=new_code).first()
        if new is None:
            old.codename, old.name = new_code, NAME
            old.save(update_fields=["codename", "name"])
            continue
        # Both exist (the new one was created before migrating): whoever held the old one,
        # a group or a person directly, gets the new one; then the old one goes.
        for group in Group.objects.filter(permissions=old):
            group.permissions.add(new)
        for user in User.objects.filter(user_permissions=old):
            user.user_permissions.add(new)
        old.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("jobboard", "0008_vacancy_public_indexes"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
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
