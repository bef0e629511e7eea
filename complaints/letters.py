"""The written answer (7.2.3) as a letter: a print-styled page and the same page as PDF.

Both render from the values frozen when the answer was sent (``Complaint.letter``), never
from the live office profile or complaint record.
"""

import datetime

from django.conf import settings
from django.utils import timezone, translation

from portal.pdf import pdf_response, render_html, render_pdf

TEMPLATE = "complaints/letter.html"
OFFICE_FIELDS = ("government", "name", "address", "phone", "complaint_email", "region")
COMPLAINANT_FIELDS = ("complainant_name", "complainant_institution", "complainant_address")


def letter_values(complaint, office, signer, now):
    """What the letter prints, as it stands when the answer is sent."""
    with translation.override(settings.LANGUAGE_CODE):
        channel = str(complaint.get_channel_display())
    return {
        "office": {name: getattr(office, name) for name in OFFICE_FIELDS},
        **{name: getattr(complaint, name) for name in COMPLAINANT_FIELDS},
        "channel": channel,
        "book_label": complaint.book_label,
        "received_on": timezone.localdate(complaint.received_at).isoformat(),
        "date": timezone.localdate(now).isoformat(),
        "letter_number": complaint.answer_letter_number,
        "signer": signer.display_name() if signer else "",
    }


def letter_context(complaint, *, for_pdf=False):
    letter = dict(complaint.letter)
    for name in ("received_on", "date"):
        letter[name] = datetime.date.fromisoformat(letter[name])
    return {
        "complaint": complaint,
        "letter": letter,
        "office": letter["office"],
        "date": letter["date"],
        "for_pdf": for_pdf,
    }


def letter_html(complaint):
    """The letter as a page to print from the browser (in Indonesian, as it is sent)."""
    context = letter_context(complaint)
    return render_html(TEMPLATE, context, office=context["office"])


def letter_pdf(complaint):
    context = letter_context(complaint, for_pdf=True)
    return render_pdf(
        TEMPLATE, context, office=context["office"], stylesheets=["complaints/letter.css"]
    )


def letter_pdf_response(complaint):
    return pdf_response(
        letter_pdf(complaint), f"jawaban-pengaduan-{complaint.reference}.pdf", inline=True
    )
