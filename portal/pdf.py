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

# Every document's typeface, letterhead and signature blocks (one look for all of them).
DOCUMENT_STYLESHEET = "portal/documents.css"
# The letterhead of an office that has not uploaded its coat of arms: a plain outline of a
# shield, no emblem of any government (portal/static/portal/emblem-blank.svg).
BLANK_EMBLEM = "portal/emblem-blank.svg"


def logo_name(office):
    """The stored name of the office's coat of arms: an Office's file, or the name a document
    froze with the office's values (old names stay stored: the office's history names them)."""
    if isinstance(office, dict):
        return office.get("logo") or ""
    logo = getattr(office, "logo", None)
    return logo.name if logo else ""


def emblem_data_uri(office):
    """The office's coat of arms embedded in the document, or the blank shield."""
    from django.core.files.storage import default_storage

    name = logo_name(office)
    if name:
        uri = stored_image_data_uri(default_storage, name)
        if uri:
            return uri
    with open(finders.find(BLANK_EMBLEM), "rb") as handle:
        data = handle.read()
    return f"data:image/svg+xml;base64,{base64.b64encode(data).decode('ascii')}"


def render_html(template, context, *, office):
    """The document's HTML in the office's language, with ``office`` (the office that issues
    the document, or the values of it the document froze) and its coat of arms (``emblem``)
    in its context."""
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(
            template, {"office": office, "emblem": emblem_data_uri(office), **context}
        )


def render_pdf(template, context, *, office, stylesheets=()):
    """PDF bytes of ``template`` issued by ``office``, in the documents' common style;
    ``stylesheets`` are static paths added to its own styles."""
    from weasyprint import CSS, HTML

    paths = (DOCUMENT_STYLESHEET, *stylesheets)
    sheets = [CSS(filename=finders.find(path)) for path in paths]
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
    return stored_image_data_uri(fieldfile.storage, fieldfile.name)


def stored_image_data_uri(storage, name):
    """The image stored as ``name`` as a data URI; None when absent or unreadable."""
    kind = content_type_for(name)
    if not kind.startswith("image/"):
        return None
    try:
        with storage.open(name, "rb") as handle:
            data = handle.read()
    except OSError:
        return None  # a missing file leaves the box empty rather than no document at all
    if not image_within_bounds(data):
        return None  # stored before uploads were bounded: not worth seconds of rendering
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def office_values(office, fields):
    """What a document freezes of its office: ``fields``, the letterhead's lines, the stored
    name of the coat of arms and the office's time zone."""
    return {
        **{name: getattr(office, name) for name in fields},
        "letterhead": office.letterhead_lines(),
        "logo": office.logo.name if office.logo else "",
        "time_zone": office.time_zone,
    }
