"""The permit document: an HTML template rendered to PDF by WeasyPrint, with a QR code."""

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from portal.models import OfficeProfile


def verification_url(application):
    return settings.SITE_URL + reverse("akad_permits:verify", args=[application.verification_code])


def qr_data_uri(url):
    # segno writes PNG itself (no Pillow); a data URI keeps the PDF self-contained.
    return segno.make(url, error="m").png_data_uri(scale=4, border=2)


def render_permit(application):
    """The issued permit as PDF bytes, always in Indonesian: it is an official letter."""
    from weasyprint import HTML

    url = verification_url(application)
    with translation.override("id"):
        html = render_to_string(
            "akad_permits/permit_pdf.html",
            {
                "application": application,
                "positions": list(application.positions.all()),
                "office": OfficeProfile.current(),
                "verify_url": url,
                "qr": qr_data_uri(url),
            },
        )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
