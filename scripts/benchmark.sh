#!/usr/bin/env bash
# Performance benchmark (docs/performance.md). Fills its own database, disnaker_bench (never the
# demo or the test one), then loads each kind of page with wrk against gunicorn with the
# production settings and prints requests/s, p50/p99 latency, errors and the ratio to a bare view.
#   bash scripts/benchmark.sh              # full volume; BENCH_SCALE=0.1 for a quick run
#   BENCH_DURATION=30 bash scripts/benchmark.sh
#   BENCH_OFFICES=2 bash scripts/benchmark.sh  # the same volume over 2 offices instead of 50
#   BENCH_DATABASE=mine_bench ...               # another database name (a shared cluster)
#   BENCH_REPLICA=1 ...   # the public read-only pages read from a streaming standby of the cluster
#                         # (scripts/bench/replica.py; BENCH_KEEP_REPLICA=1 keeps its data folder)
set -euo pipefail
export PGDATABASE="${BENCH_DATABASE:-disnaker_bench}"
case "${DATABASE_URL:-}" in ?*) echo "unset DATABASE_URL: the benchmark uses its own database via PG* variables" >&2; exit 1;; esac
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command -v wrk >/dev/null || { SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo; $SUDO apt-get install -y -qq wrk >/dev/null; }
if [ "${BENCH_REFILL:-1}" = 1 ] && [ -f "$ROOT/var/pg/data/PG_VERSION" ] && [ -z "${PGHOST:-}" ]; then
  # A fresh database each run: same volume, same plans.
  PGHOST="$ROOT/var/pg/run" PGUSER=postgres dropdb --if-exists "$PGDATABASE" 2>/dev/null || true
fi
if [ -n "${PGHOST:-}" ] && ! psql -qAtc "select 1 from pg_database where datname='$PGDATABASE'" postgres | grep -q 1; then
  createdb "$PGDATABASE"  # on a cluster named by PGHOST, setup.sh creates no database
fi
source "$ROOT/scripts/setup.sh"
if [ "${BENCH_REFILL:-1}" = 1 ]; then
  say "filling $PGDATABASE"
  python scripts/bench/fill.py
fi
say "measuring"
if [ "${BENCH_REPLICA:-0}" = 1 ]; then
  # run.py stops its standby itself; this is for a run.py that was killed
  trap 'python scripts/bench/replica.py --stop' EXIT
fi
python scripts/bench/run.py
