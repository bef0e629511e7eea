"""A streaming standby of the benchmark's own cluster, for ``BENCH_REPLICA=1`` (run.py).

    with standby_if_asked(OUT / "replica", "disnaker_bench") as standby:
        standby.url                      # DATABASE_REPLICA_URL for gunicorn
        before = standby.snapshot()      # both servers' read counters for the bench database
        ...
        standby.since(before)            # {"replica": {...}, "primary": {...}}

    python scripts/bench/replica.py --stop    # a standby a killed run left behind

The primary is the running cluster named by PGHOST/PGPORT/PGUSER (normally scripts/setup.sh's
var/pg, superuser postgres over its Unix socket). The standby is ``pg_basebackup -R -X stream``
of it: the whole cluster, every database in it, started with its own socket folder and port,
read-only, and kept up to date by streaming replication. It is stopped when the block ends (also
on an error or SIGTERM) and its data folder removed, unless BENCH_KEEP_REPLICA=1.

The server programs and running them as the postgres user under root are tests/replication.py's.
"""

import contextlib
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.serving import free_port  # noqa: E402
from tests.replication import _as_postgres, _let_postgres_in, pg_bin  # noqa: E402

FOLDER = ROOT / "var" / "bench" / "replica"
NAME = "bench_replica"  # its cluster_name: the application_name it streams under
# What a hot standby must have at least as much of as its primary (or it refuses to start).
AT_LEAST_PRIMARY = (
    "max_connections",
    "max_worker_processes",
    "max_wal_senders",
    "max_prepared_transactions",
    "max_locks_per_transaction",
)
# The primary's own address and folders, not the standby's.
NOT_COPIED = {"port", "listen_addresses", "unix_socket_directories", "cluster_name"}
READS = """
select d.xact_commit + d.xact_rollback, d.tup_returned, d.tup_fetched, d.blks_hit + d.blks_read,
       coalesce(t.idx_scan, 0), coalesce(t.seq_scan, 0)
from pg_stat_database d left join pg_stat_user_tables t on t.relname = 'jobboard_vacancy'
where d.datname = current_database()
"""
# Seconds within which an idle backend has reported its counts (PGSTAT_IDLE_INTERVAL, 10 s)
REPORTED_WITHIN = 11
FIELDS = (
    "transactions",
    "tup_returned",
    "tup_fetched",
    "blocks",
    "vacancy_idx_scan",
    "vacancy_seq_scan",
)


def say(message):
    print(f"  replica: {message}", flush=True)


def primary(dbname="postgres", **params):
    """A connection to the primary: libpq's PG* variables, as the benchmark's settings."""
    return psycopg.connect(dbname=dbname, autocommit=True, **params)


def one(conn, sql, *args):
    return conn.execute(sql, args or None).fetchone()[0]


