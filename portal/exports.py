"""The officers' lists as spreadsheets (issue 18 item 4): every change list an officer works
from downloads exactly what its filter and search show, as an XLSX that Excel opens in
Indonesian with typed cells.

An app declares each list's sheet in its ``exports.py``: an ``Export`` (file name, sheet
title, the related rows to read in the same query) of ``Column`` rows, each a lookup path
(``"jobseeker__nik"``), a kind, and a header (the field's own verbose name by default, so
the Indonesian catalogue already has it). The kind decides the cell:

- ``CODE``: identity and registration numbers (NIK, NPWP, NIB, telephone, postal code, book
  and permit numbers): a text cell in the Text format, so all 16 digits and a leading zero
  stay as typed;
- ``DATE`` and ``DATETIME``: real dates (dd/mm/yyyy), a moment in the office's local time,
  without zone (what Excel understands);
- ``INTEGER`` and ``MONEY``: numbers, money with thousands separated;
- ``TEXT``: text, never a formula even when a typed name starts with "=" (a spreadsheet
  would run it).

``ExportAdminMixin`` (after ``OfficeScopedAdmin`` among an admin's bases) gives the admin an
``export.xlsx`` page and the change list an "Unduh XLSX" button carrying the list's own query
string. The rows are the change list's own queryset (filters, search, ordering; the
officer's offices), narrowed to the offices where the officer also holds
``portal.export_personal_data`` (every officer's list holds personal data); a fixed number
of queries whatever the rows (``Export.select_related``). Each download is recorded per
office (``portal.models.ExportRecord``) with the filter described in words, never the
searched text.

openpyxl's write-only workbook streams the rows to a temporary file (memory stays flat for
10,000 rows); one styled cell per column is filled again for every row, which is what keeps
the writing fast (a new styled cell per value costs three times as much).
"""

import csv
import datetime
import decimal
import tempfile
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models, transaction
from django.http import FileResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from . import offices

EXPORT_PERMISSION = "portal.export_personal_data"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

TEXT, CODE, DATE, DATETIME, INTEGER, NUMBER, MONEY, BOOLEAN = (
    "text",
    "code",
    "date",
    "datetime",
    "integer",
    "number",
    "money",
    "boolean",
)
FORMATS = {
    CODE: "@",  # Excel's Text format
    DATE: "dd/mm/yyyy",
    DATETIME: "dd/mm/yyyy hh:mm",
    INTEGER: "0",
    NUMBER: "0.0",  # shown as 2,5 by an Indonesian Excel
    MONEY: "#,##0",  # shown as 2.500.000 by an Indonesian Excel
}
WIDTHS = {
    TEXT: 28,
    CODE: 20,
    DATE: 12,
    DATETIME: 17,
    INTEGER: 10,
    NUMBER: 10,
    MONEY: 14,
    BOOLEAN: 8,
}
MAX_TEXT = 32_767  # the most a cell holds


@dataclass(frozen=True)
class Column:
    """One column of a sheet: what it reads from a row, and what kind of cell it writes."""

    path: str  # a lookup from the row ("jobseeker__nik"); its field gives header and kind
    kind: str | None = None  # None: from the field (dates, numbers, text)
    header: Any = None  # None: the field's verbose name
    value: Any = None  # callable(row) -> value, instead of following ``path``
    width: float | None = None


@dataclass(frozen=True)
class Export:
    """What one admin's list downloads: the file's name, the sheet's title, the columns."""

    slug: str  # the file's name, without personal data: "pencari-kerja-20261202-0930.xlsx"
    title: Any  # the sheet's title (at most 31 characters)
    columns: tuple
    select_related: tuple = ()  # every relation a column reads: one query for all rows
    # callable() -> {name: expression}: figures a column reads, computed in the same query
    annotate: Any = None

    def resolved(self, model):
        """[(header, getter, kind, width)] for ``model``, headers in the active language."""
        return [_resolve(model, column) for column in self.columns]


def _field(model, lookup):
    field = None
    for name in lookup.split("__"):
        if model is None:
            return None
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return None
        model = field.related_model
    return field


def _kind_of(field):
    if isinstance(field, models.DateTimeField):
        return DATETIME
    if isinstance(field, models.DateField):
        return DATE
    if isinstance(field, models.BooleanField):
        return BOOLEAN
    if isinstance(field, models.IntegerField):
        return INTEGER
    if isinstance(field, models.DecimalField | models.FloatField):
        return NUMBER
    return TEXT


