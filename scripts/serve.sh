#!/usr/bin/env bash
# Sets everything up, loads the demo data and serves the portal on http://127.0.0.1:8000,
# with the background worker (mail, mailbox, reminders, escalation, alerts) beside gunicorn
# (PORT=8101 for another port; e-mails, QR codes and link previews then point to that port,
# unless SITE_URL names the portal's address).
PORT="${PORT:-8000}"
export PORT SITE_URL="${SITE_URL:-http://127.0.0.1:$PORT}"
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
say "loading demo data"
python manage.py load_demo
say "serving on http://127.0.0.1:$PORT with the task worker (Ctrl+C stops both; links in e-mails point to $SITE_URL)"
exec python scripts/serving.py
