"""The written answer (7.2.3) as a letter: a print-styled page and the same page as PDF."""

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation

from portal.models import OfficeProfile


def letter_context(complaint):
    return {
        "complaint": complaint,
        "office": OfficeProfile.current(),
        "date": timezone.localdate(complaint.answered_at or timezone.now()),
    }


def letter_html(complaint, *, for_pdf=False):
    # The letter goes out in Indonesian whatever language the officer's screen is in.
    with translation.override("id"):
        return render_to_string(
            "complaints/letter.html", {**letter_context(complaint), "for_pdf": for_pdf}
        )


def letter_pdf(complaint):
    from weasyprint import CSS, HTML

    stylesheet = CSS(filename=finders.find("complaints/letter.css"))
    return HTML(string=letter_html(complaint, for_pdf=True)).write_pdf(stylesheets=[stylesheet])


def letter_pdf_response(complaint):
    response = HttpResponse(letter_pdf(complaint), content_type="application/pdf")
    filename = f"jawaban-pengaduan-{complaint.reference}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