class Standby:
    def __init__(self, folder, dbname):
        self.folder = Path(folder)
        self.data = self.folder / "data"
        self.socket_dir = self.folder / "run"
        self.log = self.folder / "standby.log"
        self.dbname = dbname
        self.port = free_port()
        self.user = os.environ.get("PGUSER", "postgres")
        self.bin = pg_bin()
        self.running = False
        self.basebackup_seconds = None
        self.size = None

    def pg(self, program, *args, check=True, timeout=60):
        done = subprocess.run(
            _as_postgres([self.bin / program, *args]),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if check and done.returncode:
            raise RuntimeError(f"{program} failed: {done.stderr.strip() or done.stdout.strip()}")
        return done

    @property
    def url(self):
        host = str(self.socket_dir).replace("/", "%2F")
        return f"postgresql://{self.user}@{host}:{self.port}/{self.dbname}"

    def connect(self, dbname=None):
        return psycopg.connect(
            host=str(self.socket_dir),
            port=self.port,
            user=self.user,
            dbname=dbname or self.dbname,
            autocommit=True,
        )

    # --- the primary ------------------------------------------------------------------
    def check_primary(self):
        """The primary must write enough WAL for a standby and take replication connections
        over the same socket the benchmark uses. A missing pg_hba.conf line is added; a
        wal_level or max_wal_senders that needs a restart is only reported (the cluster is
        shared: the benchmark does not restart it)."""
        with primary() as conn:
            if (
                one(conn, "show wal_level") == "minimal"
                or int(one(conn, "show max_wal_senders")) < 1
            ):
                raise SystemExit(
                    "BENCH_REPLICA=1: the primary has wal_level=minimal or max_wal_senders=0; "
                    "set wal_level=replica and max_wal_senders>=2 and restart it"
                )
            hba_file = one(conn, "show hba_file")
            try:
                primary(replication="true").close()
                return
            except psycopg.OperationalError as refused:
                # a line for the Unix socket, in the primary's own file: only when both are here
                over_socket = os.environ.get("PGHOST", "/").startswith("/")
                if (
                    "pg_hba.conf" not in str(refused)
                    or not over_socket
                    or not Path(hba_file).is_file()
                ):
                    raise
            with open(hba_file, "a") as hba:
                hba.write("# added by scripts/bench/replica.py (BENCH_REPLICA=1)\n")
                hba.write("local replication all trust\n")
            one(conn, "select pg_reload_conf()")
            say(f"added 'local replication all trust' to {hba_file} and reloaded the primary")
        primary(replication="true").close()

    def options(self):
        """The standby's server options: its own socket and port, the primary's command-line
        settings (the data folder's configuration files come with the base backup), and what a
        hot standby needs at least as much of as its primary."""
        with primary() as conn:
            rows = conn.execute(
                "select name, setting from pg_settings"
                " where source = 'command line' or name = any(%s)",
                [list(AT_LEAST_PRIMARY)],
            ).fetchall()
        settings = {name: value for name, value in rows if name not in NOT_COPIED}
        settings |= {
            "listen_addresses": "",
            "cluster_name": NAME,
            "hot_standby": "on",
            # the primary's vacuum waits for the standby's queries instead of cancelling them
            "hot_standby_feedback": "on",
        }
        return " ".join(
            [f"-k {shlex.quote(str(self.socket_dir))} -p {self.port}"]
            + [f"-c {name}={shlex.quote(value)}" for name, value in sorted(settings.items())]
        )

    # --- life cycle -------------------------------------------------------------------
    def start(self):
        if self.bin is None:
            raise SystemExit("BENCH_REPLICA=1: PostgreSQL server programs not found")
        self.check_primary()
        self.remove()  # what a killed run left
        self.folder.mkdir(parents=True, exist_ok=True)
        self.socket_dir.mkdir(exist_ok=True)
        _let_postgres_in(self.folder)
        _let_postgres_in(self.socket_dir)
        with primary() as conn:
            self.size = one(conn, "select sum(pg_database_size(oid)) from pg_database")
        say(f"pg_basebackup of the primary ({self.size / 2**20:,.0f} MB, every database)")
        started = time.monotonic()
        host = ["-h", os.environ["PGHOST"]] if os.environ.get("PGHOST") else []
        port = ["-p", os.environ["PGPORT"]] if os.environ.get("PGPORT") else []
        self.pg(
            "pg_basebackup", *host, *port, "-U", self.user, "-D", self.data,
            "-R", "-X", "stream", "--checkpoint=fast", "--no-sync",
            timeout=3600,
        )  # fmt: skip
        self.basebackup_seconds = time.monotonic() - started
        self.pg(
            "pg_ctl", "-D", self.data, "-l", self.log, "-w", "-t", "120",
            "-o", self.options(), "start",
        )  # fmt: skip
        self.running = True
        self.wait_streaming()
        return self

    def wait_streaming(self, timeout=120):
        """Until the standby streams (pg_stat_wal_receiver here, pg_stat_replication on the
        primary) and has replayed what the primary had written when it started."""
        deadline = time.monotonic() + timeout
        with primary() as upstream:
            target = one(upstream, "select pg_current_wal_lsn()::text")
            while True:
                with (
                    contextlib.suppress(psycopg.OperationalError),
                    self.connect("postgres") as conn,
                ):
                    row = conn.execute(
                        "select (select status from pg_stat_wal_receiver),"
                        " pg_is_in_recovery(), pg_last_wal_replay_lsn() >= %s::pg_lsn",
                        [target],
                    ).fetchone()
                    sender = upstream.execute(
                        "select state, pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)"
                        " from pg_stat_replication where application_name = %s",
                        [NAME],
                    ).fetchone()
                    if row == ("streaming", True, True) and sender and sender[0] == "streaming":
                        say(
                            f"streaming on {self.socket_dir} port {self.port} "
                            f"(primary's pg_stat_replication: {NAME} {sender[0]}, replayed to "
                            f"{sender[1] or 0:.0f} bytes behind the primary's current WAL)"
                        )
                        return
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the standby does not stream; see {self.log}")
                time.sleep(0.2)

    def stop(self):
        if self.running or (self.data / "postmaster.pid").exists():
            self.pg("pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop", check=False)
        self.running = False
        if os.environ.get("BENCH_KEEP_REPLICA") == "1":
            say(f"stopped; its data kept in {self.data} (BENCH_KEEP_REPLICA=1)")
        else:
            self.remove()
            say(f"stopped and {self.data} removed")

    def remove(self):
        if (self.data / "postmaster.pid").exists():
            self.pg("pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(self.data, ignore_errors=True)
        shutil.rmtree(self.socket_dir, ignore_errors=True)

    # --- what it served -------------------------------------------------------------
    def snapshot(self):
        """Each server's counters for the bench database: transactions, tuples, blocks and
        scans of jobboard_vacancy. A standby keeps statistics of the reads it serves itself."""
        counters = {}
        for server, connect in (
            ("replica", self.connect),
            ("primary", lambda: primary(self.dbname)),
        ):
            with connect() as conn:
                counters[server] = dict(zip(FIELDS, conn.execute(READS).fetchone(), strict=True))
        return counters

    def since(self, before):
        """What each server did since ``before``. A backend reports its counts when idle, but
        at most once a second, and one that reported less than a second ago waits for
        PostgreSQL's PGSTAT_IDLE_INTERVAL (10 s): call this REPORTED_WITHIN seconds after the
        load has stopped. Each snapshot adds its own connection's transaction (about 1)."""
        after = self.snapshot()
        return {
            server: {field: after[server][field] - before[server][field] for field in FIELDS}
            for server in after
        }


@contextlib.contextmanager
def standby_if_asked(folder, dbname):
    """A streaming standby while inside with BENCH_REPLICA=1, else None."""
    if os.environ.get("BENCH_REPLICA") != "1":
        yield None
        return
    standby = Standby(folder, dbname)
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    try:
        yield standby.start()
    finally:
        standby.stop()
        signal.signal(signal.SIGTERM, previous)


def environment(standby):
    """The variables that make a portal process read its public pages from ``standby``."""
    return {"DATABASE_REPLICA_URL": standby.url} if standby else {}


if __name__ == "__main__":
    if sys.argv[1:] != ["--stop"]:
        sys.exit("usage: python scripts/bench/replica.py --stop")
    if (FOLDER / "data" / "postmaster.pid").exists():
        Standby(FOLDER, None).stop()
