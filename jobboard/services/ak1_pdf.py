"""The AK/I card as a two-page PDF (portal.pdf), laid out like the printed "kartu kuning".

It prints the card's frozen data (jobboard.services.ak1_snapshot), never the live records: what
the officer checked is what the card says.
"""

import datetime

from portal.pdf import image_data_uri, render_pdf


def printed(card):
    """The card's frozen holder, office and officer, ready for a template."""
    holder = dict(card.snapshot)
    holder["birth_date"] = datetime.date.fromisoformat(holder["birth_date"])
    return holder


def render_card(card):
    """PDF bytes of the card (an official document: always in Indonesian)."""
    holder = printed(card)
    return render_pdf(
        "jobboard/ak1/card_pdf.html",
        {
            "card": card,
            "seeker": holder,
            "officer": holder["officer"],
            "columns": card.columns(),
            "photo": image_data_uri(card.snapshot_photo),
        },
        office=holder["office"],  # the card's office as frozen on the card
    )


def filename(card):
    safe = "".join(c if c.isalnum() else "-" for c in card.number).strip("-")
    return f"kartu-ak1-{safe}.pdf"
