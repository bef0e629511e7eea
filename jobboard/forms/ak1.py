"""The holder's six-monthly AK/I report."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import BoundedTextMixin

from ..models import JobSeeker
from .common import FileRetryMixin, textarea
from .registration import JobSeekerForm, mark_checked_fields


class Ak1ReportForm(BoundedTextMixin, FileRetryMixin, forms.ModelForm):
    """The six-monthly AK/I report: still looking, and the profile brought up to date."""

    still_looking = forms.BooleanField(
        label=_("I am still looking for work"),
        error_messages={
            "required": _("Tick this box to report; if you have found work, you need not report.")
        },
    )

    class Meta:
        model = JobSeeker
        fields = [
            "address",
            "kelurahan",
            "kecamatan",
            "city",
            "phone",
            "education_level",
            "education_major",
            "education_institution",
            "graduation_year",
            "skills",
            "work_experience",
            "desired_job",
        ]
        widgets = {
            "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
            "skills": textarea(),
            "work_experience": textarea(),
        }

    sections = [
        (_("Report"), ["still_looking"]),
        (_("Address and contact"), ["address", "kelurahan", "kecamatan", "city", "phone"]),
        (_("Education"), ["education_level", "education_major", "education_institution", "graduation_year"]),
        (_("Work"), ["skills", "work_experience", "desired_job"]),
    ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mark_checked_fields(self)

    clean_graduation_year = JobSeekerForm.clean_graduation_year
