#!/usr/bin/env bash
# Sets everything up, loads the demo data and serves the portal on http://127.0.0.1:8000
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
say "loading demo data"
python manage.py load_demo
say "serving on http://127.0.0.1:${PORT:-8000} (Ctrl+C to stop)"
exec gunicorn portal.wsgi --bind "127.0.0.1:${PORT:-8000}" --workers 2 --threads 4 --access-logfile -
