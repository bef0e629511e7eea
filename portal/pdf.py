"""Official documents as PDF: an HTML template rendered by WeasyPrint, always in Indonesian.

The permit, the AK/I card and the complaint answer letter are letters of the office whatever
language the screen of the person printing them is in; images (the QR code, the holder's
photo) are embedded so the PDF needs no address to reach them.
"""

import base64

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

from .files import content_type_for, image_within_bounds


def render_html(template, context, *, office):
    """The document's HTML in the office's language, with ``office`` (the office that issues
    the document, or the values of it the document froze) in its context."""
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(template, {"office": office, **context})


def render_pdf(template, context, *, office, stylesheets=()):
    """PDF bytes of ``template`` issued by ``office``; ``stylesheets`` are static paths added
    to its own styles."""
    from weasyprint import CSS, HTML

    sheets = [CSS(filename=finders.find(path)) for path in stylesheets]
    html = render_html(template, context, office=office)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(stylesheets=sheets)


def pdf_response(data, filename, *, inline=False):
    """A private PDF download: never kept by a browser or proxy."""
    response = HttpResponse(data, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def qr_data_uri(url):
    # segno writes PNG itself; a data URI keeps the PDF self-contained.
    return segno.make(url, error="m").png_data_uri(scale=4, border=2)


def image_data_uri(fieldfile):
    """A private uploaded image embedded in the document; None when absent or unreadable."""
    if not fieldfile:
        return None
    kind = content_type_for(fieldfile.name)
    if not kind.startswith("image/"):
        return None
    try:
        with fieldfile.open("rb") as handle:
            data = handle.read()
    except OSError:
        return None  # a missing file leaves the box empty rather than no document at all
    if not image_within_bounds(data):
        return None  # stored before uploads were bounded: not worth seconds of rendering
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"
