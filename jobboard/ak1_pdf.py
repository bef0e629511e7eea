"""The AK/I card as a two-page PDF (WeasyPrint), laid out like the printed "kartu kuning"."""

import base64

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from portal.files import content_type_for, image_within_bounds
from portal.models import OfficeProfile


def photo_data_uri(seeker):
    """The holder's photo from the private upload, embedded so the PDF needs no URL to it."""
    if not seeker.photo:
        return None
    kind = content_type_for(seeker.photo.name)
    if not kind.startswith("image/"):
        return None
    try:
        with seeker.photo.open("rb") as handle:
            data = handle.read()
        if not image_within_bounds(data):
            return None  # stored before uploads were bounded: not worth seconds of rendering
    except OSError:
        return None  # a missing file leaves the photo box empty rather than no card at all
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def render_card(card):
    """PDF bytes of the card, always in Indonesian: it is an official document."""
    from weasyprint import HTML

    seeker = card.jobseeker
    with translation.override("id"):
        html = render_to_string(
            "jobboard/ak1/card_pdf.html",
            {
                "card": card,
                "seeker": seeker,
                "columns": card.columns(),
                "office": OfficeProfile.current(),
                "officer": card.legalised_by or card.issued_by,
                "photo": photo_data_uri(seeker),
            },
        )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def filename(card):
    safe = "".join(c if c.isalnum() else "-" for c in card.number).strip("-")
    return f"kartu-ak1-{safe}.pdf"
