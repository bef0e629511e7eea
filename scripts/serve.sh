#!/usr/bin/env bash
# Sets everything up, loads the demo data and serves the portal on http://127.0.0.1:8000
# (PORT=8101 for another port; e-mails, QR codes and link previews then point to that port,
# unless SITE_URL names the portal's address).
PORT="${PORT:-8000}"
export SITE_URL="${SITE_URL:-http://127.0.0.1:$PORT}"
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
say "loading demo data"
python manage.py load_demo
say "serving on http://127.0.0.1:$PORT (Ctrl+C to stop; links in e-mails point to $SITE_URL)"
exec gunicorn portal.wsgi --bind "127.0.0.1:$PORT" --workers 2 --threads 4 --access-logfile -
