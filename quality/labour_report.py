"""The monthly labour-market report (Informasi Pasar Kerja) as a page, XLSX and PDF.

The figures are jobboard.labour_market's; these views choose the month and the offices (an
officer's own, a province reader's offices one by one or summed) and check both.
"""

import io

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from jobboard import labour_market
from portal import offices as office_access
from portal.models import Office
from portal.pdf import pdf_response, render_pdf

from .forms import ALL_OFFICES as ALL
from .forms import ReportForm
from .stats import current_month, shift_month

PERMISSION = "quality.view_labour_report"


def _readable_offices(user):
    """The offices (city and regency) whose report ``user`` reads; none: 403."""
    if not user.is_staff:
        raise PermissionDenied
    ids = office_access.offices_for(user, PERMISSION)
    found = list(
        Office.objects.filter(pk__in=ids).exclude(level=Office.Level.PROVINCE).order_by("name")
    )
    if not found:
        raise PermissionDenied
    return found


def _choose(request):
    """(form, month, the chosen offices): the request's month and office, permission-checked."""
    readable = _readable_offices(request.user)
    by_id = {str(o.pk): o for o in readable}
    wanted = request.GET.get("kantor") or (ALL if len(readable) > 1 else str(readable[0].pk))
    if wanted != ALL and wanted not in by_id:
        raise PermissionDenied  # another office's report, or no office at all
    form = ReportForm(request.GET or None, offices=readable)
    month = current_month()
    if form.is_valid():
        month = form.cleaned_data["bulan"]
    chosen = readable if wanted == ALL else [by_id[wanted]]
    return form, month, chosen, readable


def _issuing_office(chosen):
    """The office whose letterhead the document prints: the one office, or their province."""
    if len(chosen) == 1:
        return chosen[0]
    parents = {o.parent_id for o in chosen}
    if len(parents) == 1 and None not in parents:
        return Office.objects.get(pk=parents.pop())
    return chosen[0]


def _build(month, chosen, readable):
    ids = [o.pk for o in chosen]
    figures = labour_market.compute(month, ids)
    report = labour_market.Report(figures, ids)
    per_office = []
    if len(chosen) > 1:
        for o in chosen:
            per_office.append((o, labour_market.Report(figures, [o.pk]).totals()))
    return report, per_office


def _context(request):
    """The page's (and the documents') context: the request's month and offices, checked."""
    form, month, chosen, readable = _choose(request)
    report, per_office = _build(month, chosen, readable)
    seekers, openings, placed = report.totals()
    kantor = ALL if len(chosen) > 1 else str(chosen[0].pk)
    query = f"bulan={month:%Y-%m}&kantor={kantor}"
    return {
        "form": form,
        "month": month,
        "filename": _filename(month, chosen),
        "month_label": formats.date_format(month, "F Y"),
        "offices": chosen,
        "issuing_office": _issuing_office(chosen),
        "report": report,
        "tables": report.tables(),
        "totals": {"seekers": seekers, "openings": openings, "placed": placed},
        "states": labour_market.STATES,
        "seeker_labels": labour_market.SEEKER_STATE_LABELS,
        "vacancy_labels": labour_market.VACANCY_STATE_LABELS,
        "per_office": per_office,
        "query": query,
        "previous": f"bulan={shift_month(month, -1):%Y-%m}&kantor={kantor}",
        "next": f"bulan={shift_month(month, 1):%Y-%m}&kantor={kantor}"
        if month < current_month()
        else None,
    }


@never_cache
@login_required
@require_GET
def report_page(request):
    """The month's report of the office (or the province's offices), each figure a link."""
    return render(request, "quality/labour_report.html", _context(request))


def _filename(month, chosen):
    who = chosen[0].slug if len(chosen) == 1 else "provinsi"
    return f"laporan-ipk-{who}-{month:%Y-%m}"


@never_cache
@login_required
@require_GET
def report_pdf(request):
    """The report as the office sends it on: its letterhead, landscape A4, in Indonesian."""
    with translation.override("id"):
        context = _context(request)
        context["printed_on"] = timezone.localdate()
        data = render_pdf(
            "quality/labour_report_pdf.html", context, office=context["issuing_office"]
        )
    return pdf_response(data, f"{context['filename']}.pdf")


@never_cache
@login_required
@require_GET
def report_xlsx(request):
    """The report as a workbook: one sheet per table, the figures as numbers."""
    with translation.override("id"):
        context = _context(request)
        data = workbook(context)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{context["filename"]}.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response


def workbook(context):
    """XLSX bytes of the report's tables (openpyxl), headings in the active language."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    offices = ", ".join(o.name for o in context["offices"])
    bold = Font(bold=True)
    for table in context["tables"]:
        sheet = book.create_sheet(title=table.key[:31])
        sheet.append([str(table.title)])
        sheet["A1"].font = Font(bold=True, size=12)
        sheet.append([f"{_('Month')}: {context['month_label']}"])
        sheet.append([f"{_('Office')}: {offices}"])
        sheet.append([])
        groups, subs = [str(table.group_label)], [""]
        for group, headers in table.headers:
            groups.extend([str(group)] + [""] * (len(headers) - 1))
            subs.extend(str(h) for h in headers)
        sheet.append(groups)
        sheet.append(subs)
        column = 2
        for _group, headers in table.headers:
            if len(headers) > 1:
                sheet.merge_cells(
                    start_row=5,
                    start_column=column,
                    end_row=5,
                    end_column=column + len(headers) - 1,
                )
            column += len(headers)
        for cell in (*sheet[5], *sheet[6]):
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, horizontal="center")
        for row in table.rows:
            sheet.append([row.label, *(c.value for c in row.cells)])
            if row.total:
                for cell in sheet[sheet.max_row]:
                    cell.font = bold
        sheet.column_dimensions["A"].width = 32
        for index in range(2, column):
            sheet.column_dimensions[get_column_letter(index)].width = 9
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
