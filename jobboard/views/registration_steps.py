"""Registering as a job seeker in short steps (issue 19, item 1).

The steps are jobboard.forms.JOBSEEKER_STEPS; what each step was sent with waits in the
session (never the passwords: they are the last step, so no other step's error asks for them
again), the chosen files wait in the private store tied to this session
(portal.pending_uploads). Going back keeps everything, a step can be opened only once the
steps before it are valid, and the last step validates the whole registration form again and
registers exactly as the form of one page did: the same service, the office proposed from the
NIK, the same answer whatever happened, the same protection against sending twice.
"""

from django import forms
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse

from portal import pending_uploads
from portal.forms import request_office
from portal.models import Office
from portal.submissions import posted_token, record_once, submission_recorded

from .. import services
from ..forms import EmployerRegistrationForm, JobSeekerRegistrationForm, model_data
from ..forms.registration import office_of_nik
from ..forms.registration_steps import (
    EMPLOYER_STEPS,
    JOBSEEKER_STEPS,
    EmployerStepForm,
    JobSeekerStepForm,
)
from ..validators import nik_facts

STEP_PARAM = "langkah"


class Wizard:
    """The state of one person's unfinished registration, kept in their session."""

    steps = JOBSEEKER_STEPS
    form_class = JobSeekerRegistrationForm
    step_form_class = JobSeekerStepForm
    url_name = "jobboard:register_jobseeker"
    template = "jobboard/register_jobseeker.html"

    def __init__(self, request):
        self.request = request
        state = request.session.get(self.url_name)
        if not isinstance(state, dict) or "token" not in state:
            state = {"token": pending_uploads.new_token(), "data": {}}
        self.state = state
        self.office = request_office(request)

    @property
    def token(self):
        return self.state["token"]

    def save(self):
        self.request.session[self.url_name] = self.state
        self.request.session.modified = True

    def clear(self):
        pending_uploads.discard(self.request, self.token)
        self.request.session.pop(self.url_name, None)

    # --- what was sent ---------------------------------------------------------------------

    def stored(self, index):
        return self.state["data"].get(self.steps[index].slug)

    def store(self, index, values):
        self.state["data"][self.steps[index].slug] = values
        self.save()

    def all_data(self, extra=None):
        data = QueryDict(mutable=True)
        for values in self.state["data"].values():
            for name, value in values.items():
                data.setlist(name, value)
        for name, value in (extra or {}).items():
            data.setlist(name, value)
        return data

    def kept(self):
        return pending_uploads.kept_files(self.request, self.token)

    # --- forms -----------------------------------------------------------------------------

    def step_form(self, index, *, data=None, files=None, earlier=None, kept=None, initial=None):
        return self.step_form_class(
            data,
            files,
            office=self.office,
            steps=self.steps,
            index=index,
            earlier=earlier,
            kept=self.kept() if kept is None else kept,
            initial=initial,
        )

    def earlier_values(self, upto, kept=None):
        """(cleaned values of the steps before ``upto``, the first of them not valid or never
        sent, or None)."""
        kept = self.kept() if kept is None else kept
        earlier = {}
        for index in range(upto):
            stored = self.stored(index)
            if stored is None:
                return earlier, index
            form = self.step_form(index, data=self.all_data(), earlier=earlier, kept=kept)
            if not form.is_valid():
                return earlier, index
            earlier.update(form.cleaned_data)
        return earlier, None

    def reachable(self, wanted):
        """The step to show for ``wanted``: itself once every step before it is valid."""
        wanted = max(0, min(wanted, len(self.steps) - 1))
        _earlier, invalid = self.earlier_values(wanted)
        return wanted if invalid is None else invalid

    def initial_for(self, index, earlier):
        """What a step shows when opened: what it was sent with before, else what the NIK says
        (birth date, sex) and the office of its region."""
        step, stored = self.steps[index], self.stored(index)
        if stored is not None:
            form = self.step_form(index)
            initial = {}
            for name in step.fields:
                if name not in form.fields or name.startswith("password"):
                    continue
                values = stored.get(name)
                widget = form.fields[name].widget
                if getattr(widget, "allow_multiple_selected", False):
                    initial[name] = values or []
                elif isinstance(widget, forms.CheckboxInput):
                    initial[name] = bool(values)
                elif values:
                    initial[name] = values[0]
            return initial
        return self.derived_initial(earlier)

    def derived_initial(self, earlier):
        """What a step not sent yet starts with: what the NIK says (birth date, sex), the
        city of its region and the office proposed from it."""
        facts = nik_facts(earlier.get("nik", ""))
        initial = {}
        if facts:
            initial.update(birth_date=facts["birth_date"], sex=facts["sex"])
            region = Office.objects.filter(region_code=facts["region_code"]).first()
            if region is not None and region.region:
                initial["city"] = region.region
            offices = self.form_class(office=self.office).fields.get("office")
            proposed = offices and office_of_nik(offices.queryset, earlier.get("nik"))
            if proposed is not None:
                initial["office"] = proposed.pk
        return initial

    def facts(self, index, earlier):
        """What the identity step tells the person the NIK says, to confirm."""
        if self.steps[index].slug != "identitas":
            return None
        facts = nik_facts(earlier.get("nik", ""))
        if not facts:
            return None
        office = Office.objects.filter(region_code=facts["region_code"]).first()
        return {**facts, "region": office.region if office else "", "office": office}

    def step_url(self, index):
        return f"{reverse(self.url_name)}?{STEP_PARAM}={index + 1}"

    # --- files -----------------------------------------------------------------------------

    def keep_files(self, form):
        """Keep every file of this sending its field accepted, even if another field was
        refused; remove a kept file whose "remove" box was ticked. Returns the kept files."""
        cleaned = getattr(form, "cleaned_data", {})
        for name, field in form.fields.items():
            if not isinstance(field, forms.FileField):
                continue
            if name in form.files and name not in form.errors:
                pending_uploads.keep(self.request, self.token, name, form.files[name])
            elif cleaned.get(name) is False:  # its "remove" box ticked
                pending_uploads.discard(self.request, self.token, fields=[name])
        kept = self.kept()
        # Shown again as chosen; only what was refused must be chosen again.
        for name in list(form.files):
            if name in kept and name not in form.errors:
                del form.files[name]
        for name, kept_file in kept.items():
            if name in form.fields:
                form.initial[name] = kept_file
        form._bound_fields_cache.clear()  # their initial values were read before the keeping
        return kept


