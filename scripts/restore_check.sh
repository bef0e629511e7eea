#!/usr/bin/env bash
# Backup -> restore into a fresh database -> the portal serves the restored data (see restore_check.py).
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
python manage.py load_demo >/dev/null
python scripts/restore_check.py