def _follow(lookup, labels=None):
    """A getter of ``lookup`` from a row; a choice's label from ``labels`` (translated once
    per download: the model's get_FOO_display rebuilds its map on every call)."""
    names = lookup.split("__")

    def get(row):
        value = row
        for name in names:
            value = getattr(value, name, None)
            if value is None:
                return None
        if labels is not None:
            return labels.get(value, value)
        if isinstance(value, models.Model):
            shown = getattr(value, "display_name", None)
            return shown() if callable(shown) else str(value)
        return value

    return get


def _resolve(model, column):
    field = _field(model, column.path)
    if column.header is None and field is None:
        raise ValueError(f"{model._meta.label}: column {column.path!r} needs a header")
    header = capfirst(str(column.header if column.header is not None else field.verbose_name))
    kind = column.kind or (_kind_of(field) if field is not None else TEXT)
    labels = None
    if field is not None and field.choices:
        labels = {value: str(label) for value, label in field.flatchoices}
        kind = column.kind or TEXT
    getter = column.value if column.value is not None else _follow(column.path, labels)
    return header, getter, kind, column.width or WIDTHS[kind]


# --- writing the workbook ------------------------------------------------------------------


def zone_of(office):
    """The office's own time zone when the office names one, else the portal's (WIB)."""
    from zoneinfo import ZoneInfo

    name = getattr(office, "time_zone", "") if office is not None else ""
    return ZoneInfo(name) if name else timezone.get_default_timezone()


def office_zones():
    """{office id: zone}: one query, only when offices have a zone of their own."""
    from .models import Office

    if not hasattr(Office, "time_zone"):
        return {}
    return {office.pk: zone_of(office) for office in Office.objects.all()}


def _text(value):
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    return text[:MAX_TEXT]


def _fill(cell, kind, value, zone):
    if value is None or value == "":
        cell.value = None
        return
    if kind in (DATE, DATETIME) and isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value, zone).replace(tzinfo=None)
        if kind == DATE:
            value = value.date()
    elif kind == BOOLEAN:
        value = _("yes") if value else _("no")
    elif kind in (TEXT, CODE):
        value = _text(value)
    cell.value = value
    if isinstance(value, str):
        # text stays text: a leading "=" never becomes a formula, nor "0812..." a number
        cell.data_type = "s"


def sheet_title(title):
    cleaned = "".join(c for c in str(title) if c not in "[]:*?/\\")
    return cleaned[:31] or "Data"


