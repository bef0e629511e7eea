"""The permit document: an HTML template rendered to PDF (portal.pdf), with a QR code."""

import datetime

from django.conf import settings
from django.urls import reverse

from portal.pdf import qr_data_uri, render_pdf


def verification_url(application):
    return settings.SITE_URL + reverse("akad_permits:verify", args=[application.verification_code])


OFFICE_FIELDS = (
    "government",
    "name",
    "address",
    "phone",
    "website",
    "region",
    "province",
    "head_title",
    "head_rank",
)
EMPLOYER_FIELDS = ("company_name", "address", "city", "nib")


def recommendation_values(application):
    """The recommendation the permit names: the one issued in the portal by the destination
    region's office, or the letter the applicant typed in."""
    rec = application.recommendation
    if rec is not None:
        return {
            "number": rec.number,
            "date": rec.issued_on.isoformat(),
            "issuer": rec.office.name,
            "in_portal": True,
        }
    return {
        "number": application.recommendation_number,
        "date": application.recommendation_date.isoformat()
        if application.recommendation_date
        else "",
        "issuer": application.recommendation_issuer,
        "in_portal": False,
    }


def printed_values(application, office):
    """What the permit prints beyond its own fields, as it stands at signing."""
    employer = application.employer
    return {
        "office": {
            **{name: getattr(office, name) for name in OFFICE_FIELDS},
            "letterhead": office.letterhead_lines(),
        },
        "recruiter_name": application.recruiter_name,
        "recommendation": recommendation_values(application),
        "employer": {name: getattr(employer, name) for name in EMPLOYER_FIELDS},
        "positions": [
            {
                "title": p.title,
                "male_count": p.male_count,
                "female_count": p.female_count,
                "total": p.male_count + p.female_count,
            }
            for p in application.positions.order_by("pk")
        ],
    }


def render_permit(application):
    """The issued permit as PDF bytes (an official letter: always in Indonesian), from the
    values frozen at signing, never the live employer or office."""
    url = verification_url(application)
    printed = application.printed
    # permits signed before the portal issued recommendations froze none: their typed letter
    recommendation = printed.get("recommendation") or recommendation_values(application)
    if recommendation["date"]:
        recommendation = {
            **recommendation,
            "date": datetime.date.fromisoformat(str(recommendation["date"])),
        }
    return render_pdf(
        "akad_permits/permit_pdf.html",
        {
            "application": application,
            "employer": printed["employer"],
            "recruiter_name": printed["recruiter_name"],
            "recommendation": recommendation,
            "positions": printed["positions"],
            "verify_url": url,
            "qr": qr_data_uri(url),
        },
        office=printed["office"],  # the issuing office as frozen at signing
    )
