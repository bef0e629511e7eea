"""The AK/I card's printed data, frozen from the live records when an officer has checked
them: at issue, at legalisation, and when a change of checked data is accepted. The card's
PDF and the holder's page read the snapshot only (jobboard.services.ak1_pdf)."""

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import translation

from portal.pdf import office_values

from ..models import Ak1Card, JobSeeker, ProfileChange

# What the card prints of its holder: the checked identity (its files aside) and what the
# holder declares about their work (templates/jobboard/ak1/card_pdf.html).
CARD_FIELDS = (
    *(name for name in JobSeeker.CHECKED_FIELDS if name not in ProfileChange.FILE_FIELDS),
    "skills",
    "work_experience",
    "desired_job",
)
OFFICE_FIELDS = ("government", "name", "address", "phone", "region")


def officer_values(officer):
    """The officer who signs the card (the one who legalised it, else the one who issued it)
    as the card prints them under the signature."""
    return {
        "officer": officer.display_name(),
        "officer_nip": officer.nip,
        "officer_position": officer.position,
    }


def card_snapshot(seeker, office, officer):
    """The holder, the office and the officer as the card prints them (choices as their
    Indonesian words, the birth date as ISO text)."""
    values = {}
    with translation.override(settings.LANGUAGE_CODE):
        for name in CARD_FIELDS:
            field = seeker._meta.get_field(name)
            value = field.value_from_object(seeker)
            if field.choices:
                value = str(dict(field.flatchoices).get(value, value))
            values[name] = value.isoformat() if name == "birth_date" else value
    values["office"] = office_values(office, OFFICE_FIELDS)
    values.update(officer_values(officer))
    return values


def freeze_card(card, *, now):
    """Freeze what ``card`` prints from the live records, with a private copy of the photo:
    at issue, at legalisation and when an officer accepts a change of checked data. The
    caller saves the card."""
    seeker = card.jobseeker
    officer = card.legalised_by or card.issued_by
    snapshot = card_snapshot(seeker, seeker.office, officer)
    if card.placed_with_id:
        snapshot["placed_with"] = card.placed_with.company_name
    card.snapshot = snapshot
    card.snapshot_at = now
    card.snapshot_photo = ""
    if seeker.photo:
        try:
            with seeker.photo.open("rb") as handle:
                data = handle.read()
        except OSError:
            data = None  # a missing file leaves the card's box empty, as before
        if data:
            card.snapshot_photo.save(seeker.photo.name, ContentFile(data), save=False)
    return card


def refresh_card_of(seeker, *, now):
    """After an accepted change of checked data: the holder's card prints the new values."""
    card = Ak1Card.objects.select_for_update().filter(jobseeker=seeker).first()
    if card is None:
        return None
    card.jobseeker = seeker
    freeze_card(card, now=now)
    card._change_reason = "checked data changed"
    card.save()
    return card
