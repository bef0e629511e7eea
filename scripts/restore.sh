#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into a NEW database and a private-files folder.
#   bash scripts/restore.sh BACKUP_DIR NEW_DB_NAME PRIVATE_DIR
# Refuses to overwrite an existing database or a non-empty folder: a restore never destroys data.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BACKUP="${1:?backup folder}"; DB="${2:?new database name}"; PRIVATE="${3:?private files folder}"
if [ -z "${DATABASE_URL:-}" ] && [ -z "${PGHOST:-}" ]; then
  export PGHOST="$ROOT/var/pg/run" PGUSER=postgres
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
(cd "$BACKUP" && sha256sum --quiet -c <(grep -E '^[0-9a-f]{64} ' manifest.txt))
if "$PGBIN/psql" -qAtc "select 1 from pg_database where datname='$DB'" postgres | grep -q 1; then
  echo "database $DB exists already: choose a new name" >&2; exit 1
fi
if [ -d "$PRIVATE" ] && [ -n "$(ls -A "$PRIVATE")" ]; then
  echo "$PRIVATE is not empty: choose a new folder" >&2; exit 1
fi
"$PGBIN/createdb" "$DB"
"$PGBIN/pg_restore" --no-owner --exit-on-error --dbname "$DB" "$BACKUP/db.dump"
mkdir -p "$PRIVATE"
tar -xzf "$BACKUP/private.tar.gz" -C "$PRIVATE"
echo "restored into database $DB and $PRIVATE"
