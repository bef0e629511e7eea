"""What the job exchange's forms share. Every refusal keeps what was typed and names the
field at fault."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import BoundedTextMixin

from ..models import Education

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def textarea(rows=3):
    return forms.Textarea(attrs={"rows": rows})


class FileRetryMixin:
    """Sections for the template; and, since browsers never refill a file input, after a
    refusal the names of the files to choose again."""

    sections = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django 6.1's "- Select an option -" has no Indonesian translation yet.
        for field in self.fields.values():
            if isinstance(field, forms.TypedChoiceField):
                choices = list(field.choices)
                if choices and choices[0][0] == "":
                    field.choices = [("", _("- Choose -")), *choices[1:]]

    def fieldsets(self):
        sections = [
            (title, [self[name] for name in names if name in self.fields])
            for title, names in self.sections
        ]
        return [(title, fields) for title, fields in sections if fields]  # none: not shown

    def file_fields_to_choose_again(self):
        if not self.is_bound or not self.errors:
            return []
        return [
            self[name].label
            for name, field in self.fields.items()
            if isinstance(field, forms.FileField) and name in self.files
        ]


def _education_choices(label):
    return [("", label), *Education.choices]


class ReasonForm(BoundedTextMixin, forms.Form):
    """The reason of a rejection or a return, which the person reads (an admin step's form)."""

    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=_("The person reads this in the e-mail and after logging in."),
        error_messages={"required": _("Give the reason, so the person knows what to correct.")},
    )


def model_data(form):
    """What a service takes from a valid model form: the cleaned values of the model's own
    fields that the form has (uploaded files included), never the form itself."""
    return {
        name: form.cleaned_data[name]
        for name in form._meta.fields
        if name in form.cleaned_data and name in form.fields
    }
