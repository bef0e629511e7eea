#!/usr/bin/env bash
# Backs up the portal: the database (pg_dump, custom format) and the private files.
#   bash scripts/backup.sh [DEST_DIR]        -> DEST_DIR/<timestamp>/{db.dump,private.tar.gz,manifest.txt}
# Uses DATABASE_URL / PG* like the portal; with neither, the private cluster in var/pg.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [ -z "${DATABASE_URL:-}" ] && [ -z "${PGHOST:-}" ]; then
  export PGHOST="$ROOT/var/pg/run" PGUSER=postgres PGDATABASE="${PGDATABASE:-disnaker}"
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
PRIVATE="${PRIVATE_MEDIA_ROOT:-$ROOT/var/private}"
DEST="${1:-$ROOT/var/backups}/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$DEST"
"$PGBIN/pg_dump" ${DATABASE_URL:+"$DATABASE_URL"} --format=custom --no-owner --file "$DEST/db.dump"
mkdir -p "$PRIVATE"
tar -czf "$DEST/private.tar.gz" -C "$PRIVATE" .
{
  echo "created: $(date -u +%FT%TZ)"
  echo "database: ${DATABASE_URL:-${PGDATABASE:-}}" | sed -E 's#://[^@]*@#://***@#'
  echo "private files: $(find "$PRIVATE" -type f | wc -l)"
  sha256sum "$DEST/db.dump" "$DEST/private.tar.gz" | sed "s#$DEST/##"
} > "$DEST/manifest.txt"
chmod -R go-rwx "$DEST"
echo "$DEST"
