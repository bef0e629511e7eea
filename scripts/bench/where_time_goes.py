"""Where one page's time goes: renders a page N times in-process and prints a profile.

Uses the benchmark's settings and database (run scripts/benchmark.sh once first), so the figures
belong to the same volume as docs/performance.md. Examples:

    PGHOST=var/pg/run PGUSER=postgres PGDATABASE=disnaker_bench \
      .venv/bin/python scripts/bench/where_time_goes.py '/loker/?q=operator&r=1' -n 200
    ... scripts/bench/where_time_goes.py '/admin/jobboard/jobseeker/?status__exact=waiting' --user bench-officer

Each request also reports its SQL time, so Python and database are told apart. ``--groups``
prints the profiled time by kind of work instead of function by function (docs/performance.md),
``--lines K`` the K functions with the most time of their own as a Markdown table
(docs/profiles.md, by scripts/bench/profiles.sh);
``--status-check`` POSTs the complaint status form with a different real (reference, phone)
pair each time, as the benchmark's row does.
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "scripts.bench.settings"

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402


def verify_second_factor(client, username):
    """An officer's session as after the second factor (django-otp's session key), as the
    real log-in leaves it: without it every admin page answers with the code's page."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


# The kinds of work a page's time goes to, by the functions that do them (they overlap a
# little: templates call reverse(), the view's queries run inside the templates' loops).
GROUPS = {
    "PostgreSQL (psycopg waiting for the answer)": ("psycopg/connection.py", ("wait",)),
    "building SQL (Django's compiler)": ("db/models/sql/compiler.py", ("as_sql",)),
    "model instances from rows": ("db/models/base.py", ("from_db",)),
    "templates (all rendering)": ("template/backends/django.py", ("render",)),
    "permission checks (has_perm)": ("contrib/auth/models.py", ("has_perm",)),
    "URL reverse and resolve": ("django/urls/base.py", ("reverse", "resolve")),
    "Redis round trips": ("cache/backends/redis.py", ("get", "get_many", "set", "set_many", "add")),
}


def profiled_time(profile, n):
    """(the profile's stats by function, its total own time), the total printed per request."""
    stats = pstats.Stats(profile).stats
    profiled = sum(entry[2] for entry in stats.values())
    print(f"profiled: {profiled / n * 1000:.1f} ms per request")
    return stats, profiled


def print_groups(profile, n):
    stats, profiled = profiled_time(profile, n)

    def cumulative(module, names):
        return sum(v[3] for k, v in stats.items() if k[0].endswith(module) and k[2] in names)

    shares = {name: cumulative(*where) for name, where in GROUPS.items()}
    handler = "core/handlers/base.py"
    shares["outside the view (middleware, session, user, second factor)"] = cumulative(
        handler, ("get_response",)
    ) - cumulative(handler, ("_get_response",))
    for name, seconds in shares.items():
        print(f"  {seconds / profiled:5.0%}  {seconds / n * 1000:5.1f} ms  {name}")


def short_place(filename, line, function):
    """``django/template/base.py:1057 render``: the path from the package down, for a table."""
    for marker in ("site-packages/", "/lib/python3", str(ROOT) + "/"):
        if marker in filename:
            filename = filename.split(marker, 1)[1]
            break
    if filename.startswith(".") and "/" in filename:  # python3.13/… of the standard library
        filename = filename.split("/", 1)[1]
    return f"{filename}:{line} {function}" if line else function


def print_lines(profile, n, count):
    """The ``count`` functions with the most time of their own, as a Markdown table."""
    stats, profiled = profiled_time(profile, n)
    print()
    print("| function (file:line) | calls per request | own ms per request | share |")
    print("| --- | ---: | ---: | ---: |")
    ranked = sorted(stats.items(), key=lambda item: item[1][2], reverse=True)
    for (filename, line, function), (_, calls, own, *_rest) in ranked[:count]:
        place = short_place(filename, line, function).replace("|", "\\|")
        print(f"| `{place}` | {calls / n:.0f} | {own / n * 1000:.2f} | {own / profiled:.0%} |")


def status_checks(count):
    """``count`` (reference, phone) pairs of real complaints, for the status form."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reference, complainant_phone FROM complaints_complaint "
            "ORDER BY random() LIMIT %s",
            [count],
        )
        return cursor.fetchall()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path")
    parser.add_argument("-n", type=int, default=100, help="requests (after 5 to warm up)")
    parser.add_argument("--user", help="log in as this user first")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--plain", action="store_true", help="time only, without the profiler")
    parser.add_argument("--groups", action="store_true", help="the time by kind of work")
    parser.add_argument(
        "--lines", type=int, metavar="K", help="the K functions with most own time, as Markdown"
    )
    parser.add_argument("--status-check", action="store_true", help="POST the status form")
    args = parser.parse_args()

    client = Client(HTTP_HOST="127.0.0.1")
    if args.user:
        client.force_login(get_user_model().objects.get(username=args.user))
        verify_second_factor(client, args.user)
    pairs = iter(status_checks(args.n + 5)) if args.status_check else None

    def request():
        if pairs is None:
            return client.get(args.path)
        reference, phone = next(pairs)
        client.cookies.clear()  # a new visitor each time, as the benchmark's requests are
        return client.post(args.path, {"reference": reference, "contact": phone})

    for _ in range(5):
        response = request()
        assert response.status_code == 200, response.status_code

    sql = []

    def timed(execute, query, params, many, context):
        start = time.perf_counter()
        try:
            return execute(query, params, many, context)
        finally:
            sql.append(time.perf_counter() - start)

    profile = cProfile.Profile()
    with connection.execute_wrapper(timed):
        start = time.perf_counter()
        if not args.plain:
            profile.enable()
        for _ in range(args.n):
            request()
        profile.disable()
        total = time.perf_counter() - start
    per = total / args.n * 1000
    db = sum(sql) / args.n * 1000
    print(
        f"{args.path}: {per:.1f} ms per request{'' if args.plain else ' under the profiler'}, "
        f"of which SQL {db:.1f} ms ({len(sql) / args.n:.0f} queries)"
    )
    if args.groups and not args.plain:
        print_groups(profile, args.n)
    elif args.lines and not args.plain:
        print_lines(profile, args.n, args.lines)
    elif not args.plain:
        pstats.Stats(profile).sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
