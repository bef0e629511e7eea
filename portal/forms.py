from pathlib import PurePosixPath

from django import forms
from django.contrib.auth.forms import AuthenticationForm
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


class PrivateFileInput(forms.ClearableFileInput):
    """The file input of every form with a private upload: the file already stored is named
    and linked through the checked download view; its storage name and address never appear."""

    template_name = "portal/widgets/private_file_input.html"

    def is_initial(self, value):
        # Django's own test asks value.url, which the private storage refuses to give.
        return bool(value and getattr(value, "instance", None) is not None and value.name)

    def format_value(self, value):
        return value if self.is_initial(value) else None

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        url, label = private_file_link(value) if self.is_initial(value) else (None, None)
        context["widget"].update(download_url=url, file_label=label)
        return context


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("E-mail address or user name"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
