"""The written answer (7.2.3) as the officers print it: the letter page and its PDF."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from .. import letters


def _answered(model_admin, request, pk):
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    # the officer's offices only: another office's complaint is not found
    complaint = get_object_or_404(model_admin.get_queryset(request), pk=pk)
    if not complaint.answer:
        model_admin.message_user(
            request, _("This complaint has no written answer yet."), messages.ERROR
        )
        return complaint, redirect("admin:complaints_complaint_change", pk)
    return complaint, None


def letter_view(model_admin, request, pk):
    complaint, refusal = _answered(model_admin, request, pk)
    return refusal or HttpResponse(letters.letter_html(complaint))


def letter_pdf_view(model_admin, request, pk):
    complaint, refusal = _answered(model_admin, request, pk)
    return refusal or letters.letter_pdf_response(complaint)
