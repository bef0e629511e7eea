"""The written answer (7.2.3) as a letter: a print-styled page and the same page as PDF.

Both render from the values frozen when the answer was sent (``Complaint.letter``), never
from the live office profile or complaint record.
"""

import datetime

from django.conf import settings
from django.utils import translation

from portal import dates
from portal.models import rank_line
from portal.pdf import office_values, pdf_response, render_html, render_pdf

TEMPLATE = "complaints/letter.html"
OFFICE_FIELDS = (
    "government",
    "name",
    "address",
    "phone",
    "complaint_email",
    "region",
    "head_title",
)
COMPLAINANT_FIELDS = ("complainant_name", "complainant_institution", "complainant_address")
# "Sifat" of an official letter (tata naskah dinas); an answer to a complaint is "Biasa"
# unless the officer says otherwise.
NATURES = ("Biasa", "Penting", "Segera", "Rahasia")


def on_behalf_title(office):
    """ "Kepala Dinas Tenaga Kerja Kabupaten Lumajang": the head in whose name the officer
    signs (a.n.), with the region when the title does not name it."""
    title = office.head_title or "Kepala Dinas"
    if office.region and office.region.lower() not in title.lower():
        title = f"{title} {office.region}"
    return title


def letter_values(complaint, office, signer, now, *, nature="Biasa", enclosures=""):
    """What the letter prints, as it stands when the answer is sent: the office's letterhead,
    the number (the officer's, or the office's letter register's), the complainant, and the
    official who signs on behalf of the head of office."""
    with translation.override(settings.LANGUAGE_CODE):
        channel = str(complaint.get_channel_display())
    zone = dates.zone_of(office)
    return {
        "office": office_values(office, OFFICE_FIELDS),
        **{name: getattr(complaint, name) for name in COMPLAINANT_FIELDS},
        "channel": channel,
        "book_label": complaint.book_label,
        "reference": complaint.reference,
        "received_on": complaint.received_at.astimezone(zone).date().isoformat(),
        "date": now.astimezone(zone).date().isoformat(),
        "letter_number": complaint.answer_letter_number,
        "nature": nature or "Biasa",
        "enclosures": enclosures,
        "on_behalf_of": on_behalf_title(office),
        "signer": signer.display_name() if signer else "",
        "signer_position": signer.position if signer else "",
        "signer_rank": rank_line(signer.rank) if signer else "",
        "signer_nip": signer.nip if signer else "",
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
