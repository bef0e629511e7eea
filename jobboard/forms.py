"""Forms of the job exchange. Every refusal keeps what was typed and names the field at fault."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.forms import BoundedTextMixin, PrivateFileInput

from .models import (
    ApplicationStatus,
    Education,
    Employer,
    JobSeeker,
    Vacancy,
    WorkType,
)
from .validators import check_nik_matches, normalise_npwp, validate_nik_shape, validate_npwp

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
        return [
            (title, [self[name] for name in names if name in self.fields])
            for title, names in self.sections
        ]

    def file_fields_to_choose_again(self):
        if not self.is_bound or not self.errors:
            return []
        return [
            self[name].label
            for name, field in self.fields.items()
            if isinstance(field, forms.FileField) and name in self.files
        ]


class OwnEmailMixin:
    """On an edit: the profile's e-mail address is also the login, no one else's."""

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        others = get_user_model().objects.filter(email__iexact=email)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.user_id)
        if others.exists():
            raise forms.ValidationError(
                _("An account with this e-mail address already exists. Log in instead."),
                code="email_taken",
            )
        return email


class AccountFieldsMixin(BoundedTextMixin, forms.Form):
    """The login of a new account: the e-mail address of the profile and a password."""

    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not only digits."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        User = get_user_model()
        if (
            User.objects.filter(email__iexact=email).exists()
            or User.objects.filter(username__iexact=email).exists()
        ):
            raise forms.ValidationError(
                _("An account with this e-mail address already exists. Log in instead."),
                code="email_taken",
            )
        return email

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        elif p1:
            user = get_user_model()(
                username=cleaned.get("email", ""), email=cleaned.get("email", "")
            )
            try:
                password_validation.validate_password(p1, user)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned

    def user_fields(self):
        email = self.cleaned_data["email"]
        return {
            "username": email,
            "email": email,
            "password": self.cleaned_data["password1"],
            "first_name": self.account_name()[:150],
        }


class JobSeekerForm(OwnEmailMixin, FileRetryMixin, BoundedTextMixin, forms.ModelForm):
    """The AK/I data of steps 1-2 (and later edits of the profile)."""

    class Meta:
        model = JobSeeker
        fields = [
            "nik",
            "full_name",
            "birth_place",
            "birth_date",
            "sex",
            "marital_status",
            "religion",
            "address",
            "kelurahan",
            "kecamatan",
            "city",
            "phone",
            "email",
            "education_level",
            "education_major",
            "education_institution",
            "graduation_year",
            "skills",
            "work_experience",
            "desired_job",
            "discoverable",
            "ktp_scan",
            "ak1_requested",
            "ak1_scan",
            "photo",
            "cv",
        ]
        widgets = {
            "nik": forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": "off", "maxlength": 16}
            ),
            "birth_date": DATE_INPUT,
            "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "skills": textarea(),
            "work_experience": textarea(),
            "ktp_scan": PrivateFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
            "ak1_scan": PrivateFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
            "photo": PrivateFileInput(attrs={"accept": ".jpg,.jpeg,.png"}),
            "cv": PrivateFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
        }
        help_texts = {
            "nik": _("16 digits, as on your KTP."),
            "skills": _("For example: welding, Microsoft Excel, driving licence B1."),
            "ktp_scan": _("PDF, JPG or PNG, at most 5 MB."),
            "ak1_scan": _(
                "PDF, JPG or PNG, at most 5 MB. Not needed if you ask the office for a card above."
            ),
            "photo": _("Optional. JPG or PNG."),
            "cv": _("Optional. PDF, JPG or PNG."),
        }

    sections = [
        (_("Identity (as on your KTP)"), ["nik", "full_name", "birth_place", "birth_date", "sex", "marital_status", "religion"]),
        (_("Address and contact"), ["address", "kelurahan", "kecamatan", "city", "phone", "email"]),
        (_("Education"), ["education_level", "education_major", "education_institution", "graduation_year"]),
        (_("Work"), ["skills", "work_experience", "desired_job", "discoverable"]),
        (_("Documents"), ["ktp_scan", "ak1_requested", "ak1_scan", "photo", "cv"]),
    ]  # fmt: skip

    # Identity an officer has checked is not changed by the person afterwards.
    locked_when_active = ("nik", "birth_date", "sex")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Either the photocopy of an AK/I the person has, or a request for one (checked in clean).
        self.fields["ak1_scan"].required = False
        if self.instance.pk and (self.instance.is_active or self.has_card()):
            del self.fields["ak1_requested"]  # decided at activation; asked for once
        self.fields["ktp_scan"].error_messages["required"] = _("Upload the photocopy of your KTP.")
        year = timezone.localdate().year
        self.fields["graduation_year"].widget.attrs.update(
            {"min": 1950, "max": year, "inputmode": "numeric"}
        )
        if self.instance.pk and self.instance.is_active:
            for name in self.locked_when_active:
                self.fields[name].disabled = True
                self.fields[name].help_text = _(
                    "Checked by the officer; ask the office to change it."
                )

    def has_card(self):
        from .models import Ak1Card

        return bool(self.instance.pk) and Ak1Card.objects.filter(jobseeker=self.instance).exists()

    def _check_ak1(self, cleaned):
        if "ak1_requested" not in self.fields:
            requested = self.instance.ak1_requested
        else:
            requested = cleaned.get("ak1_requested")
        scan = cleaned.get("ak1_scan")
        if requested and "ak1_scan" in self.files and "ak1_requested" in self.fields:
            self.add_error(
                "ak1_requested",
                _(
                    "You uploaded a photocopy of an AK/I card, so you have one: untick this box, or choose no file."
                ),
            )
        elif not requested and not scan and "ak1_scan" not in self.errors:
            self.add_error(
                "ak1_scan",
                _(
                    "Upload the photocopy of your AK/I card, or tick that you have none yet and the office issues one."
                ),
            )

    def clean_nik(self):
        # The model's validators would run only after clean(), too late for the birth-date check.
        nik = self.cleaned_data["nik"].strip()
        validate_nik_shape(nik)
        return nik

    def clean_graduation_year(self):
        year = self.cleaned_data["graduation_year"]
        if not 1950 <= year <= timezone.localdate().year + 1:
            raise forms.ValidationError(_("Enter the year as four digits, e.g. 2019."))
        return year

    def clean_birth_date(self):
        born = self.cleaned_data["birth_date"]
        today = timezone.localdate()
        if born > today.replace(year=today.year - 14):
            raise forms.ValidationError(_("A job seeker must be at least 14 years old."))
        return born

    def clean(self):
        cleaned = super().clean()
        nik, born, sex = cleaned.get("nik"), cleaned.get("birth_date"), cleaned.get("sex")
        if nik and born and sex and "nik" not in self.errors:
            try:
                check_nik_matches(nik, born, sex)
            except forms.ValidationError as exc:
                for field, messages in exc.message_dict.items():
                    self.add_error(field, messages)
        self._check_ak1(cleaned)
        return cleaned


class JobSeekerRegistrationForm(AccountFieldsMixin, JobSeekerForm):
    sections = [
        *JobSeekerForm.sections[:1],
        (_("Address, contact and login"), ["address", "kelurahan", "kecamatan", "city", "phone", "email", "password1", "password2"]),
        *JobSeekerForm.sections[2:],
    ]  # fmt: skip

    def account_name(self):
        return self.cleaned_data["full_name"]


class EmployerForm(OwnEmailMixin, FileRetryMixin, BoundedTextMixin, forms.ModelForm):
    """The company data of step 5."""

    npwp = forms.CharField(
        label=_("NPWP"),
        max_length=25,
        help_text=_("15 or 16 digits; dots and dashes are allowed."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    class Meta:
        model = Employer
        fields = [
            "company_name",
            "legal_form",
            "nib",
            "npwp",
            "sector",
            "address",
            "city",
            "contact_person",
            "phone",
            "email",
        ]
        widgets = {
            "nib": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 13}),
            "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        help_texts = {"nib": _("13 digits, from OSS.")}

    sections = [
        (_("Company"), ["company_name", "legal_form", "nib", "npwp", "sector", "address", "city"]),
        (_("Contact"), ["contact_person", "phone", "email"]),
    ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.is_active:
            for name in ("nib", "npwp", "legal_form"):
                self.fields[name].disabled = True

    def clean_nib(self):
        return (self.cleaned_data["nib"] or "").strip()

    def clean_npwp(self):
        value = self.cleaned_data["npwp"]
        validate_npwp(value)
        return normalise_npwp(value)


class EmployerRegistrationForm(AccountFieldsMixin, EmployerForm):
    sections = [
        EmployerForm.sections[0],
        (_("Contact and login"), ["contact_person", "phone", "email", "password1", "password2"]),
    ]

    def account_name(self):
        return self.cleaned_data["contact_person"]


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


def _education_choices(label):
    return [("", label), *Education.choices]


class VacancySearchForm(BoundedTextMixin, forms.Form):
    q = forms.CharField(label=_("Search words"), required=False, max_length=100)
    education = forms.ChoiceField(label=_("My education"), required=False)
    work_type = forms.ChoiceField(label=_("Type of work"), required=False)
    place = forms.ChoiceField(label=_("Place of work"), required=False)
    sector = forms.ChoiceField(label=_("Business sector"), required=False)

    def __init__(self, *args, places=(), sectors=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["education"].choices = _education_choices(_("Any education"))
        self.fields["work_type"].choices = [("", _("Any type")), *WorkType.choices]
        self.fields["place"].choices = [("", _("Anywhere")), *((p, p) for p in places)]
        self.fields["sector"].choices = [("", _("Any sector")), *((s, s) for s in sectors)]


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

    clean_graduation_year = JobSeekerForm.clean_graduation_year
