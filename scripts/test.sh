#!/usr/bin/env bash
# Sets everything up (without serving) and runs the whole test suite.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
say "checking for missing migrations"
python manage.py makemigrations --check --dry-run
say "lint"
ruff check .
say "running the tests"
exec python -m pytest "$@"
