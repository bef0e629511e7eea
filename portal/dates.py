"""Dates and times as every page, mail and document of the portal writes them.

One form everywhere: "2 Desember 2026" (the day, the month's name, the year), and a time
with its zone, "2 Desember 2026 14.05 WIB". The zone is the office's (``Office.time_zone``:
WIB, WITA or WIT), so an office in Makassar prints its own clock. The month's name is the
active language's: documents render in Indonesian (portal.pdf), pages in the reader's.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import get_language

# The zones of Indonesia and the abbreviations the law gives them (Keppres 41/1987).
ZONE_ABBREVIATIONS = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}
TIME_ZONE_CHOICES = [
    ("Asia/Jakarta", "WIB (Asia/Jakarta)"),
    ("Asia/Makassar", "WITA (Asia/Makassar)"),
    ("Asia/Jayapura", "WIT (Asia/Jayapura)"),
]
DATE_FORMAT = "j F Y"


def zone_name(office=None):
    """The office's zone name (an Office, or the dict of it a document froze), else the
    portal's."""
    if isinstance(office, dict):
        name = office.get("time_zone")
    else:
        name = getattr(office, "time_zone", None)
    return name or settings.TIME_ZONE


def zone_of(office=None):
    return zoneinfo.ZoneInfo(zone_name(office))


def zone_abbreviation(office=None):
    name = zone_name(office)
    return ZONE_ABBREVIATIONS.get(name, name)


def _local(value, office):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return value.astimezone(zone_of(office))
    return value


def tanggal(value, office=None):
    """``value`` (a date, or a moment seen from the office's zone) as "2 Desember 2026";
    "" for None."""
    if value in (None, ""):
        return ""
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value)
    return formats.date_format(_local(value, office), DATE_FORMAT)


def waktu(value, office=None):
    """A moment as "2 Desember 2026 14.05 WIB" in the office's zone ("14:05" in English)."""
    if value in (None, ""):
        return ""
    local = _local(value, office)
    separator = "." if (get_language() or settings.LANGUAGE_CODE).startswith("id") else ":"
    clock = f"{local:%H}{separator}{local:%M}"
    return f"{formats.date_format(local, DATE_FORMAT)} {clock} {zone_abbreviation(office)}"
