"""Whole-page cache for the public pages as anonymous visitors see them.

Someone who is not logged in gets the same home page, vacancy search result or vacancy for the
same address, language and day, so the rendered page is kept in the shared cache and served
from it until what it shows changes. That is most of the portal's traffic (job seekers on their
phones browsing vacancies) served for the cost of one cache lookup.

Correctness:

- Only for a GET without a session or messages cookie: a logged-in person, or anyone with a
  message waiting, always gets a fresh page. A page that needed a CSRF token or set a cookie
  is never stored (it belongs to one visitor).
- The office the page is for (``request.office``, portal.offices) and only the query parameters
  a page reads make its key, the latter in a fixed order; an address with any
  other parameter is rendered and not kept (nobody can fill the cache with ?junk=1, 2, ...).
- Every stored page carries the *content version* it was rendered under; saving or deleting any
  model registered with ``invalidate_on_change`` (vacancies, employers, placements, the office
  profile, the service standards) sets a new version, at once and again after the transaction
  commits, and pages of an older version are not served again. The day is part of the key
  too, because vacancies close by date. ``PAGE_CACHE_SECONDS`` bounds the life of a page
  whatever happens.
- A cache that cannot be reached is logged and worked around: pages are rendered, values
  computed, saves go on.
- The version is read before the page is rendered: a change that commits while a page is
  being rendered makes that page stale at once, never the other way round.
"""

import hashlib
import logging
import pickle
import threading
import time
import uuid
from functools import wraps
from urllib.parse import urlencode

from asgiref.local import Local
from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

VERSION_KEY = "pagecache:version"
# Set once, when missing: emptying the shared cache gives it a new value (``remember``).
EPOCH_KEY = "pagecache:epoch"
logger = logging.getLogger(__name__)


def model_version_key(model):
    """The version of one model's data, for values that depend on it alone (``memoize``)."""
    return f"pagecache:version:{model._meta.label_lower}"


def current_version(key=VERSION_KEY):
    version = cache.get(key)
    if version is None:
        cache.add(key, uuid.uuid4().hex, None)
        version = cache.get(key)
    return version


def _new_versions(keys):
    versions = {key: uuid.uuid4().hex for key in keys}
    _seen_versions().update(versions)  # this request's later reads see the change at once
    try:
        cache.set_many(versions, None)
    except Exception:  # the cache being down must not stop an officer's decision
        logger.exception("page cache: could not set a new content version")


def invalidate(model=None):
    """Retire every cached page (and the values memoized from ``model``): now, and again once
    the current transaction has committed.

    Now, so that the rest of this transaction's work sees no stale page; after the commit, so
    that a page rendered meanwhile from the data as it was before the commit is not kept.
    A cache that cannot be reached is logged, never raised: the save goes on, and no page
    outlives ``PAGE_CACHE_SECONDS``.
    """
    keys = [VERSION_KEY] + ([model_version_key(model)] if model else [])
    _new_versions(keys)
    # With a read replica: no page is read there before it has this change (portal.db_router).
    # Before the new version, so that whoever sees that version also sees the position.
    transaction.on_commit(_note_primary_position, robust=True)
    transaction.on_commit(lambda: _new_versions(keys), robust=True)


def renew(version_key):
    """A new version at ``version_key`` (retiring what ``memoize_under`` kept under it): now,
    and again once the current transaction has committed, for the reasons of ``invalidate``."""
    _new_versions([version_key])
    transaction.on_commit(lambda: _new_versions([version_key]), robust=True)


def _note_primary_position():
    from portal.db_router import note_primary_position

    note_primary_position()


def _on_change(sender, **kwargs):
    if not kwargs.get("raw"):  # fixtures loading
        invalidate(sender)


def invalidate_on_change(*models):
    """Retire cached pages, and the values memoized from the model, whenever one of these
    models is saved or deleted."""
    for model in models:
        post_save.connect(_on_change, sender=model, dispatch_uid=f"pagecache-save-{model._meta}")
        post_delete.connect(
            _on_change, sender=model, dispatch_uid=f"pagecache-delete-{model._meta}"
        )


def memoize(key, compute, timeout, model):
    """``compute()``, kept in the shared cache under the version of ``model``'s data.

    For small values every public page shows (the office profile, the year's placements):
    saving or deleting a ``model`` (which must be registered with ``invalidate_on_change``)
    retires the value, with the same reasoning as the pages (the version is read before the
    value is computed).
    """
    return memoize_under(model_version_key(model), key, compute, timeout)


def memoize_under(version_key, key, compute, timeout):
    """``compute()``, kept in the shared cache under the version stored at ``version_key``
    (``memoize`` for a value that depends on more than one model; ``renew`` retires it), for
    ``timeout`` seconds at most.

    A request reads every version it may need in one round trip, the first time it needs one
    (``_fetch``), and each worker keeps a copy of the values it has used (``_kept``): a value
    whose version has not changed since costs no round trip at all. The copy is checked
    against the version the request read, so a change shows on the next request in every
    worker, as it did when every value was read from the shared cache.
    """
    key = f"pagecache:memo:{key}"
    version = _seen_versions().get(version_key)
    if version is not None:
        kept = _kept_value(key, version)
        if kept is not _NOTHING:
            return kept
    version, stored = _fetch(version_key, key)
    if (
        stored is not None
        and len(stored) == 2
        and isinstance(stored[0], float)
        and stored[0] > time.time()
    ):
        deadline, value = stored
    else:
        value = compute()
        deadline = time.time() + timeout if timeout is not None else float("inf")
        if version is not None:
            _store(key, (version, deadline, value), timeout)
    if version is not None:
        _keep(key, version, deadline, value)
    return value


