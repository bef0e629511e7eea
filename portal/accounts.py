"""Services for people's log-ins: unlocking, counter codes, password and second-factor events.

The Petugas Antar Kerja serves job seekers and employers at the counter: unlocks a login
locked by failed attempts, and gives a person without e-mail a one-time code to set a new
password on the portal (``counter_code_issue`` / ``counter_code_use``). Officers' accounts are
the superuser's business, and so are django-axes' records of failed logins.
Every such change is an ``AccountEvent`` in the person's history.
"""

import datetime
import secrets

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from .backends import find_account
from .models import AccountEvent

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # nothing that reads like another sign
CODE_LENGTH = 10


def record(*, user, kind, actor=None, **fields):
    return AccountEvent.objects.create(user=user, kind=kind, actor=actor, **fields)


def _check_counter_target(user, actor, permission):
    if not actor.has_perm(permission):
        raise PermissionDenied
    if user.is_staff or user.is_superuser:
        # an officer's account is reset by the superuser, not across the counter
        raise PermissionDenied


def unlock_login(*, user, actor):
    """Clear the failed logins counted against a job seeker's or employer's account."""
    _check_counter_target(user, actor, "portal.unlock_login")
    axes_reset(username=user.get_username())
    return record(user=user, kind=AccountEvent.Kind.LOGIN_UNLOCKED, actor=actor)


def format_code(code):
    return f"{code[:5]}-{code[5:]}"


def normalise_code(typed):
    return "".join(c for c in (typed or "").upper() if c.isalnum())


@transaction.atomic
def counter_code_issue(*, user, actor):
    """A one-time code for a person without e-mail, printed at the counter.

    Returns (event, code); only the code's hash is stored. An earlier unused code stops working.
    """
    _check_counter_target(user, actor, "portal.reset_password_at_counter")
    now = timezone.now()
    AccountEvent.objects.filter(
        user=user, kind=AccountEvent.Kind.COUNTER_CODE_ISSUED, used_at=None, expires_at__gt=now
    ).update(expires_at=now)
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    event = record(
        user=user,
        kind=AccountEvent.Kind.COUNTER_CODE_ISSUED,
        actor=actor,
        code_hash=make_password(code),
        expires_at=now + datetime.timedelta(hours=settings.COUNTER_CODE_HOURS),
    )
    return event, format_code(code)


def counter_code_account(typed_name, typed_code):
    """The account and its open code event a typed name and code match, or (None, None).

    A wrong name, a wrong code, a used or an expired one all give the same answer.
    """
    user = find_account(typed_name)
    code = normalise_code(typed_code)
    if user is None or len(code) != CODE_LENGTH:
        return None, None
    open_codes = AccountEvent.objects.filter(
        user=user,
        kind=AccountEvent.Kind.COUNTER_CODE_ISSUED,
        used_at=None,
        expires_at__gt=timezone.now(),
    )
    for event in open_codes:
        if check_password(code, event.code_hash):
            return user, event
    return None, None


@transaction.atomic
def counter_code_use(*, event, password):
    """Set the new password with a counter code; the code then works no more.

    Changing the password ends every session of the account (Django checks the password's
    hash in each session), and the counted failed logins are cleared.
    """
    event = AccountEvent.objects.select_for_update().get(pk=event.pk)
    if event.used_at is not None or event.expires_at <= timezone.now():
        return False
    user = event.user
    user.set_password(password)
    user.save(update_fields=["password"])
    event.used_at = timezone.now()
    event.save(update_fields=["used_at"])
    record(user=user, kind=AccountEvent.Kind.PASSWORD_RESET_CODE)
    axes_reset(username=user.get_username())
    return True


def second_factor_reset(*, user, actor):
    """Remove every second-factor device of an account: the superuser's act only.

    The person sets up a new one at the next log-in (officers must; others may).
    """
    from django_otp import devices_for_user

    if not actor.is_superuser:
        raise PermissionDenied
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=None):
            device.delete()
        return record(user=user, kind=AccountEvent.Kind.SECOND_FACTOR_RESET, actor=actor)