def _render(request, wizard, index, form, earlier, status=200):
    steps = [
        {"number": number, "title": step.title, "slug": step.slug}
        for number, step in enumerate(wizard.steps, start=1)
    ]
    return render(
        request,
        wizard.template,
        {
            "form": form,
            "steps": steps,
            "step": steps[index],
            "index": index,
            "count": len(steps),
            "is_last": index == len(steps) - 1,
            "previous": index - 1 if index else None,
            "facts": wizard.facts(index, earlier),
            "action": reverse(wizard.url_name),
            "step_param": STEP_PARAM,
        },
        status=status,
    )


def _wanted_step(request):
    try:
        return int(request.GET.get(STEP_PARAM, "1")) - 1
    except ValueError:
        return 0


class EmployerWizard(Wizard):
    """An employer's registration: company, contact, password (no files, no NIK)."""

    steps = EMPLOYER_STEPS
    form_class = EmployerRegistrationForm
    step_form_class = EmployerStepForm
    url_name = "jobboard:register_employer"
    template = "jobboard/register_employer.html"

    def derived_initial(self, earlier):
        return {}

    def facts(self, index, earlier):
        return None


# each step form with the steps its wizard makes it for (for callers outside the views)
STEPS_BY_FORM = {wizard.step_form_class: wizard.steps for wizard in (Wizard, EmployerWizard)}


