"""Registering a job seeker or an employer (steps 1-2 and 5 of the document), and later edits."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from portal.forms import BoundedTextMixin, OfficeChoiceMixin, PrivateFileInput

from ..models import Employer, JobSeeker
from ..validators import check_nik_matches, normalise_npwp, validate_nik_shape, validate_npwp
from .common import DATE_INPUT, FileRetryMixin, textarea


def mark_checked_fields(form):
    """On an active person's form, say which fields an officer checks again when changed."""
    if not (form.instance.pk and form.instance.is_active):
        return
    note = _("Checked by the officer: a change counts once the officer has checked it.")
    for name in type(form.instance).CHECKED_FIELDS:
        field = form.fields.get(name)
        if field is not None:
            field.help_text = (
                format_lazy("{} {}", field.help_text, note) if field.help_text else note
            )


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
        # Whether the address is taken is not the registering person's to learn (issue 16,
        # item 9): jobboard.services.register_profile mails the owner instead.
        return self.cleaned_data["email"].strip().lower()

    def validate_unique(self):
        """Not on a registration: a NIK or NIB registered already is answered like a success,
        and its owner is mailed (jobboard.services.register_profile)."""

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
        mark_checked_fields(self)

    def has_card(self):
        from ..models import Ak1Card

        return bool(self.instance.pk) and Ak1Card.objects.filter(jobseeker=self.instance).exists()

    def file_kept(self, name):
        """Whether a file chosen earlier in an unfinished registration stays (not removed)."""
        kept = getattr(self.initial.get(name), "pending", False)
        return kept and self.cleaned_data.get(name) is not False

    def _check_ak1(self, cleaned):
        if "ak1_scan" not in self.fields:
            return  # a registration's step without the documents
        if "ak1_requested" not in self.fields:
            requested = self.instance.ak1_requested
        else:
            requested = cleaned.get("ak1_requested")
        scan = cleaned.get("ak1_scan")
        chosen = "ak1_scan" in self.files or self.file_kept("ak1_scan")
        if requested and chosen and "ak1_requested" in self.fields:
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


def office_of_nik(offices, nik):
    """The office among ``offices`` of the region a NIK was issued in (its first four digits,
    a regency's or city's Kemendagri code), or None."""
    return offices.filter(region_code=nik[:4]).first() if nik else None


class JobSeekerRegistrationForm(OfficeChoiceMixin, AccountFieldsMixin, JobSeekerForm):
    """Registration with one office: by default the office of the region in the NIK (its
    first four digits, a regency's or city's Kemendagri code), or the office the person
    chooses, where they live now."""

    office_service = "offers_job_exchange"
    office_label = _("Registration office")
    office_help_text = _(
        "Leave it empty to register with the office of the region in your NIK, or choose the "
        "office of the place where you live now."
    )
    office_required = False
    sections = [
        *JobSeekerForm.sections[:1],
        (_("Address, contact and login"), ["address", "kelurahan", "kecamatan", "city", "phone", "email", "password1", "password2"]),
        (_("Registration office"), ["office"]),
        *JobSeekerForm.sections[2:],
    ]  # fmt: skip

    def account_name(self):
        return self.cleaned_data["full_name"]

    def clean(self):
        cleaned = super().clean()
        nik = cleaned.get("nik")
        if "office" in self.fields and not cleaned.get("office") and nik:
            office = office_of_nik(self.fields["office"].queryset, nik)
            if office is None:
                self.add_error(
                    "office",
                    _(
                        "No office on the portal serves the region of this NIK: choose the office of the place where you live now."
                    ),
                )
            cleaned["office"] = office
        return cleaned


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
        mark_checked_fields(self)

    def clean_nib(self):
        return (self.cleaned_data["nib"] or "").strip()

    def clean_npwp(self):
        value = self.cleaned_data["npwp"]
        validate_npwp(value)
        return normalise_npwp(value)


class EmployerRegistrationForm(OfficeChoiceMixin, AccountFieldsMixin, EmployerForm):
    """Registration with the office the company chooses (where it is established)."""

    office_service = "offers_job_exchange"
    office_label = _("Registration office")
    office_help_text = _("The labour office of the place where the company is established.")
    sections = [
        (_("Registration office"), ["office"]),
        EmployerForm.sections[0],
        (_("Contact and login"), ["contact_person", "phone", "email", "password1", "password2"]),
    ]

    def account_name(self):
        return self.cleaned_data["contact_person"]
