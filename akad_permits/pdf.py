"""The permit document: an HTML template rendered to PDF (portal.pdf), with a QR code."""

import datetime
import re

from django.conf import settings
from django.urls import reverse

from portal.models import rank_line
from portal.pdf import office_values, qr_data_uri, render_pdf


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
    "head_name",
    "head_nip",
    "head_rank",
    "head_grade",
    "permit_legal_basis",
)
EMPLOYER_FIELDS = ("company_name", "address", "city", "nib")

_ONES = (
    "",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
)


def terbilang(number):
    """A whole number in Indonesian words, as letters write a count beside its figures:
    30 -> "tiga puluh", 112 -> "seratus dua belas"."""
    if number < 12:
        return _ONES[number] if number else "nol"
    if number < 20:
        return f"{_ONES[number - 10]} belas"
    if number < 100:
        tens, rest = divmod(number, 10)
        return f"{_ONES[tens]} puluh" + (f" {_ONES[rest]}" if rest else "")
    if number < 1000:
        hundreds, rest = divmod(number, 100)
        head = "seratus" if hundreds == 1 else f"{_ONES[hundreds]} ratus"
        return head + (f" {terbilang(rest)}" if rest else "")
    thousands, rest = divmod(number, 1000)
    head = "seribu" if thousands == 1 else f"{terbilang(thousands)} ribu"
    return head + (f" {terbilang(rest)}" if rest else "")


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
        "office": office_values(office, OFFICE_FIELDS),
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


def coverage_sentence(positions, *, city, province):
    """What the permit covers, in one sentence that names the table instead of repeating it:
    "rekrutmen 30 (tiga puluh) orang tenaga kerja, 12 laki-laki dan 18 perempuan, ...". The
    Kasi's draft starts from it (akad_permits.forms.DraftForm)."""
    male = sum(p["male_count"] for p in positions)
    female = sum(p["female_count"] for p in positions)
    total = male + female
    jobs = len(positions)
    where = ", ".join(part for part in (city, province) if part)
    return (
        f"rekrutmen {total} ({terbilang(total)}) orang tenaga kerja, {male} laki-laki dan "
        f"{female} perempuan, untuk {jobs} ({terbilang(jobs)}) jabatan sebagaimana tercantum "
        f"dalam tabel di atas, dengan daerah tujuan penempatan {where}"
    )


# A line of the older drafts that only repeated the table ("Operator produksi: 12 L, 8 P")
# or the destination ("Tujuan: Kota Probolinggo, Jawa Timur").
_TABLE_LINE = re.compile(r"^.+:\s*(\d+\s*[LP],?\s*)+$|^(Tujuan|Destination)\s*:", re.IGNORECASE)


def coverage_paragraph(coverage, positions, *, city, province):
    """The words after "Izin ini mencakup": the Kasi's text as one paragraph (its lines joined,
    never broken where the text area broke them), without the lines that repeat the table;
    when nothing else is left, the sentence that names the table."""
    lines = [line.strip().rstrip(".;") for line in (coverage or "").splitlines() if line.strip()]
    own = [line for line in lines if not _TABLE_LINE.match(line)]
    if not own:
        return coverage_sentence(positions, city=city, province=province)
    return "; ".join(own)


def legal_basis(application, office, recommendation):
    """The "Dasar" of the permit: the regulations the office names (its profile, frozen at
    signing), then the letters of this application the seed's procedure lists."""
    items = [
        line.strip().rstrip(";")
        for line in (office.get("permit_legal_basis") or "").splitlines()
        if line.strip()
    ]
    if recommendation.get("number"):
        items.append(
            "Rekomendasi Rekrutmen AKAD Nomor {number} tanggal {date} dari {issuer}".format(
                number=recommendation["number"],
                date=_tanggal(recommendation.get("date")),
                issuer=recommendation.get("issuer", ""),
            )
        )
    if application.assignment_number:
        items.append(
            f"Surat Tugas Pengerahan Tenaga Kerja Nomor {application.assignment_number} "
            f"tanggal {_tanggal(application.assignment_date)} "
            f"atas nama {application.assignment_person}"
        )
    if application.agenda_number:
        items.append(
            f"Surat permohonan {application.recruiter_name} yang diterima dengan nomor agenda "
            f"{application.agenda_number} tanggal {_tanggal(application.agenda_date)}"
        )
    return items


def _tanggal(value):
    from portal.dates import tanggal

    return tanggal(value)


def render_permit(application, *, preview=False):
    """The issued permit as PDF bytes (an official letter: always in Indonesian), from the
    values frozen at signing, never the live employer or office.

    ``preview``: the Kadis's look before signing (step 6): the same letter from the live
    office and application, marked "PRATINJAU", with no number, no verification code and no
    QR; nothing is stored or booked.
    """
    from django.utils import translation

    if preview:
        printed = printed_values(application, application.office)
        url = ""
    else:
        printed = application.printed
        url = verification_url(application)
    office = printed["office"]
    # permits signed before the portal issued recommendations froze none: their typed letter
    recommendation = printed.get("recommendation") or recommendation_values(application)
    if recommendation["date"]:
        recommendation = {
            **recommendation,
            "date": datetime.date.fromisoformat(str(recommendation["date"])),
        }
    positions = printed["positions"]
    with translation.override(settings.LANGUAGE_CODE):
        basis = legal_basis(application, office, recommendation)
    signer = {
        "title": office.get("head_title") if preview else application.signer_title,
        "name": office.get("head_name") if preview else application.signer_name,
        "nip": office.get("head_nip") if preview else application.signer_nip,
        "rank": rank_line(office.get("head_rank"), office.get("head_grade")),
    }
    return render_pdf(
        "akad_permits/permit_pdf.html",
        {
            "application": application,
            "preview": preview,
            "employer": printed["employer"],
            "recruiter_name": printed["recruiter_name"],
            "recommendation": recommendation,
            "positions": positions,
            "total": {
                "male": sum(p["male_count"] for p in positions),
                "female": sum(p["female_count"] for p in positions),
                "all": sum(p["total"] for p in positions),
            },
            "coverage": coverage_paragraph(
                application.coverage,
                positions,
                city=application.destination_city,
                province=application.destination_province,
            ),
            "legal_basis": basis,
            "signer": signer,
            "verify_url": url,
            "qr": qr_data_uri(url) if url else "",
        },
        office=office,  # the issuing office as frozen at signing (the live one in a preview)
    )