def show_step(request, wizard_class=Wizard):
    wizard = wizard_class(request)
    wanted = _wanted_step(request)
    index = wizard.reachable(wanted)
    earlier, _invalid = wizard.earlier_values(index)
    if index < wanted and wizard.stored(index) is not None:
        # A step sent before is no longer valid (the NIK changed since): shown with why.
        form = wizard.step_form(index, data=wizard.all_data(), earlier=earlier)
        form.is_valid()
    else:
        form = wizard.step_form(index, initial=wizard.initial_for(index, earlier))
    wizard.save()
    return _render(request, wizard, index, form, earlier)


def is_last_step(request, wizard_class=Wizard):
    """Whether the POST is the last step's, the one that registers."""
    return request.POST.get("wizard_step") == wizard_class.steps[-1].slug


def post_step(request, wizard_class=Wizard):
    """A step sent: "back" keeps what was typed and goes back; "next" checks the step alone
    and goes on; the last step registers."""
    wizard = wizard_class(request)
    slugs = [step.slug for step in wizard.steps]
    try:
        index = slugs.index(request.POST.get("wizard_step", ""))
    except ValueError:
        return redirect(wizard.step_url(0))
    if index == len(slugs) - 1:
        return _finish(request, wizard)
    reached = wizard.reachable(index)
    if reached != index:
        return redirect(wizard.step_url(reached))
    earlier, _invalid = wizard.earlier_values(index)
    form = wizard.step_form(index, data=request.POST, files=request.FILES, earlier=earlier)
    valid = form.is_valid()
    wizard.keep_files(form)
    wizard.store(index, form.step_values())
    if request.POST.get("wizard_action") == "back":
        return redirect(wizard.step_url(max(index - 1, 0)))
    if not valid:
        return _render(request, wizard, index, form, earlier)
    return redirect(wizard.step_url(index + 1))


def _finish(request, wizard):
    """The last step: the whole registration form, from every step's values, the kept files
    and the passwords just typed, validated as the form of one page was; then registered."""
    token = posted_token(request)
    if token and submission_recorded(request, token):
        return redirect("jobboard:registration_sent")  # sent twice: the first one's answer
    last = len(wizard.steps) - 1
    if request.POST.get("wizard_action") == "back":
        return redirect(wizard.step_url(last - 1))
    reached = wizard.reachable(last)
    if reached != last:
        return redirect(wizard.step_url(reached))
    kept = wizard.kept()
    passwords = {name: request.POST.getlist(name) for name in ("password1", "password2")}
    form = wizard.form_class(
        wizard.all_data(passwords), {}, office=wizard.office, initial=dict(kept)
    )
    if not form.is_valid():
        errors = set(form.errors)
        for index, step in enumerate(wizard.steps[:last]):
            if errors & set(step.fields) or (index == 0 and "__all__" in errors):
                earlier, _invalid = wizard.earlier_values(index, kept=kept)
                step_form = wizard.step_form(index, data=wizard.all_data(), earlier=earlier)
                step_form.is_valid()
                return _render(request, wizard, index, step_form, earlier)
        earlier, _invalid = wizard.earlier_values(last, kept=kept)
        step_form = wizard.step_form(last, data=request.POST, earlier=earlier)
        step_form.is_valid()
        return _render(request, wizard, last, step_form, earlier)

    def answer(_profile):
        wizard.clear()

    return register_once(request, form, done=answer)


def register_once(request, form, done=None):
    """Register a valid registration form (steps 1-2 of the document) once however often it
    is sent (portal.submissions), with one answer whatever happened (issue 16, item 9)."""

    def answer(profile):
        if done is not None:
            done(profile)
        return redirect("jobboard:registration_sent")

    return record_once(
        request,
        lambda: services.register_profile(
            model=form._meta.model,
            office=form.chosen_office(),
            data=model_data(form),
            user_fields=form.user_fields(),
        ),
        answer,
    )
