"""Officers' second factor (TOTP with django-otp, recovery codes as its static device).

Every officer (``is_staff``) and the superuser must confirm a log-in with a code from an
authenticator app; job seekers and employers may turn it on. ``SecondFactorMiddleware`` sends
an account that needs the second step and has not made it to the setup page (no device yet)
or the code page, whatever it asks for, admin included. A device is set up only when the
account has none: once set up, only the superuser can reset it (portal.accounts).
"""

import base64

import segno
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

SESSION_KEY = "second_factor_required"
RECOVERY_CODES = 10
# Pages an account may open before its second step: the step itself, logging out, language.
OPEN_URL_NAMES = ("otp_setup", "otp_verify", "logout", "admin:logout", "set_language")


def required(user, session):
    """Does this log-in need the second step? Officers always; others once they turned it on."""
    return user.is_staff or user.is_superuser or bool(session.get(SESSION_KEY))


@receiver(user_logged_in, dispatch_uid="portal-second-factor-at-login")
def remember_at_login(sender, request, user, **kwargs):
    # Looked up once per log-in, not on every page: does this person use a second factor?
    if not (user.is_staff or user.is_superuser) and user_has_device(user):
        request.session[SESSION_KEY] = True


def has_device(user):
    return user_has_device(user, confirmed=True)


def safe_next(request, default="portal:dashboard"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(default)


class SecondFactorMiddleware:
    """After django_otp's OTPMiddleware: no page for an unverified log-in that needs the step."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and required(user, request.session)
            and not self.is_open(request)
        ):
            name = "otp_verify" if has_device(user) else "otp_setup"
            query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
            return redirect(reverse(name) + (f"?{query}" if query else ""))
        return self.get_response(request)

    @staticmethod
    def is_open(request):
        try:
            return resolve(request.path_info).view_name in OPEN_URL_NAMES
        except Resolver404:
            return False


# --- setting up ------------------------------------------------------------------------------


def pending_device(user):
    """The account's unconfirmed TOTP device (the same one while the setup page is reloaded)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def secret_text(device):
    """The key as an authenticator app accepts it when typed: base32 in groups of four."""
    text = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_data_uri(device):
    return segno.make(device.config_url, error="m").png_data_uri(scale=5, border=2)


@transaction.atomic
def confirm(device, token):
    """Confirm a pending device with its first code; give the recovery codes (shown once)."""
    if not device.verify_token(token):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    StaticDevice.objects.filter(user=device.user).delete()
    static = StaticDevice.objects.create(user=device.user, name="recovery codes")
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    static.token_set.bulk_create([StaticToken(device=static, token=code) for code in codes])
    return codes


def verify(user, token):
    """The confirmed device (authenticator or recovery code) that accepts the token, or None."""
    token = "".join((token or "").split()).lower()
    # for_verify locks the devices (select_for_update), so that django-otp's throttling and
    # "each code once" hold against two requests at the same time
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if device.verify_token(token):
                return device
    return None
