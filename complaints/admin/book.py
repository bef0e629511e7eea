"""The complaint book of a period: the page officers print, the same page as PDF, and the
same rows as CSV. The page and the PDF carry the office's letterhead and the head of office's
"Mengetahui" (seen and acknowledged) under the book.

The CSV takes the complainants' names and contacts out of the portal: like every list
export (portal.exports) it needs ``portal.export_personal_data`` in the book's office,
is recorded (portal.ExportRecord), and opens in columns in an Indonesian Excel.
"""

from collections import Counter

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.exports import csv_cell, csv_writer, record_export
from portal.models import Office
from portal.offices import offices_for, scope
from portal.pdf import emblem_data_uri, office_values, pdf_response, render_pdf

from ..forms import BookPeriodForm
from ..models import Complaint

BOOK_TEMPLATE = "complaints/book.html"
OFFICE_FIELDS = (
    "government",
    "name",
    "address",
    "phone",
    "email",
    "region",
    "head_title",
    "head_name",
    "head_nip",
    "head_rank",
    "head_grade",
)


def _offices(request):
    """The offices whose book the officer reads (each book is one office's)."""
    return Office.objects.filter(pk__in=offices_for(request.user, "complaints.view_complaint"))


def _period(request):
    today = timezone.localdate()
    form = BookPeriodForm(
        request.GET or None,
        initial={"start": today.replace(month=1, day=1), "end": today},
        offices=_offices(request),
    )
    if request.GET and form.is_valid():
        data = form.cleaned_data
        return form, data["start"], data["end"], data["office"] or form.default_office
    if request.GET:
        return form, None, None, None
    return form, today.replace(month=1, day=1), today, form.default_office


def _book_rows(model_admin, request, start, end, office):
    # the officer's offices only (portal.admin_base.OfficeScopedAdmin), the chosen book
    return (
        model_admin.get_queryset(request)
        .filter(office=office)
        .in_period(start, end)
        .select_related("received_by")
        .order_by("received_at", "pk")
    )


def _book_context(model_admin, request):
    form, start, end, office = _period(request)
    if start and office is not None:
        rows = _book_rows(model_admin, request, start, end, office)
    else:
        rows = Complaint.objects.none()
    values = office_values(office, OFFICE_FIELDS) if office is not None else None
    return {
        "form": form,
        "rows": rows,
        "start": start,
        "end": end,
        "book_office": values,
        "emblem": emblem_data_uri(values) if values else "",
        "query": request.GET.urlencode(),
        "title": _("Complaint book"),
        "can_export": model_admin.may_export(request),
    }


def book_view(model_admin, request):
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    return TemplateResponse(request, BOOK_TEMPLATE, _book_context(model_admin, request))


def book_pdf_view(model_admin, request):
    """The book of the period as PDF (A4 landscape), the same page the browser prints."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    context = _book_context(model_admin, request)
    if context["start"] is None or context["book_office"] is None:
        model_admin.message_user(request, _("Choose a valid period."), messages.ERROR)
        return redirect("admin:complaints_complaint_book")
    return pdf_response(render_book_pdf(context), _book_filename(context, "pdf"), inline=True)


def render_book_pdf(context):
    office = context["book_office"]
    return render_pdf(
        BOOK_TEMPLATE,
        {**context, "for_pdf": True, "rows": list(context["rows"])},
        office=office,
        stylesheets=["complaints/book.css"],
    )


def _book_filename(context, ext):
    return f"buku-pengaduan-{context['start']:%Y%m%d}-{context['end']:%Y%m%d}.{ext}"


def book_csv_view(model_admin, request):
    if not model_admin.may_export(request):
        raise PermissionDenied
    form, start, end, office = _period(request)
    if start is None or office is None:
        model_admin.message_user(request, _("Choose a valid period."), messages.ERROR)
        return redirect("admin:complaints_complaint_book")
    held = model_admin.export_offices(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="buku-pengaduan-{start:%Y%m%d}-{end:%Y%m%d}.csv"'
    )
    writer = csv_writer(response)
    writer.writerow(
        [
            _("book no."),
            _("reference"),
            _("received at"),
            _("channel"),
            _("name"),
            _("institution"),
            _("address"),
            _("telephone"),
            _("e-mail address"),
            _("subject"),
            _("complaint"),
            _("forwarded by (radio staff)"),
            _("broadcast date"),
            _("receiving officer"),
            _("status"),
            _("answered at"),
        ]
    )
    counts = Counter()
    rows = scope(_book_rows(model_admin, request, start, end, office), held, holder=request.user)
    for c in rows:
        counts[c.office_id] += 1
        writer.writerow(
            [
                c.book_label,
                c.reference,
                timezone.localtime(c.received_at).strftime("%d/%m/%Y %H:%M"),
                c.get_channel_display(),
                *[csv_cell(v) for v in _complainant_values(c)],
                csv_cell(c.subject),
                csv_cell(c.text),
                csv_cell(c.radio_forwarded_by),
                c.radio_broadcast_date.strftime("%d/%m/%Y") if c.radio_broadcast_date else "",
                c.received_by.display_name() if c.received_by else "",
                c.get_status_display(),
                timezone.localtime(c.answered_at).strftime("%d/%m/%Y %H:%M")
                if c.answered_at
                else "",
            ]
        )
    record_export(
        user=request.user,
        model=Complaint,
        list_name=_("Complaint book"),
        description=_("period %(start)s to %(end)s")
        % {"start": f"{start:%d/%m/%Y}", "end": f"{end:%d/%m/%Y}"},
        counts=counts,
        offices_in_scope=held,
    )
    return response


def _complainant_values(c):
    return [
        c.complainant_name,
        c.complainant_institution,
        c.complainant_address,
        c.complainant_phone,
        c.complainant_email,
    ]
