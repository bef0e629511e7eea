"""A new office in minutes: its letterhead, its standards from a template, its role groups and
its first officer (``manage.py create_office`` and the superuser's admin form call the same
form and service)."""

import re

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from . import roles
from .models import Office, OfficeRole
from .standards import SEED_TEMPLATE, standards_from_template

OFFICE_FIELDS = [
    "name",
    "short_name",
    "government",
    "level",
    "region_code",
    "parent",
    "region",
    "province",
    "slug",
    "letterhead",
    "address",
    "phone",
    "email",
    "website",
    "complaint_counter",
    "complaint_phone",
    "complaint_email",
    "radio_station",
    "radio_programme",
    "head_title",
    "head_name",
    "head_nip",
    "head_rank",
    "head_grade",
    "permit_number_format",
    "ak1_number_format",
    "complaint_number_format",
    "offers_job_exchange",
    "offers_akad",
    "offers_complaints",
]
NUMBER_FORMATS = ["permit_number_format", "ak1_number_format", "complaint_number_format"]
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def template_choices():
    return [(SEED_TEMPLATE, _("The seed documents' standards (built in)"))] + [
        (office.slug, office.name)
        for office in Office.objects.filter(standards__isnull=False).distinct().order_by("name")
    ]


class OfficeCreateForm(forms.ModelForm):
    """The office, the template of its standards and its first officer, validated together."""

    template = forms.ChoiceField(
        label=_("service standards from"),
        help_text=_(
            "Each standard starts as a marked copy of this text until an officer of the new "
            "office adapts and confirms it."
        ),
    )
    officer_username = forms.CharField(label=_("first officer: user name"), max_length=150)
    officer_first_name = forms.CharField(label=_("first officer: first name"), max_length=150)
    officer_last_name = forms.CharField(
        label=_("first officer: last name"), max_length=150, required=False
    )
    officer_email = forms.EmailField(label=_("first officer: e-mail address"), required=False)
    officer_roles = forms.MultipleChoiceField(
        label=_("first officer: roles in this office"),
        choices=[(role, role) for role in roles.ALL_ROLES],
        initial=[roles.HEAD_OF_OFFICE],
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Office
        fields = OFFICE_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = template_choices()
        self.fields["template"].initial = SEED_TEMPLATE
        self.fields["parent"].queryset = Office.objects.filter(level=Office.Level.PROVINCE)
        self.fields["slug"].validators = []  # clean_slug's rule is stricter and says it plainly

    def clean_region_code(self):
        code = self.cleaned_data["region_code"].strip()
        if not code.isdigit() or len(code) not in (2, 4):
            raise forms.ValidationError(
                _(
                    "The region code is the Kemendagri code: two digits for a province (35), "
                    "four for a regency or city (3574)."
                )
            )
        if Office.objects.filter(region_code=code).exists():
            raise forms.ValidationError(
                _("An office with region code %(code)s is already on the portal."),
                params={"code": code},
            )
        return code

    def clean_slug(self):
        slug = self.cleaned_data["slug"].strip().lower()
        if not SLUG_RE.match(slug):
            raise forms.ValidationError(
                _(
                    "The address name takes small letters, digits and single hyphens only, "
                    "e.g. kab-lumajang."
                )
            )
        if Office.objects.filter(slug=slug).exists():
            raise forms.ValidationError(
                _("The address name %(slug)s is already used by another office."),
                params={"slug": slug},
            )
        return slug

    def clean_head_nip(self):
        nip = self.cleaned_data["head_nip"].replace(" ", "")
        if nip and (not nip.isdigit() or len(nip) != 18):
            raise forms.ValidationError(_("A NIP has 18 digits."))
        return nip

    def _clean_number_format(self, name):
        value = self.cleaned_data[name].strip()
        try:
            value.format(seq=1, year=2026, month=1)
        except (KeyError, IndexError, ValueError, AttributeError):
            raise forms.ValidationError(
                _(
                    "Use only the placeholders {seq}, {year} and {month}, e.g. "
                    "560/{seq:04d}/AKAD/{year}."
                )
            ) from None
        if "{seq" not in value:
            raise forms.ValidationError(
                _("The number format must contain the running number {seq}.")
            )
        return value

    def clean_permit_number_format(self):
        return self._clean_number_format("permit_number_format")

    def clean_ak1_number_format(self):
        return self._clean_number_format("ak1_number_format")

    def clean_complaint_number_format(self):
        return self._clean_number_format("complaint_number_format")

    def clean_officer_username(self):
        username = self.cleaned_data["officer_username"].strip()
        User = get_user_model()
        User.username_validator(username)
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(
                _("The user name %(username)s is already taken."), params={"username": username}
            )
        return username

    def clean_officer_email(self):
        email = self.cleaned_data["officer_email"].strip()
        if email and get_user_model().objects.filter(email__iexact=email).exists():
            # people log in with their e-mail address too (portal.backends): it must name one
            raise forms.ValidationError(_("Another account already uses this e-mail address."))
        return email

    def clean_template(self):
        value = self.cleaned_data["template"]
        if value == SEED_TEMPLATE:
            return SEED_TEMPLATE
        office = Office.objects.filter(slug=value).first()
        if office is None:
            raise forms.ValidationError(_("There is no office with this address name."))
        return office

    def clean(self):
        data = super().clean()
        level, code, parent = data.get("level"), data.get("region_code"), data.get("parent")
        if level and code:
            if level == Office.Level.PROVINCE:
                if len(code) != 2:
                    self.add_error(
                        "region_code", _("A province's region code has two digits (e.g. 35).")
                    )
                if parent is not None:
                    self.add_error(
                        "parent", _("A province office has no province office above it.")
                    )
            else:
                if len(code) != 4:
                    self.add_error(
                        "region_code",
                        _("A regency's or city's region code has four digits (e.g. 3508)."),
                    )
                elif level == Office.Level.CITY and int(code[2:]) < 71:
                    self.add_error(
                        "region_code",
                        _(
                            "A city's code ends in 71 to 99 (Kota Probolinggo: 3574); 01 to 70 "
                            "are regencies."
                        ),
                    )
                elif level == Office.Level.REGENCY and not 1 <= int(code[2:]) <= 70:
                    self.add_error(
                        "region_code",
                        _(
                            "A regency's code ends in 01 to 70 (Kabupaten Lumajang: 3508); 71 to "
                            "99 are cities."
                        ),
                    )
                if parent is None:
                    self.add_error(
                        "parent", _("A regency or city office belongs to its province's office.")
                    )
                elif len(code) == 4 and not code.startswith(parent.region_code):
                    self.add_error(
                        "region_code",
                        _(
                            "The region code %(code)s does not lie in %(province)s (code "
                            "%(parent)s): its first two digits are the province's."
                        )
                        % {"code": code, "province": parent.name, "parent": parent.region_code},
                    )
        return data


def ensure_role_groups():
    """The role groups (global Django groups, portal.roles) exist with their permissions."""
    if Group.objects.filter(name__in=roles.ALL_ROLES).count() < len(roles.ALL_ROLES):
        roles.sync_roles()


def password_set_link(user):
    """A link to set the first password (Django's reset token: it expires after
    PASSWORD_RESET_TIMEOUT and works once)."""
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return f"{settings.SITE_URL}{path}"


@transaction.atomic
def create_office(*, values, template, officer, officer_roles, actor=None):
    """Create an office with its standards, role groups and first officer (issue 15, item 7).

    ``values`` are the Office's fields (cleaned by OfficeCreateForm), ``template`` is
    SEED_TEMPLATE or an Office whose standards are copied, ``officer`` the first officer's
    username, first_name, last_name and email. The officer has no password yet: the returned
    link sets it, and the second factor is set up at the first log-in, as for every officer.
    Returns (office, user, link).
    """
    if actor is not None and not actor.is_superuser:
        raise PermissionDenied
    office = Office.objects.create(**values)
    standards_from_template(office=office, template=template)
    ensure_role_groups()
    User = get_user_model()
    user = User(is_staff=True, **officer)
    user.set_unusable_password()
    user.save()
    for role in officer_roles:
        OfficeRole.objects.create(user=user, office=office, group=Group.objects.get(name=role))
    return office, user, password_set_link(user)


def create_from_form(form, *, actor=None):
    data = form.cleaned_data
    return create_office(
        values={field: data[field] for field in OFFICE_FIELDS if field in data},
        template=data["template"],
        officer={
            "username": data["officer_username"],
            "first_name": data["officer_first_name"],
            "last_name": data["officer_last_name"],
            "email": data["officer_email"],
        },
        officer_roles=data["officer_roles"],
        actor=actor,
    )
