#!/usr/bin/env bash
# Shared set-up for scripts/serve.sh and scripts/test.sh. Sourced, not run.
# Finds Python 3.12+, builds .venv, starts a private PostgreSQL in var/pg when the
# environment names no database, then migrates, compiles translations and collects static files.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

find_python() {
  local c v
  for c in "${PYTHON:-}" python3.13 python3.12 python3.14 \
           "$(pyenv prefix 3.13 2>/dev/null)/bin/python3.13" "$(pyenv prefix 3.12 2>/dev/null)/bin/python3.12" \
           "$HOME"/.pyenv/versions/3.1[2-9]*/bin/python3 /root/.pyenv/versions/3.1[2-9]*/bin/python3 python3; do
    [ -n "$c" ] || continue
    v=$("$c" -c 'import sys; print(int(sys.version_info >= (3, 12)))' 2>/dev/null) || continue
    [ "$v" = 1 ] && { command -v "$c" || echo "$c"; return 0; }
  done
  return 1
}

# --- Python environment -------------------------------------------------------
if [ ! -x .venv/bin/python ]; then
  PY=$(find_python) || { echo "Python 3.12 or newer is needed: install one (e.g. pyenv install 3.13) or set PYTHON=/path/to/python3.12" >&2; exit 1; }
  say "creating .venv with $PY"
  "$PY" -m venv .venv
fi
# dev: the test tools; redis-queue: the Redis-backed task queue, which the tests run too
EXTRAS="dev,redis-queue"
STAMP=.venv/.installed-$( (cat pyproject.toml; echo "$EXTRAS") | sha1sum | cut -c1-12)
if [ ! -f "$STAMP" ]; then
  say "installing dependencies (log: var/pip.log)"
  mkdir -p var
  .venv/bin/python -m pip install --quiet --upgrade pip >/dev/null 2>&1 || true
  .venv/bin/python -m pip install -e ".[$EXTRAS]" >var/pip.log 2>&1 || { tail -30 var/pip.log >&2; exit 1; }
  rm -f .venv/.installed-*; touch "$STAMP"
fi
export PATH="$ROOT/.venv/bin:$PATH"

# --- PostgreSQL -----------------------------------------------------------------
# An explicit DATABASE_URL or PGHOST wins; otherwise a private cluster in var/pg,
# listening only on a Unix socket inside the checkout (no port to collide with).
if [ -z "${DATABASE_URL:-}" ] && [ -z "${PGHOST:-}" ]; then
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$PGBIN" ] || { echo "PostgreSQL server programs not found: apt-get install postgresql, or set DATABASE_URL" >&2; exit 1; }
  PGDIR="$ROOT/var/pg"
  as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  mkdir -p "$PGDIR/run"
  [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$PGDIR"
  if [ ! -f "$PGDIR/data/PG_VERSION" ]; then
    say "creating a private PostgreSQL cluster in var/pg"
    as_pg "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PGDIR/initdb.log"
  fi
  if ! as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" status >/dev/null 2>&1; then
    rm -f "$PGDIR/run/.s.PGSQL.5432" "$PGDIR/run/.s.PGSQL.5432.lock"
    as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w \
      -o "-k $PGDIR/run -c listen_addresses='' -c max_connections=200" start >/dev/null
  fi
  export PGHOST="$PGDIR/run" PGUSER=postgres
  export PGDATABASE="${PGDATABASE:-disnaker}"
  "$PGBIN/psql" -qAtc "select 1 from pg_database where datname='$PGDATABASE'" postgres | grep -q 1 \
    || "$PGBIN/createdb" "$PGDATABASE"
fi

# --- Django ---------------------------------------------------------------------
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-portal.settings.dev}"
say "migrating the database"
python manage.py migrate --noinput -v 0
python manage.py createcachetable
say "compiling translations"
python manage.py compilemessages --ignore=.venv --ignore=var -v 0
say "collecting static files"
python manage.py collectstatic --noinput -v 0
