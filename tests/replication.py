"""A real PostgreSQL streaming pair on loopback, inside a test's own folder.

    pair = StreamingPair(tmp_path / "pg").start()      # primary, then a standby that streams
    pair.url("portal")                                  # libpq URL of the primary
    pair.url("portal", standby=True)                    # ... of the standby
    pair.failover_url("portal")                         # both, target_session_attrs=read-write
    pair.stop_primary(); pair.promote()                 # a failover
    pair.stop()

The same server programs as scripts/setup.sh (the newest /usr/lib/postgresql/*/bin), run as
the postgres user when the tests run as root (PostgreSQL refuses to run as root). Quick rather
than safe: fsync off, small buffers. Synchronous replication (``synchronous=True``, the
default) makes "committed" mean "on the standby too", so a failover loses no committed row.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def pg_bin():
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if not found:
        return None
    return found[-1]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(args):
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *map(str, args)]
    return [str(a) for a in args]


def _let_postgres_in(folder):
    """The postgres user must enter every parent folder (pytest makes its own 0700)."""
    if os.geteuid() != 0:
        return
    shutil.chown(folder, "postgres", "postgres")
    for parent in folder.parents:
        mode = parent.stat().st_mode
        if not mode & 0o001:
            os.chmod(parent, (mode & 0o7777) | 0o001)
        if parent == Path("/tmp") or str(parent) == "/":
            break


class StreamingPair:
    def __init__(self, folder, *, synchronous=True):
        self.folder = Path(folder)
        self.bin = pg_bin()
        self.synchronous = synchronous
        self.primary_port = free_port()
        self.standby_port = free_port()
        self.primary_dir = self.folder / "primary"
        self.standby_dir = self.folder / "standby"
        self.socket_dir = self.folder / "run"
        self.started = []

    # --- commands ---------------------------------------------------------------------
    def run(self, program, *args, check=True, timeout=60):
        command = program if program == "cp" else self.bin / program
        return subprocess.run(
            _as_postgres([command, *args]),
            check=check,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def psql(self, sql, *, standby=False, dbname="postgres"):
        port = self.standby_port if standby else self.primary_port
        out = self.run(
            "psql", "-h", "127.0.0.1", "-p", port, "-U", "postgres", "-d", dbname,
            "-qAtX", "-v", "ON_ERROR_STOP=1", "-c", sql,
        )  # fmt: skip
        return out.stdout.strip()

    def _options(self, port):
        return (
            f"-k {self.socket_dir} -p {port} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=on -c full_page_writes=off "
            "-c shared_buffers=16MB -c max_connections=60 -c wal_level=replica "
            "-c max_wal_senders=5 -c hot_standby=on -c wal_receiver_status_interval=1s"
        )

    def _pg_ctl_start(self, data, port, log):
        self.run(
            "pg_ctl", "-D", data, "-l", log, "-w", "-t", "30", "-o", self._options(port), "start"
        )

    # --- life cycle -------------------------------------------------------------------
    def start(self, template=None):
        """Start the primary: a new cluster, or a copy of ``template`` (the data folder of a
        stopped primary, e.g. one already migrated: migrating takes half a minute)."""
        if self.bin is None:
            raise RuntimeError("PostgreSQL server programs not found (apt-get install postgresql)")
        self.folder.mkdir(parents=True, exist_ok=True)
        self.socket_dir.mkdir(exist_ok=True)
        _let_postgres_in(self.folder)
        _let_postgres_in(self.socket_dir)
        if template:
            self.run("cp", "-a", template, self.primary_dir)
        else:
            self.run(
                "initdb", "-D", self.primary_dir, "-U", "postgres", "--auth=trust", "-E",
                "UTF8", "--locale=C.UTF-8", "--no-sync",
            )  # fmt: skip
            with (self.primary_dir / "pg_hba.conf").open("a") as hba:
                hba.write("host replication all 127.0.0.1/32 trust\n")
        self._pg_ctl_start(self.primary_dir, self.primary_port, self.folder / "primary.log")
        self.started.append(self.primary_dir)
        return self

    def create_database(self, name):
        self.run("createdb", "-h", "127.0.0.1", "-p", self.primary_port, "-U", "postgres", name)

    def migrate(self, name):
        """The portal's schema in database ``name`` of the primary (manage.py migrate)."""
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
            cwd=ROOT,
            env={**self.env(name), "DJANGO_SETTINGS_MODULE": "portal.settings.test"},
            check=True,
            timeout=300,
        )

    def start_standby(self):
        """pg_basebackup -R of the primary, started as a hot standby; returns once it streams."""
        self.run(
            "pg_basebackup", "-h", "127.0.0.1", "-p", self.primary_port, "-U", "postgres",
            "-D", self.standby_dir, "-R", "-X", "stream", "--no-sync", "--checkpoint=fast",
            timeout=120,
        )  # fmt: skip
        self._pg_ctl_start(self.standby_dir, self.standby_port, self.folder / "standby.log")
        self.started.append(self.standby_dir)
        self.wait_streaming()
        if self.synchronous:
            # From now on a commit waits for the standby: what was committed survives the
            # failover. (Not before: with no standby yet, every commit would wait for ever.)
            self.psql("alter system set synchronous_standby_names = '*'")
            self.psql("select pg_reload_conf()")
        return self

    def wait_streaming(self, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            state = self.psql("select state from pg_stat_replication")
            if state == "streaming":
                return
            time.sleep(0.1)
        raise AssertionError(f"the standby does not stream (pg_stat_replication: {state!r})")

    def stop_primary(self, mode="immediate"):
        self.run("pg_ctl", "-D", self.primary_dir, "-m", mode, "-w", "stop")
        self.started.remove(self.primary_dir)

    def stop_standby(self, mode="immediate"):
        self.run("pg_ctl", "-D", self.standby_dir, "-m", mode, "-w", "stop")
        self.started.remove(self.standby_dir)

    def promote(self):
        self.run("pg_ctl", "-D", self.standby_dir, "-w", "-t", "30", "promote")

    def stop(self, mode="immediate"):
        for data in reversed(self.started):
            self.run("pg_ctl", "-D", data, "-m", mode, "-w", "stop", check=False)
        self.started = []

    # --- addresses --------------------------------------------------------------------
    def url(self, name, *, standby=False):
        port = self.standby_port if standby else self.primary_port
        return f"postgresql://postgres@127.0.0.1:{port}/{name}"

    def failover_url(self, name):
        """Both servers, the one that takes writes first: libpq tries them in order."""
        return (
            f"postgresql://postgres@127.0.0.1:{self.primary_port},127.0.0.1:{self.standby_port}"
            f"/{name}?target_session_attrs=read-write&connect_timeout=2"
        )

    def env(self, name, url=None):
        """The environment of a portal process on this pair (DATABASE_URL wins over PG*)."""
        environment = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        return {**environment, "DATABASE_URL": url or self.url(name)}


def migrated_template(folder):
    """A stopped primary's data folder whose database ``portal`` holds the migrated schema."""
    pair = StreamingPair(folder).start()
    try:
        pair.create_database("portal")
        pair.migrate("portal")
    finally:
        pair.stop(mode="fast")
    return pair.primary_dir


@contextmanager
def use_databases(databases, routers=None):
    """This process's Django talks to ``databases`` (aliases -> settings) while inside, with
    ``routers`` as DATABASE_ROUTERS; the test database's connections come back afterwards."""
    from django.conf import settings
    from django.db import connections
    from django.test import override_settings

    for connection in connections.all(initialized_only=True):
        connection.close()
    saved = connections.settings
    base = saved["default"]
    configured = {}
    for alias, config in databases.items():
        configured[alias] = {**base, "TEST": {}, **config, "CONN_MAX_AGE": 0}
    connections.__dict__["settings"] = connections.configure_settings(configured)
    saved_local = connections._connections
    from asgiref.local import Local

    connections._connections = Local(connections.thread_critical)
    try:
        with override_settings(DATABASE_ROUTERS=routers or settings.DATABASE_ROUTERS):
            yield
    finally:
        for connection in connections.all(initialized_only=True):
            connection.close()
        connections._connections = saved_local
        connections.__dict__["settings"] = saved


def database_settings(url, **extra):
    from portal.settings.base import database_from_url

    return {**database_from_url(url), **extra}
