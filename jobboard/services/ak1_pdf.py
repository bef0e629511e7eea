"""The AK/I card as a two-page PDF (portal.pdf), laid out like the printed "kartu kuning"."""

from portal.pdf import image_data_uri, render_pdf


def render_card(card):
    """PDF bytes of the card (an official document: always in Indonesian)."""
    seeker = card.jobseeker
    return render_pdf(
        "jobboard/ak1/card_pdf.html",
        {
            "card": card,
            "seeker": seeker,
            "columns": card.columns(),
            "officer": card.legalised_by or card.issued_by,
            "photo": image_data_uri(seeker.photo),
        },
    )


def filename(card):
    safe = "".join(c if c.isalnum() else "-" for c in card.number).strip("-")
    return f"kartu-ak1-{safe}.pdf"
