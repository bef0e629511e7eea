"""The Petugas Antar Kerja decides on changes of checked data; every card already issued gets
its printed data frozen from the values it printed until now (the live records), photo
copied, so no card changes when its holder's data changes later."""

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import migrations
from django.utils import timezone, translation
from django.utils.translation import gettext

from portal.roles import grant, revoke

# Frozen copy of the permissions this migration adds (jobboard/roles.py is the declaration).
ROLE_PERMISSIONS = {"Petugas Antar Kerja": ["view_profilechange", "review_profile_change"]}

# Frozen copy of jobboard.services.ak1_snapshot.card_snapshot as of this migration: what the
# card printed (historical models have no methods, and the code may change later).
CARD_FIELDS = (
    "nik",
    "full_name",
    "birth_place",
    "birth_date",
    "sex",
    "marital_status",
    "religion",
    "address",
    "kelurahan",
    "kecamatan",
    "city",
    "education_level",
    "education_major",
    "education_institution",
    "graduation_year",
    "skills",
    "work_experience",
    "desired_job",
)
OFFICE_FIELDS = ("government", "name", "address", "phone", "region")


def _officer_name(user):
    return f"{user.first_name} {user.last_name}".strip() or user.username


def freeze_cards(apps, schema_editor):
    Ak1Card = apps.get_model("jobboard", "Ak1Card")
    OfficeProfile = apps.get_model("portal", "OfficeProfile")
    office = OfficeProfile.objects.order_by("pk").first()
    now = timezone.now()
    cards = Ak1Card.objects.filter(snapshot={}).select_related(
        "jobseeker", "issued_by", "legalised_by", "placed_with"
    )
    with translation.override(settings.LANGUAGE_CODE):
        for card in cards.iterator(chunk_size=500):
            seeker = card.jobseeker
            values = {}
            for name in CARD_FIELDS:
                field = seeker._meta.get_field(name)
                value = getattr(seeker, name)
                if field.choices:
                    value = gettext(str(dict(field.flatchoices).get(value, value)))
                values[name] = value.isoformat() if name == "birth_date" else value
            values["office"] = {
                name: getattr(office, name, "") if office else "" for name in OFFICE_FIELDS
            }
            values["officer"] = _officer_name(card.legalised_by or card.issued_by)
            if card.placed_with_id:
                values["placed_with"] = card.placed_with.company_name
            card.snapshot = values
            card.snapshot_at = now
            if seeker.photo:
                try:
                    with seeker.photo.open("rb") as handle:
                        card.snapshot_photo.save(
                            seeker.photo.name, ContentFile(handle.read()), save=False
                        )
                except OSError:
                    pass  # a missing file left the card's photo box empty before, too
            card.save(update_fields=["snapshot", "snapshot_at", "snapshot_photo"])


class Migration(migrations.Migration):
    dependencies = [
        ("jobboard", "0014_profile_change_and_card_snapshot"),
        ("portal", "0001_initial"),
    ]
    operations = [
        migrations.RunPython(
            lambda apps, se: grant(apps, "jobboard", ROLE_PERMISSIONS),
            lambda apps, se: revoke(apps, "jobboard", ROLE_PERMISSIONS),
        ),
        # Backwards the snapshots simply stay: the previous code does not read them.
        migrations.RunPython(freeze_cards, migrations.RunPython.noop),
    ]
