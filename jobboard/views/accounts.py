"""Steps 1-2 and 5 of the document: registering; then the account's own pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from portal.forms import request_office
from portal.ratelimit import rate_limited

from .. import rules, services
from ..forms import (
    EmployerForm,
    EmployerRegistrationForm,
    JobSeekerForm,
    JobSeekerRegistrationForm,
    VacancySearchForm,
    model_data,
)
from ..models import VacancySuggestions
from . import registration_steps


def _registered_already(request):
    return request.user.is_authenticated and (
        rules.jobseeker_of(request.user) or rules.employer_of(request.user)
    )


def _register(request, form_class, template):
    """One answer whatever happened to a valid form: registered, or the e-mail address or
    NIK/NIB was registered already (its owner is mailed, issue 16 item 9). The same form sent
    twice registers once (portal.submissions)."""
    if _registered_already(request):
        return redirect("jobboard:my_status")
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, office=request_office(request))
        if form.is_valid():
            return registration_steps.register_once(request, form)
    else:
        form = form_class(office=request_office(request))
    return render(request, template, {"form": form})


def registration_sent(request):
    """The answer to every valid registration: look in your mailbox."""
    return render(request, "jobboard/registration_sent.html")


# A shared office or cafe connection registers 20 people an hour: every registering POST
# counts (the last step, or the one-page form), the steps before it on a bound of their own
# (they store what was typed and the files chosen, so a script's burst is refused as well).
_registration_limit = rate_limited("register-jobseeker", limit=20, period=3600)
_step_limit = rate_limited("register-jobseeker-step", limit=300, period=3600)


@_registration_limit
def _register_jobseeker_at_once(request):
    return _register(
        request, JobSeekerRegistrationForm, "jobboard/register_jobseeker_one_page.html"
    )


@_registration_limit
def _register_jobseeker_last_step(request):
    return registration_steps.post_step(request)


@_step_limit
def _register_jobseeker_step(request):
    return registration_steps.post_step(request)


@sensitive_post_parameters("password1", "password2", "nik", "npwp")
def register_jobseeker(request):
    """In short steps (jobboard.views.registration_steps). A POST of the whole form at once
    (no step named: a page of the one-page form still open, a script) is registered by the
    one form as before, with the same service and checks."""
    if _registered_already(request):
        return redirect("jobboard:my_status")
    if request.method != "POST":
        return registration_steps.show_step(request)
    if "wizard_step" not in request.POST:
        return _register_jobseeker_at_once(request)
    if registration_steps.is_last_step(request):
        return _register_jobseeker_last_step(request)
    return _register_jobseeker_step(request)


_employer_limit = rate_limited("register-employer", limit=20, period=3600)
_employer_step_limit = rate_limited("register-employer-step", limit=300, period=3600)


@_employer_limit
def _register_employer_at_once(request):
    return _register(request, EmployerRegistrationForm, "jobboard/register_employer_one_page.html")


@_employer_limit
def _register_employer_last_step(request):
    return registration_steps.post_step(request, registration_steps.EmployerWizard)


@_employer_step_limit
def _register_employer_step(request):
    return registration_steps.post_step(request, registration_steps.EmployerWizard)


@sensitive_post_parameters("password1", "password2", "npwp")
def register_employer(request):
    """In three short steps, as a job seeker's registration (a whole form at once too)."""
    if _registered_already(request):
        return redirect("jobboard:my_status")
    wizard = registration_steps.EmployerWizard
    if request.method != "POST":
        return registration_steps.show_step(request, wizard)
    if "wizard_step" not in request.POST:
        return _register_employer_at_once(request)
    if registration_steps.is_last_step(request, wizard):
        return _register_employer_last_step(request)
    return _register_employer_step(request)


def _own_profile(user):
    return rules.jobseeker_of(user) or rules.employer_of(user)


@login_required
def my_status(request):
    """A waiting or rejected account sees where it stands and why; an active one, its links."""
    profile = _own_profile(request.user)
    if profile is None:
        return render(request, "jobboard/no_profile.html")
    return render(
        request,
        "jobboard/my_status.html",
        {
            "profile": profile,
            "is_jobseeker": profile._meta.model_name == "jobseeker",
            "steps": profile.steps.select_related("actor"),
            "card": getattr(profile, "ak1_card", None),
            "change": services.waiting_change(profile),
            "decided_changes": profile.changes.decided()[:5],
            **(_job_alerts(profile) if profile._meta.model_name == "jobseeker" else {}),
        },
    )


def _job_alerts(seeker):
    """The account page's saved searches (each as a person reads it) and the suggestions."""
    searches = list(seeker.saved_searches.all())
    suggestions = VacancySuggestions.objects.filter(jobseeker=seeker).first()
    return {
        "saved_searches": [(s, VacancySearchForm.describe(s.filters)) for s in searches],
        "has_saved_searches": bool(searches),
        "suggestions_stopped": bool(suggestions and suggestions.stopped_at),
    }


@login_required
def profile_edit(request):
    profile = _own_profile(request.user)
    if profile is None:
        raise PermissionDenied
    is_jobseeker = profile._meta.model_name == "jobseeker"
    form_class = JobSeekerForm if is_jobseeker else EmployerForm
    change = services.waiting_change(profile)
    # The form shows what the person asked for, so a second edit changes the same request.
    initial = change.initial() if change else {}
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, instance=profile, initial=initial)
        if form.is_valid():
            was_rejected = profile.is_rejected
            services.save_profile_changes(profile, actor=request.user, data=model_data(form))
            change = services.waiting_change(profile)
            if was_rejected:
                messages.success(
                    request,
                    _(
                        "Your corrected data has been sent again. A placement officer will check it."
                    ),
                )
            elif change:
                messages.success(
                    request,
                    _(
                        "Your data has been saved. The change of data checked by the officer "
                        "(%(fields)s) waits for a placement officer; until then your account "
                        "and documents keep the checked data."
                    )
                    % {"fields": ", ".join(change.labels())},
                )
            else:
                messages.success(request, _("Your data has been saved."))
            return redirect("jobboard:my_status")
    else:
        form = form_class(instance=profile, initial=initial)
    return render(
        request,
        "jobboard/profile_edit.html",
        {"form": form, "profile": profile, "is_jobseeker": is_jobseeker, "change": change},
    )


@login_required
def my_applications(request):
    seeker = rules.jobseeker_of(request.user)
    if seeker is None:
        raise PermissionDenied
    applications = seeker.applications.select_related("vacancy__employer").order_by(
        "-created_at", "-pk"
    )
    page = Paginator(applications, 20).get_page(request.GET.get("page"))
    return render(request, "jobboard/my_applications.html", {"seeker": seeker, "page": page})
