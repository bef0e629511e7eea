"""Reads of the public read-only pages from a streaming replica (DATABASE_REPLICA_URL).

The replica is a hot standby of the primary (pg_basebackup -R): it answers reads, refuses
writes, and lags the primary by the time its WAL takes to arrive and be applied (milliseconds
on a good network, more under load). So only what every visitor sees alike and what nobody
has just changed is read there:

- Only the pages of PUBLIC_READ_ONLY (vacancy search and detail, the service standards,
  permit verification, the public satisfaction index), only for GET and HEAD, and only for a
  visitor without a session cookie: a logged-in person (an officer above all) and anyone whose
  session holds something reads the primary.
- A visitor who has just written (any POST, PUT, PATCH or DELETE) carries a cookie for
  REPLICA_PIN_SECONDS afterwards and reads the primary meanwhile: the page after his own
  complaint, application or survey shows it.
- Within one request, once anything has been written, every later read goes to the primary.
- When content that cached pages show changes (portal.pagecache), the primary's WAL position
  after the commit is noted in the shared cache; the replica serves a page only once it has
  replayed that far, so a page rendered there and kept in the page cache is never older than
  the version it is stored under. A replica that cannot be reached is not used.
- Writes always go to the primary; the replica is never migrated.

Without DATABASE_REPLICA_URL nothing here is installed and everything reads the primary.
"""

import contextvars
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, connections

logger = logging.getLogger(__name__)

REPLICA = "replica"
PIN_COOKIE = "baca_utama"  # "read the primary": a visitor who has just written
POSITION_KEY = "replica:primary-wal-position"

PUBLIC_READ_ONLY = frozenset(
    {
        "jobboard:vacancy_list",
        "jobboard:vacancy_detail",
        "portal:service_standard",
        "akad_permits:verify",
        "akad_permits:verify_lookup",
        "quality:public",
    }
)
# Models read where they were written, even on those pages: what a request itself writes and
# reads back (sessions, the cache table, login throttling, the queue).
PRIMARY_ONLY_APPS = frozenset({"sessions", "django_cache", "axes", "background", "django_tasks_db"})

# None: the primary. MAYBE: the replica, once it is found caught up. REPLICA: the replica.
MAYBE = "maybe"
_route = contextvars.ContextVar("replica_route", default=None)


def configured():
    return REPLICA in connections.settings


def replica_in_use():
    """True while this request reads from the replica (for the tests and the benchmark)."""
    return _route.get() == REPLICA


def _caught_up():
    """Has the replica replayed the primary's WAL up to the last change of shown content?"""
    try:
        position = cache.get(POSITION_KEY)
    except Exception:  # noqa: BLE001 - a cache that is down: no position, judge by the replica alone
        position = None
    try:
        with connections[REPLICA].cursor() as cursor:
            if position:
                cursor.execute("select pg_last_wal_replay_lsn() >= %s::pg_lsn", [position])
            else:
                cursor.execute("select true")
            return bool(cursor.fetchone()[0])
    except (DatabaseError, InterfaceError):
        logger.warning("read replica not reachable; reading the primary")
        connections[REPLICA].close()
        return False


def note_primary_position():
    """After a commit that changed shown content: the WAL position the replica must reach."""
    if not configured():
        return
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("select pg_current_wal_lsn()::text")
            cache.set(POSITION_KEY, cursor.fetchone()[0], None)
    except Exception:  # noqa: BLE001 - the saved change stands; pages lag at most the replica
        logger.exception("could not note the primary's WAL position")


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        route = _route.get()
        if route is None or model._meta.app_label in PRIMARY_ONLY_APPS:
            return "default"
        if route == MAYBE:
            route = REPLICA if _caught_up() else None
            _route.set(route)
        return REPLICA if route == REPLICA else "default"

    def db_for_write(self, model, **hints):
        if _route.get() is not None and model._meta.app_label not in PRIMARY_ONLY_APPS:
            _route.set(None)  # the rest of this request reads its own writes
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, **hints):
        return db != REPLICA


class ReplicaMiddleware:
    """Chooses the database each request reads (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.enabled = configured()

    def __call__(self, request):
        if not self.enabled:
            return self.get_response(request)
        token = _route.set(None)
        try:
            response = self.get_response(request)
        finally:
            _route.reset(token)
        if request.method not in ("GET", "HEAD", "OPTIONS", "TRACE"):
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.REPLICA_PIN_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if (
            self.enabled
            and request.method in ("GET", "HEAD")
            and request.resolver_match is not None
            and request.resolver_match.view_name in PUBLIC_READ_ONLY
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and PIN_COOKIE not in request.COOKIES
        ):
            _route.set(MAYBE)
        return None
