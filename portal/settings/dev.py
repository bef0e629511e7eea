"""Local development and the README's demo: mail goes to the console."""

from .base import *  # noqa: F403
from .base import env, env_bool, mailer

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
MAILERS = {
    "default": mailer(env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"))
}
