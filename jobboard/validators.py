"""Checks of Indonesian identity and business numbers, with messages a person can act on."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum import exceptions as stdnum_errors
from stdnum.id import npwp as stdnum_npwp

# Province codes of Kemendagri (the first two digits of a NIK).
PROVINCE_CODES = {
    "11",
    "12",
    "13",
    "14",
    "15",
    "16",
    "17",
    "18",
    "19",
    "21",
    "31",
    "32",
    "33",
    "34",
    "35",
    "36",
    "51",
    "52",
    "53",
    "61",
    "62",
    "63",
    "64",
    "65",
    "71",
    "72",
    "73",
    "74",
    "75",
    "76",
    "81",
    "82",
    "91",
    "92",
    "93",
    "94",
    "95",
    "96",
}


def validate_nik_shape(value):
    """16 digits, a real province code and non-zero region parts.

    Our own checks, not python-stdnum's ``id.nik``: its table of regencies lacks the
    provinces made since 2012 (65 Kalimantan Utara, 92-96 the new Papua provinces), so it
    would refuse their people's NIKs; and each check here has its own message."""
    if not value.isdigit():
        raise ValidationError(_("The NIK may contain digits only."), code="nik_digits")
    if len(value) != 16:
        raise ValidationError(
            _("The NIK must be exactly 16 digits; you entered %(count)d.") % {"count": len(value)},
            code="nik_length",
        )
    if value[:2] not in PROVINCE_CODES:
        raise ValidationError(
            _("The first two digits of the NIK are not a province code."), code="nik_province"
        )
    if value[2:4] == "00" or value[4:6] == "00" or value[12:] == "0000":
        raise ValidationError(
            _("This NIK is not valid: check it against your KTP."), code="nik_region"
        )
    if nik_birth_date(value) is None:
        raise ValidationError(
            _("Digits 7 to 12 of the NIK are not a valid birth date."), code="nik_date"
        )


def nik_birth_date(nik, today=None):
    """The birth date digits 7-12 encode (DDMMYY, day + 40 for women), or None."""
    day, month, year = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    if day > 40:
        day -= 40
    today = today or datetime.date.today()
    century = 2000 if 2000 + year <= today.year else 1900
    try:
        return datetime.date(century + year, month, day)
    except ValueError:
        return None


def nik_facts(nik):
    """What a valid NIK itself says: {"birth_date", "sex" ("L"/"P"), "region_code"} (the
    regency's or city's Kemendagri code, its first four digits), or {} for an invalid one."""
    try:
        validate_nik_shape(nik or "")
    except ValidationError:
        return {}
    return {
        "birth_date": nik_birth_date(nik),
        "sex": "P" if int(nik[6:8]) > 40 else "L",
        "region_code": nik[:4],
    }


def check_nik_matches(nik, birth_date, sex):
    """The NIK's birth date must be the date given; women's day is increased by 40."""
    errors = {}
    day = int(nik[6:8])
    expected_day = birth_date.day + (40 if sex == "P" else 0)
    if nik[8:12] != birth_date.strftime("%m%y") or day != expected_day:
        if nik[8:12] == birth_date.strftime("%m%y") and day in (
            birth_date.day,
            birth_date.day + 40,
        ):
            errors["sex"] = _("The NIK is that of a %(sex)s: check the sex you chose.") % {
                "sex": _("woman") if day > 40 else _("man")
            }
        else:
            errors["nik"] = _(
                "The NIK does not match the date of birth %(date)s (digits 7-12 should be %(digits)s)."
            ) % {
                "date": birth_date.strftime("%d-%m-%Y"),
                "digits": f"{expected_day:02d}{birth_date:%m%y}",
            }
    if errors:
        raise ValidationError(errors)


def validate_nib(value):
    if not re.fullmatch(r"\d{13}", value or ""):
        raise ValidationError(_("The NIB must be exactly 13 digits."), code="nib")


def normalise_npwp(value):
    """NPWP may be typed with dots and dashes (01.234.567.4-901.000)."""
    return re.sub(r"[.\-\s]", "", value or "")


def validate_npwp(value):
    """The NPWP as the tax office defines it (python-stdnum's ``id.npwp``): 15 digits with a
    check digit (Luhn) as the 9th; since 2024 16 digits, either a 0 and the 15-digit number
    (check digit the 10th) or, for a person, the NIK, checked as a NIK is here."""
    number = normalise_npwp(value)
    if not re.fullmatch(r"[0-9]+", number):
        raise ValidationError(
            _("The NPWP may contain digits only (dots and dashes allowed)."), code="npwp_digits"
        )
    if len(number) not in (15, 16):
        raise ValidationError(
            _("The NPWP must be 15 or 16 digits; you entered %(count)d.") % {"count": len(number)},
            code="npwp_length",
        )
    if len(number) == 16 and not number.startswith("0"):
        try:
            validate_nik_shape(number)
        except ValidationError as exc:
            raise ValidationError(
                _(
                    "A 16-digit NPWP that does not begin with 0 is the owner's NIK, and this "
                    "one is not valid: %(reason)s"
                )
                % {"reason": exc.messages[0]},
                code="npwp_nik",
            ) from None
        return
    try:
        stdnum_npwp.validate(number)
    except stdnum_errors.ValidationError:
        raise ValidationError(
            _(
                "This NPWP is not valid: its check digit (digit %(position)d) does not match "
                "the digits before it. Check the number on the NPWP card."
            )
            % {"position": 9 if len(number) == 15 else 10},
            code="npwp_check",
        ) from None


def validate_phone(value):
    digits = re.sub(r"[\s\-()+]", "", value or "")
    if not digits.isdigit() or not 8 <= len(digits) <= 15:
        raise ValidationError(
            _("Enter a telephone number of 8 to 15 digits, e.g. 0812 3456 7890."), code="phone"
        )
