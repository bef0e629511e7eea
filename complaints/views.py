"""The public side: the web complaint form, its confirmation, and the status check."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from portal.forms import request_office
from portal.ratelimit import rate_limited
from portal.submissions import record_once

from . import letters, services
from .forms import PublicComplaintForm, StatusForm
from .models import Channel, Complaint

SESSION_CONFIRMED = "complaints_confirmed"
# The complaints this browser opened on the status page lately, whose answer letter it may
# download: a signed cookie, not the session, so that a status check writes nothing to the
# database (docs/performance.md). It cannot be forged, and lasts as an idle session does.
CHECKED_COOKIE = "pengaduan_dibuka"
CHECKED_SALT = "complaints.views.checked"
CHECKED_KEPT = 20  # the latest ones


def opened_complaints(request):
    """Ids of the complaints this browser opened with reference and contact lately."""
    value = request.get_signed_cookie(
        CHECKED_COOKIE, default="", salt=CHECKED_SALT, max_age=settings.SESSION_COOKIE_AGE
    )
    return [int(pk) for pk in value.split(",") if pk.isdigit()]


def remember_opened(request, response, complaint):
    opened = [pk for pk in opened_complaints(request) if pk != complaint.pk] + [complaint.pk]
    response.set_signed_cookie(
        CHECKED_COOKIE,
        ",".join(str(pk) for pk in opened[-CHECKED_KEPT:]),
        salt=CHECKED_SALT,
        max_age=settings.SESSION_COOKIE_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


@require_http_methods(["GET", "POST"])
@rate_limited("complaint-create", limit=10, period=3600)
def create(request):
    form = PublicComplaintForm(
        request.POST if request.method == "POST" else None, office=request_office(request)
    )
    if request.method == "POST" and form.is_valid():

        def confirm(complaint):
            request.session[SESSION_CONFIRMED] = complaint.pk
            return redirect("complaints:confirmation")

        return record_once(
            request,
            lambda: services.record_complaint(
                office=form.chosen_office(),
                actor=None,
                channel=Channel.WEB,
                data=form.complaint_data(),
            ),
            confirm,
        )
    return render(request, "complaints/create.html", {"form": form})


@never_cache
def confirmation(request):
    pk = request.session.get(SESSION_CONFIRMED)
    complaint = Complaint.objects.filter(pk=pk).first() if pk else None
    if complaint is None:
        return redirect("complaints:create")
    return render(request, "complaints/confirmation.html", {"complaint": complaint})


@never_cache
@require_http_methods(["GET", "POST"])
@rate_limited("complaint-status", limit=30, period=3600)  # guessing references is slow work
def status(request):
    """Reference and contact together open the complaint; anything else gets one answer.

    The refusal is the same whether the reference exists or not, so the page cannot be used
    to find out which references are real.
    """
    form = StatusForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        complaint = (
            Complaint.objects.matching_contact(
                form.cleaned_data["reference"], form.cleaned_data["contact"]
            )
            .prefetch_related("steps")
            .first()
        )
        if complaint is not None:
            response = render(request, "complaints/status.html", {"complaint": complaint})
            return remember_opened(request, response, complaint)
        form.add_error(
            None,
            _(
                "We found no complaint with this reference and this telephone number or "
                "e-mail address. Check both and try again."
            ),
        )
    return render(request, "complaints/status_form.html", {"form": form})


@never_cache
def answer_letter(request, reference):
    """The answer letter as PDF, for whoever opened the complaint on the status page."""
    complaint = Complaint.objects.filter(reference=reference.upper()).first()
    if complaint is None or complaint.pk not in opened_complaints(request):
        raise Http404
    if not complaint.is_answered:
        raise Http404
    return letters.letter_pdf_response(complaint)
