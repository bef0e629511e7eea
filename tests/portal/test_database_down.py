"""While PostgreSQL is down: cached public pages are still served, everything else is an
honest 503 that says what happened to what the person sent.

A real PostgreSQL, really stopped: the test starts its own private cluster (a copy of the
test database's schema, plus the demo data), serves the portal from gunicorn on it, fills
the page cache, stops the cluster, and asks again.
"""

import http.cookiejar
import os
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from scripts.serving import free_port, gunicorn

ROOT = Path(__file__).resolve().parents[2]
PGBIN = Path(
    sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))[-1]
)


def as_pg(*command, **kwargs):
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run([*prefix, *map(str, command)], check=True, capture_output=True, **kwargs)


@pytest.fixture
def own_cluster(django_db_setup, django_db_blocker):
    """A private PostgreSQL cluster holding a copy of the test database's schema."""
    folder = ROOT / "var" / f"test-pg-down-{os.getpid()}"
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "run").mkdir(parents=True)
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
        shutil.chown(folder / "run", "postgres", "postgres")
    port = free_port()
    data = folder / "data"
    as_pg(
        PGBIN / "initdb",
        "-D",
        data,
        "-U",
        "postgres",
        "--auth=trust",
        "-E",
        "UTF8",
        "--locale=C.UTF-8",
    )
    options = f"-k {folder / 'run'} -p {port} -c listen_addresses='' -c fsync=off"

    def start():
        as_pg(
            PGBIN / "pg_ctl", "-D", data, "-l", folder / "server.log", "-w", "-o", options, "start"
        )

    def stop():
        as_pg(PGBIN / "pg_ctl", "-D", data, "-m", "fast", "-w", "stop")

    start()
    with django_db_blocker.unblock():
        source = connection.settings_dict
    env = {**os.environ, "PGHOST": str(folder / "run"), "PGPORT": str(port), "PGUSER": "postgres"}
    subprocess.run([PGBIN / "createdb", "portal_down"], env=env, check=True)
    dump = subprocess.run(
        [
            PGBIN / "pg_dump",
            "--no-owner",
            "-h",
            source["HOST"],
            "-p",
            str(source["PORT"] or 5432),
            "-U",
            source["USER"],
            source["NAME"],
        ],
        check=True,
        capture_output=True,
    ).stdout
    subprocess.run(
        [PGBIN / "psql", "-q", "-d", "portal_down"],
        input=dump,
        env=env,
        check=True,
        capture_output=True,
    )
    env["PGDATABASE"] = "portal_down"
    env.pop("DATABASE_URL", None)
    # whatever other tests left committed in the copy goes; the roles and the demo come in
    demo_env = {**env, "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    for command in (
        ["flush", "--no-input"],
        ["shell", "-c", "from portal.roles import sync_roles; sync_roles()"],
        ["load_demo"],
    ):
        done = subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=demo_env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr[-3000:]
    try:
        yield env, start, stop
    finally:
        subprocess.run(
            [
                "runuser",
                "-u",
                "postgres",
                "--",
                PGBIN / "pg_ctl",
                "-D",
                data,
                "-m",
                "immediate",
                "stop",
            ]
            if os.geteuid() == 0
            else [PGBIN / "pg_ctl", "-D", data, "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)


def fetch(opener, url, data=None):
    try:
        response = opener.open(url, data=data, timeout=30)
    except urllib.error.HTTPError as error:
        response = error
    return response.status, response.read().decode()


def test_cached_pages_are_served_and_the_rest_says_honestly_what_happened(own_cluster):
    env, start, stop = own_cluster
    server_env = {**env, "DJANGO_SETTINGS_MODULE": "portal.settings.test", "CONN_MAX_AGE": "0"}
    with gunicorn(
        "--workers", "1", "--threads", "2", env=server_env, stderr=subprocess.DEVNULL
    ) as (base, _process):
        anonymous = urllib.request.build_opener()
        status, home = fetch(anonymous, base + "/")  # now in the page cache
        assert status == 200
        # someone opens the complaint form (a session-less page with a CSRF cookie)
        jar = http.cookiejar.CookieJar()
        person = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        status, form = fetch(person, base + "/pengaduan/")
        assert status == 200
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)

        stop()

        status, again = fetch(anonymous, base + "/")
        assert status == 200 and again == home  # from the shared cache
        status, page = fetch(anonymous, base + "/standar-pelayanan/akad/")  # never cached
        assert status == 503
        assert "Basis data portal sedang tidak dapat dihubungi" in page
        assert "tidak hilang" not in page and "TIDAK tersimpan" not in page
        complaint = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token,
                "name": "Budi",
                "address": "Jl. Mawar 1",
                "phone": "081234567890",
                "subject": "Antrean",
                "text": "Antrean terlalu lama.",
            }
        ).encode()
        request = urllib.request.Request(
            base + "/pengaduan/", data=complaint, headers={"Referer": base + "/pengaduan/"}
        )
        status, page = fetch(person, request)
        assert status == 503
        assert "Apa yang baru saja Anda kirim TIDAK tersimpan" in page
        assert "Mohon kirim lagi" in page

        start()
        status, page = fetch(anonymous, base + "/standar-pelayanan/akad/")
        assert status == 200  # back as soon as the database is
