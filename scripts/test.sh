#!/usr/bin/env bash
# Sets everything up (without serving) and runs the whole test suite. On a fresh machine it
# first installs the system packages the tests need (scripts/system-packages.sh).
source "$(dirname "${BASH_SOURCE[0]}")/system-packages.sh"
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
say "checking for missing migrations"
python manage.py makemigrations --check --dry-run
say "lint"
ruff check .
say "running the tests"
# setup.sh exported the dev settings for manage.py; the tests use their own (fast hasher, locmem mail).
export DJANGO_SETTINGS_MODULE=portal.settings.test
exec python -m pytest "$@"
