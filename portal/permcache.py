"""An officer's permissions kept in the shared cache between requests.

Every admin page asks what the officer may do dozens of times (the app list, each queue's
actions, the export link, each row). Django's backends answer from three queries per request:
the account's own permissions, its groups' permissions and its office roles
(``portal.offices.office_permissions``). They change when someone gives or takes a role, edits
a group or an account's permissions, or moves an office: rarely, and always through the ORM.
So the three answers are kept in the shared cache under a *permissions version*, read with the
value in one round trip, and any such change sets a new version (now, and again after its
transaction commits, as ``portal.pagecache`` does for pages): the next request computes them
again.

Correctness:

- The version is read before the permissions are computed: a change committing meanwhile
  makes the stored answer stale at once, never the other way round.
- Whether the account is active, staff or superuser is read from its own row on every request
  (the backends check it before asking for permissions); only the lists are kept.
- A change that no signal reports (raw SQL, a data migration) is covered by ``TIMEOUT``, and a
  migration run sets a new version (``post_migrate``).
- The superuser is never cached (Django gives it every permission from the table).
- A cache that cannot be reached is logged and worked around: the permissions are computed.
- With the database as the shared cache (a deployment without Redis, ``manage.py serve``'s
  default) nothing is kept: a lookup there is a query too, and the cache's table does not exist
  yet while ``migrate`` creates the roles' groups.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from . import pagecache

VERSION_KEY = "permissions:version"
TIMEOUT = 300  # seconds: the longest an unsignalled change could go unseen
_LOADED = "_shared_perms_loaded"


def _in_use():
    return not settings.CACHES["default"]["BACKEND"].endswith(".DatabaseCache")


def _key(user):
    return f"permissions:user:{user.pk}"


def load(user):
    """Put the user's permissions where the backends look for them (attributes of the user
    object, as Django's ModelBackend keeps them for a request), from the shared cache when it
    has them under the current version, else computed and stored. Once per request."""
    if getattr(user, _LOADED, False) or not user.is_active or user.is_superuser or not _in_use():
        return
    setattr(user, _LOADED, True)
    from .offices import _CACHE

    own, grouped, office = pagecache.memoize_under(
        VERSION_KEY, _key(user), lambda: _computed(user), TIMEOUT
    )
    user._user_perm_cache, user._group_perm_cache = set(own), set(grouped)
    setattr(user, _CACHE, office)


def _computed(user):
    """The three answers from the database, as the backends give them."""
    from .backends import EmailOrUsernameBackend
    from .offices import office_permissions

    backend = EmailOrUsernameBackend()
    own = frozenset(backend.get_user_permissions(user))
    grouped = frozenset(backend.get_group_permissions(user))
    return own, grouped, office_permissions(user)


def forget(user):
    """Ask the shared cache again on the next permission question (portal.offices.forget)."""
    if hasattr(user, _LOADED):
        delattr(user, _LOADED)


def invalidate(**kwargs):
    """A new permissions version: now, and again once the current transaction commits."""
    if kwargs.get("raw") or not _in_use():  # fixtures loading; nothing kept
        return
    pagecache.renew(VERSION_KEY)


def connect():
    """Connected once (PortalConfig.ready): every ORM change that can change a permission."""
    from django.contrib.auth import get_user_model

    from .models import Office, OfficeRole

    User = get_user_model()
    for model in (OfficeRole, Office, Group, Permission):
        uid = f"permcache-{model._meta.label_lower}"
        post_save.connect(invalidate, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"{uid}-delete")
    for through in (
        Group.permissions.through,
        User.groups.through,
        User.user_permissions.through,
    ):
        m2m_changed.connect(
            invalidate, sender=through, dispatch_uid=f"permcache-{through._meta.label_lower}"
        )
    post_migrate.connect(invalidate, dispatch_uid="permcache-migrate")
