"""The permit document: an HTML template rendered to PDF (portal.pdf), with a QR code."""

from django.conf import settings
from django.urls import reverse

from portal.pdf import qr_data_uri, render_pdf


def verification_url(application):
    return settings.SITE_URL + reverse("akad_permits:verify", args=[application.verification_code])


def render_permit(application):
    """The issued permit as PDF bytes (an official letter: always in Indonesian)."""
    url = verification_url(application)
    return render_pdf(
        "akad_permits/permit_pdf.html",
        {
            "application": application,
            "positions": list(application.positions.all()),
            "verify_url": url,
            "qr": qr_data_uri(url),
        },
    )
