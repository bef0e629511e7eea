"""The written answer (7.2.3) as a letter: a print-styled page and the same page as PDF."""

from django.utils import timezone

from portal.pdf import pdf_response, render_html, render_pdf

TEMPLATE = "complaints/letter.html"


def letter_context(complaint, *, for_pdf=False):
    return {
        "complaint": complaint,
        "date": timezone.localdate(complaint.answered_at or timezone.now()),
        "for_pdf": for_pdf,
    }


def letter_html(complaint):
    """The letter as a page to print from the browser (in Indonesian, as it is sent)."""
    return render_html(TEMPLATE, letter_context(complaint))


def letter_pdf(complaint):
    return render_pdf(
        TEMPLATE, letter_context(complaint, for_pdf=True), stylesheets=["complaints/letter.css"]
    )


def letter_pdf_response(complaint):
    return pdf_response(
        letter_pdf(complaint), f"jawaban-pengaduan-{complaint.reference}.pdf", inline=True
    )
