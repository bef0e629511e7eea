"""The complaint book of a period: the page officers print, and the same rows as CSV.

The CSV takes the complainants' names and contacts out of the portal: like every list
export (portal.exports) it needs ``portal.export_personal_data`` in the complaints' office,
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
from portal.offices import scope

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
        {
            "form": form,
            "rows": rows,
            "start": start,
            "end": end,
            "title": _("Complaint book"),
            "can_export": model_admin.may_export(request),
        },
    )


def book_csv_view(model_admin, request):
    if not model_admin.may_export(request):
        raise PermissionDenied
    form, start, end = _period(request)
    if start is None:
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
    rows = scope(_book_rows(model_admin, request, start, end), held, holder=request.user)
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
