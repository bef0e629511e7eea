"""A person's own log-in: password change and reset (Django's views, in Indonesian), the
counter code, and the second factor (portal.second_factor)."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordMixin
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login

from . import accounts, second_factor
from .models import AccountEvent
from .ratelimit import rate_limited

TEMPLATES = "portal/password/"


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's own: the current session stays, every other session of the account ends."""

    template_name = TEMPLATES + "change_form.html"
    success_url = reverse_lazy("password_change_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        accounts.record(
            user=self.request.user, kind=AccountEvent.Kind.PASSWORD_CHANGED, actor=self.request.user
        )
        return response


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = TEMPLATES + "change_done.html"


@method_decorator(rate_limited("password-reset", limit=10), name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    """The same answer whether or not the address has an account (no enumeration)."""

    template_name = TEMPLATES + "reset_form.html"
    email_template_name = TEMPLATES + "reset_email.txt"
    subject_template_name = TEMPLATES + "reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form):
        # The link is built from SITE_URL, never from the Host header a stranger sent.
        self.extra_email_context = {"site_url": settings.SITE_URL}
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = TEMPLATES + "reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's token: it expires (PASSWORD_RESET_TIMEOUT) and dies with the password it reset."""

    template_name = TEMPLATES + "reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        accounts.record(user=form.user, kind=AccountEvent.Kind.PASSWORD_RESET_EMAIL)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = TEMPLATES + "reset_complete.html"


class CounterCodeForm(SetPasswordMixin, forms.Form):
    """The name and the code printed at the counter, and the new password twice."""

    username = forms.CharField(label=_("E-mail address or user name"), max_length=254)
    code = forms.CharField(label=_("Code from the counter"), max_length=20)
    new_password1, new_password2 = SetPasswordMixin.create_password_fields(
        label1=_("New password"), label2=_("New password confirmation")
    )
    user = event = None

    def clean(self):
        data = super().clean()
        if "username" in data and "code" in data:
            self.user, self.event = accounts.counter_code_account(data["username"], data["code"])
            if self.user is None:
                raise forms.ValidationError(
                    _(
                        "This name and code do not match, or the code was used or has expired. "
                        "Check the paper from the counter, or ask the office for a new code."
                    )
                )
            self.validate_passwords("new_password1", "new_password2")
            self.validate_password_for_user(self.user, "new_password2")
        return data


@sensitive_post_parameters("code", "new_password1", "new_password2")
@never_cache
@rate_limited("counter-code", limit=10)
def counter_code(request):
    form = CounterCodeForm(data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        if accounts.counter_code_use(event=form.event, password=form.cleaned_data["new_password1"]):
            messages.success(request, _("Your new password is set. Log in with it."))
            return redirect("login")
        form.add_error(
            None, _("This code was just used or has expired. Ask the office for a new one.")
        )
    return render(request, TEMPLATES + "counter_code.html", {"form": form})


# --- second factor ----------------------------------------------------------------------------


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


@login_required
def account_security(request):
    return render(
        request,
        "portal/account_security.html",
        {"has_device": second_factor.has_device(request.user)},
    )


@never_cache
@login_required
def otp_setup(request):
    """Set up the authenticator, only while the account has none (then the superuser resets)."""
    user = request.user
    if second_factor.has_device(user):
        if user.is_verified():
            return redirect("account_security")
        return redirect(f"{reverse_lazy('otp_verify')}?next={second_factor.safe_next(request)}")
    device = second_factor.pending_device(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = second_factor.confirm(device, form.cleaned_data["token"].strip())
        if codes is not None:
            otp_login(request, device)
            request.session[second_factor.SESSION_KEY] = True
            accounts.record(user=user, kind=AccountEvent.Kind.SECOND_FACTOR_SET_UP, actor=user)
            return render(
                request,
                "portal/otp_recovery_codes.html",
                {"codes": codes, "next": second_factor.safe_next(request)},
            )
        form.add_error("token", _("This code is not right. Type the 6 digits the app shows now."))
    return render(
        request,
        "portal/otp_setup.html",
        {
            "form": form,
            "qr": second_factor.qr_data_uri(device),
            "secret": second_factor.secret_text(device),
            "next": second_factor.safe_next(request),
        },
    )


@never_cache
@login_required
def otp_verify(request):
    user = request.user
    if user.is_verified():
        return redirect(second_factor.safe_next(request))
    if not second_factor.has_device(user):
        return redirect("otp_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = second_factor.verify(user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(second_factor.safe_next(request))
        form.add_error(
            "token",
            _(
                "This code is not right, or it was already used. Wait for the next code and try again."
            ),
        )
    return render(
        request, "portal/otp_verify.html", {"form": form, "next": second_factor.safe_next(request)}
    )
