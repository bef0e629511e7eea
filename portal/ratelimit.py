"""Per-address limits on the public forms, counted in PostgreSQL.

django-ratelimit was considered: it requires memcached or django-redis and refuses the
database cache, while this portal must run with no cache server on a first install and on
several hosts in production. One upsert per hit on a small table does the job on the
database every host already shares, atomically.
"""

import datetime
import functools
import hashlib
import hmac

from django.conf import settings
from django.db import connection
from django.shortcuts import render
from django.utils import timezone

from .models import RateLimitCounter
from .net import client_ip

SQL = """
INSERT INTO portal_ratelimitcounter (scope, client, window_start, hits)
VALUES (%s, %s, %s, 1)
ON CONFLICT (scope, client, window_start) DO UPDATE SET hits = portal_ratelimitcounter.hits + 1
RETURNING hits
"""


def client_key(request):
    # The address is personal data: only a keyed hash of it is stored.
    return hmac.new(
        settings.SECRET_KEY.encode(), client_ip(request).encode(), hashlib.sha256
    ).hexdigest()


def _window_start(period):
    now = timezone.now()
    return now, datetime.datetime.fromtimestamp(
        int(now.timestamp()) // period * period, tz=datetime.UTC
    )


def current_hits(scope, key, period):
    """The hits counted so far in the current window, counting none."""
    _now, start = _window_start(period)
    row = (
        RateLimitCounter.objects.filter(scope=scope, client=key, window_start=start)
        .values_list("hits", flat=True)
        .first()
    )
    return row or 0


def hit(scope, key, limit, period):
    """Count one hit; True while the client stays within ``limit`` hits per ``period`` seconds."""
    now, start = _window_start(period)
    with connection.cursor() as cursor:
        cursor.execute(SQL, [scope, key, start])
        (hits,) = cursor.fetchone()
        if hits == 1:
            # First hit of a new window: a cheap moment to forget windows older than a day.
            cursor.execute(
                "DELETE FROM portal_ratelimitcounter WHERE window_start < %s",
                [now - datetime.timedelta(days=1)],
            )
    return hits <= limit


def rate_limited(scope, limit, period=3600, methods=("POST",)):
    """Refuse a burst of submissions from one address with a clear page (HTTP 429).

    The refused submission is not processed at all, so nothing recorded before is touched;
    the page tells the person when to try again.
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            limited = request.method in methods and getattr(settings, "RATELIMIT_ENABLED", True)
            if limited and not hit(scope, client_key(request), limit, period):
                return render(
                    request,
                    "portal/rate_limited.html",
                    {"minutes": max(period // 60, 1)},
                    status=429,
                )
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
