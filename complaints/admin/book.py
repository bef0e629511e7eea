"""The complaint book of a period: the page officers print, the same page as PDF, and the
same rows as CSV. The page and the PDF carry the office's letterhead and the head of office's
"Mengetahui" (seen and acknowledged) under the book."""

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.models import Office
from portal.offices import offices_for
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
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    form, start, end, office = _period(request)
    if start is None or office is None:
        model_admin.message_user(request, _("Choose a valid period."), messages.ERROR)
        return redirect("admin:complaints_complaint_book")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="buku-pengaduan-{start:%Y%m%d}-{end:%Y%m%d}.csv"'
    )
    response.write("\ufeff")  # spreadsheet programs then read the file as UTF-8
    writer = csv.writer(response)
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
    for c in _book_rows(model_admin, request, start, end, office):
        writer.writerow(
            [
                c.book_label,
                c.reference,
                timezone.localtime(c.received_at).strftime("%Y-%m-%d %H:%M"),
                c.get_channel_display(),
                *[_csv_safe(v) for v in _complainant_values(c)],
                _csv_safe(c.subject),
                _csv_safe(c.text),
                _csv_safe(c.radio_forwarded_by),
                c.radio_broadcast_date.isoformat() if c.radio_broadcast_date else "",
                c.received_by.display_name() if c.received_by else "",
                c.get_status_display(),
                timezone.localtime(c.answered_at).strftime("%Y-%m-%d %H:%M")
                if c.answered_at
                else "",
            ]
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


def _csv_safe(value):
    """Text a spreadsheet would run as a formula is quoted (CSV injection)."""
    value = value or ""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
