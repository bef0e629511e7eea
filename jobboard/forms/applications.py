"""Applying to a vacancy (step 4 of the document) and moving an applicant on."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.forms import BoundedTextMixin

from ..models import ApplicationStatus
from .common import DATE_INPUT, textarea


class ApplyForm(BoundedTextMixin, forms.Form):
    letter = forms.CharField(
        label=_("Short letter (optional)"),
        required=False,
        max_length=2000,
        widget=textarea(4),
    )


class MoveApplicationForm(BoundedTextMixin, forms.Form):
    to_status = forms.ChoiceField(label=_("Move to"))
    note = forms.CharField(
        label=_("Message to the applicant (optional)"),
        required=False,
        max_length=1000,
        widget=textarea(2),
    )
    placed_on = forms.DateField(
        label=_("Date of placement (for a hire)"), required=False, widget=DATE_INPUT
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [(c, ApplicationStatus(c).label) for c in choices]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("to_status") == ApplicationStatus.HIRED:
            cleaned["placed_on"] = cleaned.get("placed_on") or timezone.localdate()
        return cleaned
