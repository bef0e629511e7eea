#!/usr/bin/env bash
# Stops the private PostgreSQL cluster in var/pg (started by setup.sh). The data stays.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -f var/pg/data/PG_VERSION ] || { echo "no private cluster in var/pg"; exit 0; }
if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PWD/var/pg/data" -m fast -w stop; else "$PGBIN/pg_ctl" -D var/pg/data -m fast -w stop; fi
