#!/usr/bin/env bash
# Worker kills during a stream of registrations and complaints (see fault_check.py), on its
# own fresh database, disnaker_fault.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PGDATABASE=disnaker_fault PRIVATE_MEDIA_ROOT="$ROOT/var/fault-private"
if [ -f "$ROOT/var/pg/data/PG_VERSION" ] && [ -z "${PGHOST:-}" ] && [ -z "${DATABASE_URL:-}" ]; then
  PGHOST="$ROOT/var/pg/run" PGUSER=postgres dropdb --if-exists disnaker_fault 2>/dev/null || true
fi
rm -rf "$PRIVATE_MEDIA_ROOT"
source "$ROOT/scripts/setup.sh"
python manage.py load_demo >/dev/null
python scripts/fault_check.py
