from pathlib import PurePosixPath

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def private_file_link(value):
    """(download URL, label) of a stored private file: the checked download view
    (portal.views.download), never the storage's address, and a label that says what the file
    is, not its internal name. (None, None) when there is nothing stored yet."""
    instance = getattr(value, "instance", None)
    field = getattr(value, "field", None)
    if not value or instance is None or field is None or instance.pk is None:
        return None, None
    kind = PurePosixPath(value.name).suffix.lstrip(".").upper() or "?"
    label = _("stored file (%(kind)s)") % {"kind": kind}
    if field.name not in getattr(instance, "private_file_fields", ()):
        return None, label
    url = reverse("portal:download", args=[instance._meta.label, instance.pk, field.name])
    return url, label


# What one person can reasonably type: a line (a name, an address) and a text (a complaint, a
# work history, a vacancy's description). Anything longer is refused on the field, server-side.
LINE_MAX_LENGTH = 300
TEXT_MAX_LENGTH = 5000


class BoundedTextMixin:
    """Every free-text field of the form gets a length bound (the model's, or LINE/TEXT_MAX_LENGTH),
    checked on the server with Django's message ("at most N characters, it has M")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and field.max_length is None:
                limit = (
                    TEXT_MAX_LENGTH if isinstance(field.widget, forms.Textarea) else LINE_MAX_LENGTH
                )
                field.max_length = limit
                field.validators.append(MaxLengthValidator(limit))
                field.widget.attrs.update(field.widget_attrs(field.widget))


def offices_offering(service_flag):
    """The active offices that offer a service (``offers_job_exchange``, ``offers_akad``,
    ``offers_complaints``), in region-code order."""
    from .models import Office

    return Office.objects.filter(is_active=True, **{service_flag: True}).order_by("region_code")


def request_office(request):
    """The office the page's address names (``request.office``, set from the path or the
    host name), or None on the portal's own addresses."""
    return getattr(request, "office", None)


class OfficeChoiceMixin:
    """A public form whose record goes to one office: the office of the address the form was
    opened under (``office=``, the view's ``request.office``), or, where the address names no
    office, the office the person chooses (Kantor tujuan) among those offering the service.

    Where only one office offers the service there is nothing to ask. ``chosen_office()``
    after validation is the office for the service call.
    """

    office_service = None  # the Office flag of the service: "offers_complaints", ...
    office_label = _("Destination office")
    office_help_text = ""
    office_required = True

    def __init__(self, *args, office=None, offices=None, proposed=None, **kwargs):
        """``proposed``: the office chosen to begin with where there is a choice (an
        employer's own office for its AKAD application); the person may change it."""
        super().__init__(*args, **kwargs)
        if office is None:
            if offices is None:
                offices = offices_offering(self.office_service)
            only = list(offices[:2])
            if len(only) == 1:
                office = only[0]  # nothing to choose
        self.fixed_office = office
        # Asked or not is decided here: a form in steps leaves the field to its own step.
        self.office_offered = office is None and bool(only)
        if office is None and only:
            field = forms.ModelChoiceField(
                queryset=offices,
                label=self.office_label,
                help_text=self.office_help_text,
                required=self.office_required,
                empty_label=_("- Choose -"),
                error_messages={"required": _("Choose the office.")},
                initial=getattr(proposed, "pk", None),
            )
            self.fields = {"office": field, **self.fields}  # asked first

    def clean(self):
        cleaned = super().clean()
        if self.fixed_office is None and not self.office_offered:
            raise forms.ValidationError(
                _("No office takes this service on the portal yet."), code="no_office"
            )
        return cleaned

    def chosen_office(self):
        return self.fixed_office or self.cleaned_data.get("office")

    def proposed_office(self):
        """The office the form is for before it is sent, if there is no choice to make."""
        return self.fixed_office


class PrivateFileInput(forms.ClearableFileInput):
    """The file input of every form with a private upload: the file already stored is named
    and linked through the checked download view; its storage name and address never appear."""

    template_name = "portal/widgets/private_file_input.html"

    def is_initial(self, value):
        # Django's own test asks value.url, which the private storage refuses to give.
        if getattr(value, "pending", False):
            return True  # chosen earlier in an unfinished form (portal.pending_uploads)
        return bool(value and getattr(value, "instance", None) is not None and value.name)

    def format_value(self, value):
        return value if self.is_initial(value) else None

    def get_context(self, name, value, attrs):
        from django.conf import settings

        # Read by static/portal/forms.js: a file over the limit is reduced (a photo) or
        # refused in the browser, before a slow connection carries it.
        attrs = {
            **(attrs or {}),
            "data-max-bytes": settings.MAX_UPLOAD_SIZE,
            "data-msg-too-large": _(
                "This file is too large (%(size)s MB); at most %(max)s MB is accepted. "
                "Choose a smaller file or scan it again at a lower resolution."
            ),
            "data-msg-reduced": _(
                "The photo was made smaller in your browser (%(size)s MB) so that it can be sent."
            ),
        }
        context = super().get_context(name, value, attrs)
        if getattr(value, "pending", False):
            context["widget"].update(
                download_url=None,
                file_label=value.name,
                pending=True,
                initial_text=_("Chosen"),
                input_text=_("Replace"),
            )
            return context
        url, label = private_file_link(value) if self.is_initial(value) else (None, None)
        context["widget"].update(download_url=url, file_label=label)
        return context


class LoginForm(BoundedTextMixin, AuthenticationForm):
    # Django's own message names the field through its label, and its Indonesian wording
    # already says "nama pengguna": the page read "nama pengguna nama pengguna".
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "The e-mail address or user name and the password do not match. Check both; "
            "capital and small letters count."
        ),
    }
    username = forms.CharField(
        label=_("E-mail address or user name"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )


class OfficeSearchForm(BoundedTextMixin, forms.Form):
    """The portal's root: find an office by typing its region's name."""

    q = forms.CharField(label=_("City, regency or province"), required=False, max_length=100)
