"""Production settings on loopback plus one bare view: the stack's ceiling in the same run."""

import os
import socket

os.environ.setdefault("SECRET_KEY", "benchmark-only-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ.setdefault("RATELIMIT_ENABLED", "false")


def _redis_answers(port=6379):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
        return True
    except OSError:
        return False


# The shared cache of a production deployment (docs/deployment.md) is Redis: use one when it
# answers on loopback (database 15, emptied by run.py), else the database cache table.
if "REDIS_URL" not in os.environ and _redis_answers():
    os.environ["REDIS_URL"] = "redis://127.0.0.1:6379/15"

from portal.settings.prod import *  # noqa: E402, F403

ROOT_URLCONF = "scripts.bench.urls"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
