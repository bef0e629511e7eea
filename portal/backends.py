"""How a login finds its account, and how failed logins are counted against it.

Job seekers remember their e-mail address better than a user name, so either is accepted, the
e-mail in any letter case. The lockout must count by the same rule: every spelling that could
log into an account (``Admin@…``, ``aDmin@…``, the user name in capitals) counts against that
one account, from whatever address it comes; an address that tries many accounts is stopped
as well (``AddressLockoutBackend``).
"""

import hashlib
import hmac
import unicodedata

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import BaseBackend, ModelBackend
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver

from . import offices, permcache, ratelimit

ADDRESS_SCOPE = "login-failures"


def normalise_login(typed):
    """What a person typed in the login's name field, as the lookup compares it."""
    return unicodedata.normalize("NFKC", typed or "").strip()


def find_account(typed):
    """The account a typed e-mail address or user name logs into, letter case ignored."""
    typed = normalise_login(typed)
    if not typed:
        return None
    User = get_user_model()
    field = "email" if "@" in typed else User.USERNAME_FIELD
    return User.objects.filter(**{f"{field}__iexact": typed}).order_by("pk").first()


def lockout_username(request, credentials=None):
    """django-axes' name for a login attempt (AXES_USERNAME_CALLABLE): the account's user name.

    Whatever spelling was typed, the failures of one account are counted together. A name
    that matches no account is kept case-folded, so its spellings are counted together too.
    """
    typed = (credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD)
    if typed is None and request is not None:
        typed = request.POST.get(settings.AXES_USERNAME_FORM_FIELD, "")
    account = find_account(typed)
    return account.get_username() if account else normalise_login(typed).casefold()


def lockout_parameters(request_or_attempt, credentials=None):
    """django-axes counts failures per account only (AXES_LOCKOUT_PARAMETERS); the address is
    counted by AddressLockoutBackend, with its own, larger budget."""
    return ["username"]


def log_label(username, ip_address, user_agent, path_info, request):
    """django-axes' description of a client in its log lines (AXES_CLIENT_STR_CALLABLE).

    The log must not carry e-mail addresses, NIKs or phone numbers, which people type as their
    user name: a keyed hash tells two attempts apart without saying who.
    """
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"{username}|{ip_address}".encode(), hashlib.sha256
    ).hexdigest()[:12]
    return f"{{client: {digest}, path_info: {path_info!r}}}"


def _address_failures_exhausted(request):
    return (
        ratelimit.current_hits(
            ADDRESS_SCOPE, ratelimit.client_key(request), settings.LOGIN_FAILURE_WINDOW
        )
        >= settings.LOGIN_FAILURES_PER_ADDRESS
    )


class AddressLockoutBackend:
    """Refuses every login from an address that failed too often lately, whatever the account.

    django-axes counts per account; this counts per address, with a larger budget, because
    many people share one address (an internet café, a mobile operator's NAT). The address is
    kept only as a keyed hash (portal.ratelimit).
    """

    def authenticate(self, request, **credentials):
        if request is not None and _address_failures_exhausted(request):
            request.axes_locked_out = True  # django-axes' middleware answers with the lock page
            raise PermissionDenied
        return None  # no get_user(): this backend logs nobody in (and force_login skips it)


@receiver(user_login_failed, dispatch_uid="portal-count-address-failure")
def count_address_failure(sender, credentials, request=None, **kwargs):
    if request is not None:
        ratelimit.hit(
            ADDRESS_SCOPE,
            ratelimit.client_key(request),
            settings.LOGIN_FAILURES_PER_ADDRESS,
            settings.LOGIN_FAILURE_WINDOW,
        )


class EmailOrUsernameBackend(ModelBackend):
    """Accept the e-mail address (any letter case) or the user name.

    Its permissions (given to the account or to its groups) count, as the office roles do
    (``OfficeRoleBackend``), only on an account that passes the second factor at log-in: a
    staff account or the superuser. A job seeker's or an employer's account holds none, so
    none can be used on a password alone, and their pages ask nothing about permissions of
    the database.
    """

    def _get_permissions(self, user_obj, obj, from_name):
        if not (user_obj.is_staff or user_obj.is_superuser):
            return set()
        if obj is None:
            permcache.load(user_obj)  # kept between requests (portal.permcache)
        return super()._get_permissions(user_obj, obj, from_name)

    def get_user(self, user_id):
        """The logged-in account, with its job seeker's and employer's profiles (if any) from
        the same query: nearly every page of theirs asks which one they are (jobboard.rules,
        the menu), and each would otherwise be a query of its own."""
        try:
            user = (
                get_user_model()
                ._default_manager.select_related("jobseeker", "employer")
                .get(pk=user_id)
            )
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username and "@" in username:
            user = find_account(username)
            if user is not None:
                username = user.get_username()
        return super().authenticate(request, username=username, password=password, **kwargs)


class OfficeRoleBackend(BaseBackend):
    """An officer's permissions from their roles in offices (portal.models.OfficeRole).

    ``user.has_perm(perm)``: a role in any office grants it (the admin shows the apps the
    officer works in); ``user.has_perm(perm, obj)``: only a role in the office of ``obj``
    (``portal.offices.office_id_of``). Inside ``portal.offices.focused(user, office)`` the
    question without an object is asked of that one office. It logs nobody in; it comes last
    in AUTHENTICATION_BACKENDS so the test client's ``force_login`` picks a real login backend.

    Only a staff account holds its roles' permissions: every staff log-in passes the second
    factor (portal.second_factor), so an account given a role without staff status (or whose
    staff status was taken away) can use none of it, in the admin or outside it (the checked
    download view), rather than use it on a password alone.
    """

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or not user_obj.is_staff:
            return set()
        held = offices.office_permissions(user_obj)
        if obj is not None:
            return set(held.get(offices.office_id_of(obj, user_obj), ()))
        focus = offices.focus_of(user_obj)
        if focus is not None:
            return set(held.get(focus, ()))
        return set().union(*held.values())

    def has_perm(self, user_obj, perm, obj=None):
        return perm in self.get_all_permissions(user_obj, obj)

    def has_module_perms(self, user_obj, app_label):
        return any(p.startswith(f"{app_label}.") for p in self.get_all_permissions(user_obj))
