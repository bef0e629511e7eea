"""The applicant's pages and the public verification page. Thin: forms in, services out."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from jobboard import rules
from portal.codes import normalise_code
from portal.forms import request_office
from portal.submissions import record_once
from portal.workflow import MoveRefused

from . import pdf, services, timeline
from .forms import ApplicationForm, PositionFormSet, RecommendationRequestForm, VerifyForm
from .models import VERIFICATION_CODE_GROUPS, PermitApplication, Recommendation, Status


def _employer_or_refuse(request):
    employer = rules.active_employer(request.user)
    if employer is None:
        return None, render(request, "akad_permits/not_employer.html", status=403)
    return employer, None


def _own_application(request, pk):
    return get_object_or_404(
        PermitApplication.objects.select_related("employer"),
        pk=pk,
        employer__user=request.user,
    )


@login_required
@require_GET
def application_list(request):
    employer, refusal = _employer_or_refuse(request)
    if refusal:
        return refusal
    applications = PermitApplication.objects.filter(employer=employer).order_by("-created_at")
    page = Paginator(applications, 20).get_page(request.GET.get("page"))
    return render(request, "akad_permits/application_list.html", {"page": page})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def application_edit(request, pk=None):
    """Create or edit a draft (or a returned application); save it, or submit it."""
    employer, refusal = _employer_or_refuse(request)
    if refusal:
        return refusal
    if pk is None:
        application = PermitApplication(employer=employer, recruiter_name=employer.company_name)
    else:
        application = _own_application(request, pk)
        if not application.is_editable:
            messages.info(request, _("This application can no longer be changed."))
            return redirect("akad_permits:application_detail", pk=pk)

    submitting = request.method == "POST" and "submit" in request.POST
    if request.method == "POST":
        form = ApplicationForm(
            request.POST,
            request.FILES,
            instance=application,
            submitting=submitting,
            office=_office_of(request, application),
            proposed=employer.office,
        )
        formset = PositionFormSet(
            request.POST, instance=application, prefix="positions", submitting=submitting
        )
        if form.is_valid() and formset.is_valid():
            try:
                return record_once(
                    request,
                    lambda: services.save_application(
                        actor=request.user,
                        application=application,
                        office=form.chosen_office(),
                        data={k: v for k, v in form.cleaned_data.items() if k != "office"},
                        positions=formset.positions_data(),
                        submitting=submitting,
                    ),
                    lambda saved: _saved_answer(request, saved),
                )
            except MoveRefused as exc:
                # Nothing was saved: the page comes back with everything typed.
                messages.error(request, exc.message)
                return _form_page(request, form, formset, application)
        messages.error(
            request,
            _(
                "Please correct the marked fields. Files you chose must be chosen again; "
                "files already saved are kept."
            ),
        )
    else:
        form = ApplicationForm(
            instance=application, office=_office_of(request, application), proposed=employer.office
        )
        formset = PositionFormSet(instance=application, prefix="positions")
    return _form_page(request, form, formset, application)


def _office_of(request, application):
    """A saved application keeps the office it is addressed to; a new one goes to the office
    of the page's address, or the applicant chooses it in the form."""
    return application.office if application.office_id else request_office(request)


def _saved_answer(request, application):
    """Where a saved form leads, also for the same form sent again (portal.submissions)."""
    if application.is_editable:
        messages.success(request, _("Draft saved. You can finish and submit it later."))
        return redirect("akad_permits:application_edit", pk=application.pk)
    messages.success(
        request,
        _("Your application was submitted to the Kepala Dinas. You will be told by e-mail."),
    )
    return redirect("akad_permits:application_detail", pk=application.pk)


def _form_page(request, form, formset, application):
    return render(
        request,
        "akad_permits/application_form.html",
        {"form": form, "formset": formset, "application": application},
    )


@login_required
@require_GET
def application_detail(request, pk):
    application = _own_application(request, pk)
    return render(
        request,
        "akad_permits/application_detail.html",
        {
            "application": application,
            "positions": application.positions.all(),
            "timeline": timeline.build(application),
        },
    )


@never_cache
@login_required
@require_GET
def permit_pdf(request, pk):
    """The signed permit, for its applicant and for the officers who handle permits."""
    application = get_object_or_404(PermitApplication.objects.select_related("employer"), pk=pk)
    is_owner = application.employer.user_id == request.user.pk
    # an officer reads the permits of their own offices (portal.offices)
    if not (is_owner or request.user.has_perm("akad_permits.view_permitapplication", application)):
        raise PermissionDenied
    if application.status != Status.ISSUED:
        raise Http404
    response = HttpResponse(pdf.render_permit(application), content_type="application/pdf")
    filename = f"izin-akad-{application.permit_year}-{application.permit_seq:04d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def recommendation_list(request):
    """The employer's recruitment recommendations requested in the portal."""
    employer, refusal = _employer_or_refuse(request)
    if refusal:
        return refusal
    recommendations = (
        Recommendation.objects.filter(employer=employer)
        .select_related("office", "recruiting_office")
        .order_by("-created_at", "-pk")
    )
    page = Paginator(recommendations, 20).get_page(request.GET.get("page"))
    return render(request, "akad_permits/recommendation_list.html", {"page": page})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def recommendation_request(request):
    """The employer asks the destination region's office for the recommendation."""
    employer, refusal = _employer_or_refuse(request)
    if refusal:
        return refusal
    initial = {"recruiting_office": request_office(request) or employer.office}
    form = RecommendationRequestForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            return record_once(
                request,
                lambda: services.request_recommendation(actor=request.user, **form.cleaned_data),
                lambda saved: _recommendation_requested(request, saved),
            )
        except MoveRefused as exc:
            messages.error(request, exc.message)
    return render(request, "akad_permits/recommendation_form.html", {"form": form})


def _recommendation_requested(request, recommendation):
    messages.success(
        request,
        _("Your request was sent to %(office)s. You will be told by e-mail.")
        % {"office": recommendation.office},
    )
    return redirect("akad_permits:recommendation_list")


@require_GET
def verify(request, code=None):
    """Public: anyone holding the permit's code sees whether the office issued it."""
    lookup = None
    if code is None and request.GET.get("code"):
        lookup = VerifyForm(request.GET)
        if lookup.is_valid():
            return redirect("akad_permits:verify", code=lookup.cleaned_data["code"])
        # not the shape of a code this office prints: the same answer as an unknown one
        code = request.GET["code"].strip()[:20]
    application = None
    if code and lookup is None:
        code = normalise_code(code, VERIFICATION_CODE_GROUPS)
        application = (
            PermitApplication.objects.issued()
            .select_related("employer")
            .filter(verification_code=code)
            .first()
        )
    return render(
        request,
        "akad_permits/verify.html",
        {
            "code": code,
            "permit": application,
            # as frozen at signing, like everything the page shows
            "positions": application.printed["positions"] if application else [],
            "today": timezone.localdate(),
            "lookup_url": reverse("akad_permits:verify_lookup"),
        },
        status=404 if code and application is None else 200,
    )
