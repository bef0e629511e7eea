"""Tests and the second factor.

``client.force_login(officer)`` stands for a whole log-in, second step included: a receiver
marks such a session as verified with a confirmed authenticator for the officer. Log-ins
through the pages (``client.post("/masuk/")``, the browser) get no such help and meet the
second step as a person would; ``totp_token`` gives them the code an app would show.
"""

import time

from django.contrib.auth.signals import user_logged_in
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def confirmed_device(user):
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="test", confirmed=True)


def verify_session(request, user):
    """Mark a logged-in session as having passed the second step."""
    request.user = user
    otp_login(request, confirmed_device(user))


def _verify_force_login(sender, request, user, **kwargs):
    # force_login builds a bare HttpRequest: a real request always has a method.
    if not request.META.get("REQUEST_METHOD") and (user.is_staff or user.is_superuser):
        verify_session(request, user)


def connect():
    user_logged_in.connect(_verify_force_login, dispatch_uid="tests-verify-force-login")


def totp_token(device):
    """The code an authenticator app shows for the device now, one it has not used yet.

    A code is accepted once (django-otp remembers the last time step used); a second log-in
    in the same 30 s takes the next step's code, within the tolerance, or waits for it.
    """
    device.refresh_from_db()
    while True:
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        now = totp.t()
        wanted = max(now, device.last_t + 1)
        if wanted <= now + device.tolerance:
            totp.drift = device.drift + (wanted - now)
            return f"{totp.token():0{device.digits}d}"
        time.sleep(1)


def pass_second_step(page, username):
    """In a browser journey: after the password, type the code an app would show, if asked."""
    from portal.backends import find_account

    page.wait_for_load_state()
    if "/masuk/faktor-kedua/" not in page.url:
        return
    device = TOTPDevice.objects.get(user=find_account(username), confirmed=True)
    page.get_by_label("Kode").fill(totp_token(device))
    page.get_by_role("button", name="Lanjutkan").click()
