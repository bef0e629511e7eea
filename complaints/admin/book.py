"""The complaint book of a period: the page officers print, and the same rows as CSV."""

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..forms import BookPeriodForm
from ..models import Complaint


def _period(request):
    today = timezone.localdate()
    form = BookPeriodForm(
        request.GET or None,
        initial={"start": today.replace(month=1, day=1), "end": today},
    )
    if request.GET and form.is_valid():
        return form, form.cleaned_data["start"], form.cleaned_data["end"]
    if request.GET:
        return form, None, None
    return form, today.replace(month=1, day=1), today


def _book_rows(model_admin, request, start, end):
    # the officer's offices only (portal.admin_base.OfficeScopedAdmin)
    return (
        model_admin.get_queryset(request)
        .in_period(start, end)
        .select_related("received_by")
        .order_by("received_at", "pk")
    )


def book_view(model_admin, request):
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    form, start, end = _period(request)
    rows = _book_rows(model_admin, request, start, end) if start else Complaint.objects.none()
    return TemplateResponse(
        request,
        "complaints/book.html",
        {"form": form, "rows": rows, "start": start, "end": end, "title": _("Complaint book")},
    )


def book_csv_view(model_admin, request):
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    form, start, end = _period(request)
    if start is None:
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
    for c in _book_rows(model_admin, request, start, end):
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
