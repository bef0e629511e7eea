"""Posting a vacancy (step 7 of the document) and searching the published ones."""

import contextlib

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.forms import BoundedTextMixin, PrivateFileInput

from ..models import AlertFrequency, Vacancy, WorkType
from .common import DATE_INPUT, FileRetryMixin, _education_choices, textarea


class VacancyForm(FileRetryMixin, BoundedTextMixin, forms.ModelForm):
    class Meta:
        model = Vacancy
        fields = [
            "title",
            "position",
            "openings_male",
            "openings_female",
            "openings_any",
            "min_education",
            "min_experience_years",
            "skills",
            "place",
            "work_type",
            "salary_min",
            "salary_max",
            "salary_negotiable",
            "description",
            "closing_date",
            "vacancy_letter",
        ]
        widgets = {
            "closing_date": DATE_INPUT,
            "skills": textarea(),
            "description": textarea(6),
            "salary_min": forms.NumberInput(attrs={"inputmode": "numeric", "step": 50000}),
            "salary_max": forms.NumberInput(attrs={"inputmode": "numeric", "step": 50000}),
            "vacancy_letter": PrivateFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
        }
        help_texts = {
            "vacancy_letter": _(
                "The vacancy information signed by the head of the company (PDF, JPG or PNG, at most 5 MB)."
            ),
            "closing_date": _("The vacancy closes by itself after this day."),
        }

    sections = [
        (_("Position"), ["title", "position", "work_type", "place", "description"]),
        (_("Openings"), ["openings_male", "openings_female", "openings_any"]),
        (_("Requirements"), ["min_education", "min_experience_years", "skills"]),
        (_("Salary"), ["salary_min", "salary_max", "salary_negotiable"]),
        (_("Closing date and letter"), ["closing_date", "vacancy_letter"]),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vacancy_letter"].error_messages["required"] = _(
            "Upload the vacancy letter signed by the head of the company."
        )

    def clean_closing_date(self):
        closing = self.cleaned_data["closing_date"]
        today = timezone.localdate()
        if closing < today:
            raise forms.ValidationError(_("The closing date cannot be in the past."))
        if closing > today.replace(year=today.year + 1):
            raise forms.ValidationError(_("The closing date can be at most one year ahead."))
        return closing

    def clean(self):
        cleaned = super().clean()
        openings = sum(
            cleaned.get(f) or 0 for f in ("openings_male", "openings_female", "openings_any")
        )
        if openings == 0 and not (
            self.errors.keys() & {"openings_male", "openings_female", "openings_any"}
        ):
            self.add_error("openings_any", _("Give at least one opening."))
        low, high = cleaned.get("salary_min"), cleaned.get("salary_max")
        if low and high and low > high:
            self.add_error("salary_max", _("The upper end must not be below the lower end."))
        if (
            not cleaned.get("salary_negotiable")
            and not (low or high)
            and not (self.errors.keys() & {"salary_min", "salary_max"})
        ):
            self.add_error("salary_min", _('Give a salary range or tick "salary negotiable".'))
        return cleaned


class VacancySearchForm(BoundedTextMixin, forms.Form):
    q = forms.CharField(label=_("Search words"), required=False, max_length=100)
    education = forms.ChoiceField(label=_("My education"), required=False)
    work_type = forms.ChoiceField(label=_("Type of work"), required=False)
    place = forms.ChoiceField(label=_("Place of work"), required=False)
    sector = forms.ChoiceField(label=_("Business sector"), required=False)
    office = forms.ChoiceField(label=_("Labour office"), required=False)
    province = forms.ChoiceField(label=_("Province"), required=False)

    def __init__(self, *args, places=(), sectors=(), offices=(), **kwargs):
        """``offices``: (slug, name, province) of the offices on the portal (the one job
        market: every office's vacancies, narrowed to one office or one province)."""
        super().__init__(*args, **kwargs)
        self.fields["office"].choices = [
            ("", _("Every office")),
            *((slug, name) for slug, name, _province in offices),
        ]
        provinces = sorted({province for _slug, _name, province in offices})
        self.fields["province"].choices = [("", _("Every province")), *((p, p) for p in provinces)]
        self.fields["education"].choices = _education_choices(_("Any education"))
        self.fields["work_type"].choices = [("", _("Any type")), *WorkType.choices]
        self.fields["place"].choices = [("", _("Anywhere")), *((p, p) for p in places)]
        self.fields["sector"].choices = [("", _("Any sector")), *((s, s) for s in sectors)]

    # --- a saved search (job alerts): the cleaned values as JSON, and back -------------------

    def saved_filters(self):
        """The cleaned search, without its empty fields, as JSON values (a model choice as its
        key, a date as text): what a saved search keeps, whatever fields the form has."""
        return {
            name: self.fields[name].prepare_value(value)
            for name, value in self.cleaned_data.items()
            if value not in (None, "", [], ())
        }

    @classmethod
    def filters_from(cls, saved):
        """The cleaned data the form gave when ``saved`` was saved, every field present (empty
        where the search did not use it). Raises ValidationError when a saved value no longer
        reads (a choice's object removed): such a search finds nothing."""
        fields = cls().fields
        return {
            name: field.to_python(saved.get(name, field.empty_values[0]))
            for name, field in fields.items()
        }

    @classmethod
    def describe(cls, saved):
        """(label, value) of each criterion of a saved search, as a person reads it."""
        form = cls(places=[saved.get("place", "")], sectors=[saved.get("sector", "")])
        shown = []
        for name, field in form.fields.items():
            if saved.get(name) in (None, ""):
                continue
            value = saved[name]
            if isinstance(field, forms.ModelChoiceField):
                with contextlib.suppress(forms.ValidationError):
                    value = str(field.to_python(value))
            elif isinstance(field, forms.ChoiceField):
                value = str(dict(field.choices).get(value, value))
            shown.append((str(field.label), str(value)))
        return shown


class SavedSearchForm(BoundedTextMixin, forms.Form):
    """How often a search saved from the vacancy list is e-mailed."""

    frequency = forms.ChoiceField(
        label=_("Send me new vacancies"),
        choices=AlertFrequency.choices,
        initial=AlertFrequency.DAILY,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
