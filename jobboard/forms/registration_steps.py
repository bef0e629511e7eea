"""Registering in short steps (issue 19, item 1): the one registration form, cut into steps.

Each step is the registration form itself with only that step's fields, so every field keeps
its own checks and messages; the checks across fields read the values of the steps before
(the NIK for the birth date, sex and office; the e-mail address for the password). The last
step validates the whole form again, as the form of one page did, before the account is made
(jobboard.views.registration_steps).
"""

from dataclasses import dataclass, field

from django import forms
from django.forms.forms import NON_FIELD_ERRORS
from django.utils.translation import gettext_lazy as _

from .registration import (
    EmployerForm,
    EmployerRegistrationForm,
    JobSeekerForm,
    JobSeekerRegistrationForm,
)


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    fields: tuple
    # An error a cross check puts on a field of an earlier step, shown here on this field
    # (the NIK's birth date when the date of birth is given): {earlier field: field here}.
    moved_errors: dict = field(default_factory=dict)


def _section(index, without=()):
    """The fields of one section of the one-page form (JobSeekerForm.sections)."""
    return tuple(name for name in JobSeekerForm.sections[index][1] if name not in without)


JOBSEEKER_STEPS = (
    Step("nik", _("NIK"), ("nik",)),
    Step(
        "identitas",
        _("Identity (as on your KTP)"),
        _section(0, without=("nik",)),
        moved_errors={"nik": "birth_date"},
    ),
    Step("alamat", _("Address and contact"), (*_section(1), "office")),
    Step("pendidikan", _("Education and work"), (*_section(2), *_section(3))),
    Step("dokumen", _("Documents"), _section(4)),
    Step("akun", _("Password"), ("password1", "password2")),
)


EMPLOYER_STEPS = (
    Step("perusahaan", _("Company"), ("office", *EmployerForm.sections[0][1])),
    Step("kontak", _("Contact"), tuple(EmployerForm.sections[1][1])),
    Step("akun", _("Password"), ("password1", "password2")),
)


class OneStepMixin:
    """The registration form narrowed to one step: ``earlier`` are the cleaned values of the
    steps before it, ``kept`` the files chosen before ({field: PendingFile})."""

    def __init__(self, *args, steps, index, earlier=None, kept=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.steps, self.index, self.step = steps, index, steps[index]
        self.earlier = earlier or {}
        self.fields_before = {name for step in steps[:index] for name in step.fields}
        for name in list(self.fields):
            if name not in self.step.fields:
                del self.fields[name]
        for name, kept_file in (kept or {}).items():
            if name in self.fields:
                self.initial[name] = kept_file
        self.sections = [(self.step.title, list(self.step.fields))]

    def add_error(self, field, error):
        if field is None and hasattr(error, "error_dict"):
            for name, errors in error.error_dict.items():
                self.add_error(None if name == NON_FIELD_ERRORS else name, errors)
            return
        if field is not None and field not in self.fields:
            if field not in self.fields_before:
                return  # a later step's field: checked on its own step
            moved = self.step.moved_errors.get(field)
            field = moved if moved in self.fields else None
        super().add_error(field, error)

    def clean(self):
        lent = [name for name in self.earlier if name not in self.fields]
        for name in lent:
            self.cleaned_data.setdefault(name, self.earlier[name])
        cleaned = super().clean()
        for name in lent:  # the model instance takes only this step's fields
            cleaned.pop(name, None)
        return cleaned

    def step_values(self):
        """What this step stores of the form as sent: its fields' raw values (no files, no
        passwords: those are never kept)."""
        values = {}
        for name, bound in ((name, self[name]) for name in self.fields):
            if isinstance(bound.field, (forms.FileField,)) or name.startswith("password"):
                continue
            raw = self.data.getlist(self.add_prefix(name))
            if raw:
                values[name] = raw
        return values


class JobSeekerStepForm(OneStepMixin, JobSeekerRegistrationForm):
    """One step of a job seeker's registration."""


class EmployerStepForm(OneStepMixin, EmployerRegistrationForm):
    """One step of an employer's registration."""
