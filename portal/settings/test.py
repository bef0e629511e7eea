"""Test settings: fast password hashing, mail kept in memory."""

from .base import *  # noqa: F403
from .base import BASE_DIR, env, mailer

DEBUG = False
SECRET_KEY = "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# Tasks run at once in the test process (mail lands in locmem after commit); the tests of the
# queue itself start real workers with TASK_BACKEND=django_tasks_db.DatabaseBackend.
# A worker started by the tests of the Redis-backed queue keeps base.py's Redis TASKS.
if not env("TASK_REDIS_URL"):
    TASKS = {
        "default": {
            "BACKEND": env("TASK_BACKEND", "django.tasks.backends.immediate.ImmediateBackend")
        }
    }
if env("EMAIL_PORT"):  # a worker process started by the tests, sending to their SMTP server
    MAILERS = {"default": mailer("django.core.mail.backends.smtp.EmailBackend")}
ALLOWED_HOSTS = ["*"]
PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / "test-private"
STORAGES = {
    "default": {
        "BACKEND": "portal.files.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": "/unused-private/"},
    },
    # Tests render templates without running collectstatic first.
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
DATABASES = {**DATABASES}  # noqa: F405
DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASES["default"]["TEST"] = {"NAME": env("TEST_DATABASE_NAME", None)}
