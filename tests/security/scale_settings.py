"""The benchmark's production settings for the scale-out test's gunicorn hosts.

Static files are served from the source folders' names (no collectstatic manifest needed in a
test run); everything else is production as in scripts/bench/settings.py.
"""

from scripts.bench.settings import *  # noqa: F403
from scripts.bench.settings import STORAGES

ROOT_URLCONF = "portal.urls"
# The hosts share the test database's cache table, not the benchmark's Redis database.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "portal_cache",
    }
}
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
