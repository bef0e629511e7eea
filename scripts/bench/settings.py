"""Production settings on loopback plus one bare view: the stack's ceiling in the same run."""

import os

os.environ.setdefault("SECRET_KEY", "benchmark-only-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ.setdefault("RATELIMIT_ENABLED", "false")

from portal.settings.prod import *  # noqa: E402, F403

ROOT_URLCONF = "scripts.bench.urls"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
