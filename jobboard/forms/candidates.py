"""The employer's job-seeker search and shortlist (step 6 of the document)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import BoundedTextMixin

from .common import _education_choices, textarea


class CandidateSearchForm(BoundedTextMixin, forms.Form):
    q = forms.CharField(label=_("Search words"), required=False, max_length=100)
    education = forms.ChoiceField(label=_("Education at least"), required=False)
    skills = forms.CharField(label=_("Skills"), required=False, max_length=100)
    city = forms.CharField(label=_("City/regency"), required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["education"].choices = _education_choices(_("Any education"))


class SaveCandidateForm(BoundedTextMixin, forms.Form):
    note = forms.CharField(
        label=_("Note (only your company sees it)"),
        required=False,
        max_length=2000,
        widget=textarea(2),
    )