def remember(key, compute, timeout):
    """``compute()``, kept in the shared cache for ``timeout`` seconds, with no version (for
    what may lag a little, and is costly to compute); computed each time when the cache
    cannot be reached. Emptying the shared cache retires it too (``EPOCH_KEY``)."""
    return memoize_under(EPOCH_KEY, key, compute, timeout)


# What one request has read of the versions ({version key: version}): None outside a request
# (a task, a command), where each value's version is read when the value is. Thread- and
# context-local, as a request is.
_request = Local()
# Every version key a request may need, learnt as values are asked for: the first value a
# request asks for brings all of them in the same round trip.
_version_keys = {VERSION_KEY, EPOCH_KEY}
# This worker's copies of the values it has used: {key: (version, deadline, pickled value)}.
# Pickled, so that each caller gets its own copy, as from the shared cache; bounded, oldest
# out first.
_kept = {}
_kept_lock = threading.Lock()
KEPT_MAX = 512
_NOTHING = object()


def _start_request(**kwargs):
    _request.versions = {}


def _end_request(**kwargs):
    _request.versions = None


request_started.connect(_start_request, dispatch_uid="pagecache-versions-start")
request_finished.connect(_end_request, dispatch_uid="pagecache-versions-end")


def _seen_versions():
    """This request's versions so far; outside a request a throwaway dict (nothing is kept)."""
    versions = getattr(_request, "versions", None)
    return {} if versions is None else versions


def _kept_value(key, version):
    kept = _kept.get(key)
    if kept is None or kept[0] != version or kept[1] <= time.time():
        return _NOTHING
    return pickle.loads(kept[2])  # noqa: S301 (bytes this worker pickled itself)


def _keep(key, version, deadline, value):
    kept = _kept.get(key)
    if kept is not None and kept[:2] == (version, deadline):
        return  # the first value of a request comes with its versions: already kept as it is
    try:
        pickled = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    except Exception:  # a value that cannot be copied is simply not kept here
        logger.exception("page cache: could not keep a copy of %s", key)
        return
    with _kept_lock:
        _kept.pop(key, None)
        while len(_kept) >= KEPT_MAX:
            del _kept[next(iter(_kept))]
        _kept[key] = (version, deadline, pickled)


def _fetch(version_key, key):
    """(current version, the value stored under it without its version) in one round trip,
    which also brings every version this request has not read yet.

    The value is None when missing, of another version or of an unexpected shape (a deploy
    that changes a format must not crash on what the shared cache still holds); both are None
    when the cache cannot be reached, which is logged: the caller goes on without it.
    """
    versions = getattr(_request, "versions", None)
    _version_keys.add(version_key)
    unread = [version_key] if versions is None else list(_version_keys.difference(versions))
    try:
        found = cache.get_many([key, *unread])
        for unread_key in unread:
            read = found.get(unread_key) or current_version(unread_key)
            if versions is not None:
                versions[unread_key] = read
            found[unread_key] = read
        version = found[version_key] if versions is None else versions[version_key]
    except Exception:
        logger.exception("shared cache: could not be read")
        return None, None
    stored = found.get(key)
    if isinstance(stored, tuple) and len(stored) > 1 and stored[0] == version:
        return version, stored[1:]
    return version, None


def _store(key, value, timeout):
    try:
        cache.set(key, value, timeout)
    except Exception:
        logger.exception("shared cache: could not be written")


def _key(request, params):
    """The page's key, or None when the address carries parameters the page does not read
    (anyone could otherwise fill the cache with ?junk=1, ?junk=2, ...)."""
    if any(name not in params for name in request.GET):
        return None
    canonical = urlencode(sorted((name, request.GET[name]) for name in request.GET))
    # The office too: a host-named office's /loker/ is not the portal's (portal.offices).
    office = getattr(request, "office", None)
    where = office.slug if office is not None else ""
    address = hashlib.sha256(f"{where}|{request.path}?{canonical}".encode()).hexdigest()
    return f"pagecache:page:{get_language()}:{timezone.localdate():%Y%m%d}:{address}"


def cache_public_page(view=None, *, params=()):
    """Serve anonymous visitors this view's page from the shared cache (see the module).

    ``params``: the query parameters the page reads; an address with any other is rendered
    and not kept. ``@cache_public_page`` alone: a page without parameters.
    """
    if view is None:
        return lambda view: cache_public_page(view, params=params)
    params = frozenset(params)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        key = None
        if (
            getattr(settings, "PAGE_CACHE_SECONDS", 0)
            and request.method == "GET"
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "messages" not in request.COOKIES
        ):
            key = _key(request, params)
        if key is None:
            return view(request, *args, **kwargs)
        version, stored = _fetch(VERSION_KEY, key)
        if stored is not None and len(stored) == 2:
            content_type, content = stored
            response = HttpResponse(content, content_type=content_type)
            patch_vary_headers(response, ("Cookie",))
            response.public_page = True
            return response
        response = view(request, *args, **kwargs)
        response.public_page = True  # the same for every anonymous visitor (PrivatePagesMiddleware)
        if (
            version is not None
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # a CSRF token in the page
        ):
            _store(
                key,
                (version, response["Content-Type"], response.content),
                settings.PAGE_CACHE_SECONDS,
            )
        return response

    return wrapped