def write_workbook(export, model, rows, out, zones=None):
    """Write ``rows`` (an iterable of ``model`` objects) into ``out`` as one sheet.

    Returns {office id: rows written}.
    """
    zones = zones or {}
    default_zone = timezone.get_default_timezone()
    columns = export.resolved(model)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_title(export.title))
    for index, (_header, _getter, _kind, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"  # the header stays in view
    bold, wrap = Font(bold=True), Alignment(vertical="top", wrap_text=True)
    header_cells = []
    for header, *_rest in columns:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font, cell.alignment = bold, wrap
        header_cells.append(cell)
    sheet.append(header_cells)
    # one cell per column, styled once and filled again for each row: a row is written to
    # the file when it is appended, so the same cells serve the next one
    cells = []
    for _header, _getter, kind, _width in columns:
        cell = WriteOnlyCell(sheet)
        if kind in FORMATS:
            cell.number_format = FORMATS[kind]
        cells.append(cell)
    counts = Counter()
    for row in rows:
        office_id = getattr(row, "office_id", None)
        zone = zones.get(office_id, default_zone)
        for cell, (_header, getter, kind, _width) in zip(cells, columns, strict=True):
            _fill(cell, kind, getter(row), zone)
        sheet.append(cells)
        counts[office_id] += 1
    book.save(out)
    return counts


# --- CSV as an Indonesian Excel opens it ----------------------------------------------------


def csv_writer(response):
    """A CSV writer an Excel set to Indonesian opens in columns: semicolons (its list
    separator, the comma being its decimal sign) after a UTF-8 byte order mark."""
    response.write("\ufeff")
    return csv.writer(response, delimiter=";")


def csv_cell(value):
    """One CSV value: decimals with a comma (2,5), text that would run as a formula quoted."""
    if value is None:
        return ""
    if isinstance(value, float | decimal.Decimal):
        return str(value).replace(".", ",")
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return str(value)


# --- the filter in words, without personal data --------------------------------------------


def describe(changelist, request):
    """The change list's filters as the officer chose them ("status: Aktif; tahun: 2026").

    A search is noted, never its text: an officer searches by NIK and by name.
    """
    no_filter = {_("All"), _("Any date")}
    parts = []
    for spec in changelist.filter_specs:
        chosen = [
            str(choice["display"])
            for choice in spec.choices(changelist)
            if choice.get("selected") and str(choice["display"]) not in no_filter
        ]
        if chosen:
            parts.append(f"{spec.title}: {', '.join(chosen)}")
    hierarchy = changelist.date_hierarchy
    if hierarchy:
        values = [request.GET.get(f"{hierarchy}__{part}") for part in ("year", "month", "day")]
        values = [v for v in values if v]
        if values:
            label = _field(changelist.model, hierarchy).verbose_name
            parts.append(f"{label}: {'-'.join(values)}")
    if changelist.query:
        parts.append(_("a text search (its text is not recorded)"))
    return "; ".join(parts) or _("the whole list")


# --- the admin side ----------------------------------------------------------------------


class ExportAdminMixin:
    """An officer's change list that downloads as XLSX. Put it after ``OfficeScopedAdmin``;
    ``export`` is the list's ``Export`` (None: no download)."""

    export = None

    def get_urls(self):
        urls = super().get_urls()
        if self.export is None:
            return urls
        name = f"{self.opts.app_label}_{self.opts.model_name}_export"
        return [path("export.xlsx", self.admin_site.admin_view(self.export_view), name=name), *urls]

    def export_offices(self, request):
        """Ids of the offices whose rows of this list ``request.user`` may download: where a
        role lets them read the list and export personal data; None: every office."""
        user = request.user
        if user.is_superuser and user.is_active:
            return None
        exporting = set(offices.offices_for(user, EXPORT_PERMISSION))
        return [office for office in self.officer_offices(request) if office in exporting]

    def may_export(self, request):
        if self.export is None or not self.has_view_permission(request):
            return False
        held = self.export_offices(request)
        return held is None or bool(held)

    def changelist_view(self, request, extra_context=None):
        if self.may_export(request):
            url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_export")
            query = request.GET.urlencode()
            extra_context = {
                **(extra_context or {}),
                "export_url": f"{url}?{query}" if query else url,
            }
        return super().changelist_view(request, extra_context)

    def export_view(self, request):
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        if not self.may_export(request):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
            return redirect(f"{url}?e=1")
        held = self.export_offices(request)
        rows = offices.scope(
            changelist.queryset, held, field=self.office_field, holder=request.user
        )
        if self.export.select_related:
            rows = rows.select_related(*self.export.select_related)
        if self.export.annotate is not None:
            rows = rows.annotate(**self.export.annotate())
        # the response sends the file and closes it
        handle = tempfile.TemporaryFile()  # noqa: SIM115
        try:
            counts = write_workbook(
                self.export, self.model, rows.iterator(chunk_size=2000), handle, office_zones()
            )
            record_export(
                user=request.user,
                model=self.model,
                list_name=sheet_title(self.export.title),
                description=describe(changelist, request),
                counts=counts,
                offices_in_scope=held,
            )
        except BaseException:
            handle.close()
            raise
        handle.seek(0)
        moment = timezone.localtime()
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=f"{self.export.slug}-{moment:%Y%m%d-%H%M}.xlsx",
            content_type=XLSX,
        )
        add_never_cache_headers(response)
        return response


def record_export(*, user, model, list_name, description, counts, offices_in_scope):
    """Write the ExportRecord rows of one download: one per office of the officer's scope
    (its rows, possibly none), or per office whose rows a superuser took."""
    from .models import ExportRecord

    if offices_in_scope is None:
        office_ids = sorted(o for o in counts if o is not None) or [None]
    else:
        office_ids = offices_in_scope
    now = timezone.now()
    with transaction.atomic():
        ExportRecord.objects.bulk_create(
            ExportRecord(
                office_id=office_id,
                user=user,
                model_label=model._meta.label_lower,
                list_name=list_name,
                description=description[:2000],
                row_count=counts.get(office_id, 0),
                created_at=now,
            )
            for office_id in office_ids
        )


__all__ = [
    "BOOLEAN",
    "CODE",
    "DATE",
    "DATETIME",
    "EXPORT_PERMISSION",
    "INTEGER",
    "MONEY",
    "NUMBER",
    "TEXT",
    "Column",
    "Export",
    "ExportAdminMixin",
]
