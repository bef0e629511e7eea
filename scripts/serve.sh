#!/usr/bin/env bash
# Sets everything up, loads the demo data and serves the portal on http://127.0.0.1:8000,
# with the background worker (mail, mailbox, reminders, escalation, alerts) beside gunicorn.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
say "loading demo data"
python manage.py load_demo
say "serving on http://127.0.0.1:${PORT:-8000} with the task worker (Ctrl+C stops both)"
exec python scripts/serving.py
