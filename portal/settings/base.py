"""Settings shared by every environment. Everything that differs comes from the environment."""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = env("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "portal",
    "jobboard",
    "akad_permits",
    "complaints",
    "quality",
    "background",
    "django_tasks_db",
    "portal.admin_site.PortalAdminConfig",  # django.contrib.admin with the workbench site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",  # robots.txt points search engines to /sitemap.xml
    "django.contrib.postgres",  # full-text search (SearchVector, GIN indexes) in jobboard
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "axes",
    # officers' second factor: TOTP from an authenticator app, recovery codes (portal.second_factor)
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.middleware.MalformedRequestMiddleware",
    "portal.middleware.HeadAsGetMiddleware",  # HEAD answered wherever GET is
    # request.office, and an office's own URL configuration on its prefixed pages: before
    # anything that resolves or reverses an address (CommonMiddleware's APPEND_SLASH)
    "portal.offices.OfficeMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # public read-only pages read the streaming replica, when one is configured (portal.db_router)
    "portal.db_router.ReplicaMiddleware",
    "portal.middleware.IndonesianFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # private pages are never stored by a browser or proxy (after auth: it asks who is in)
    "portal.middleware.PrivatePagesMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "portal.middleware.SlidingSessionMiddleware",
    # an officer's log-in goes nowhere before its second step (portal.second_factor)
    "portal.second_factor.SecondFactorMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.office",
                "portal.context_processors.menu",
            ],
        },
    },
]

# --- Database ----------------------------------------------------------------------------
# DATABASE_URL wins; otherwise libpq's own PG* variables (PGHOST, PGPORT, PGUSER, PGPASSWORD,
# PGDATABASE), which is how scripts/setup.sh points Django at the private cluster in var/pg.


def database_from_url(url):
    """Django's settings for one database URL. A libpq host list is accepted as well,
    ``postgresql://portal@db1:5432,db2:5432/disnaker?target_session_attrs=read-write``, so
    that a process finds the primary by itself after a failover (libpq tries the hosts in
    order and keeps the first that takes writes)."""
    scheme, _, rest = url.partition("://")
    netloc, slash, tail = rest.partition("/")
    userinfo, at, hosts = netloc.rpartition("@")
    if "," not in hosts:
        return dj_database_url.parse(url)
    pairs = [host.rsplit(":", 1) if ":" in host else (host, "") for host in hosts.split(",")]
    config = dj_database_url.parse(f"{scheme}://{userinfo}{at}{pairs[0][0]}{slash}{tail}")
    config["HOST"] = ",".join(host for host, _port in pairs)
    config["PORT"] = ",".join(port or "5432" for _host, port in pairs)
    return config


if env("DATABASE_URL"):
    DATABASES = {"default": database_from_url(env("DATABASE_URL"))}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": env("PGDATABASE", "disnaker"),
            "USER": env("PGUSER", "postgres"),
            "PASSWORD": env("PGPASSWORD", ""),
            # Without PGHOST: the private cluster of scripts/setup.sh when it exists, so that a
            # plain `manage.py` in the checkout reaches the same database as the scripts.
            "HOST": env(
                "PGHOST",
                str(PRIVATE_PG)
                if (PRIVATE_PG := BASE_DIR / "var/pg/run").is_dir()
                else "127.0.0.1",
            ),
            "PORT": env("PGPORT", ""),
        }
    }
# A streaming replica for the public read-only pages (portal/db_router.py): the vacancy search
# and detail, the service standards, permit verification and the satisfaction index read there;
# everything that writes, every logged-in page and a visitor's reads right after a write of his
# own go to the primary.
if env("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = {
        **database_from_url(env("DATABASE_REPLICA_URL")),
        # a test run with a replica configured reads its test database through "default"
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["portal.db_router.ReplicaRouter"]
# Seconds a visitor's reads stay on the primary after his own write (longer than the lag).
REPLICA_PIN_SECONDS = int(env("REPLICA_PIN_SECONDS", "10"))
for _alias in DATABASES:
    DATABASES[_alias]["CONN_MAX_AGE"] = int(env("CONN_MAX_AGE", "60"))
    DATABASES[_alias]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "portal.User"
AUTHENTICATION_BACKENDS = [
    # These two first: they refuse a locked-out address or account before any password is
    # checked (portal.backends).
    "portal.backends.AddressLockoutBackend",
    "axes.backends.AxesStandaloneBackend",
    "portal.backends.EmailOrUsernameBackend",
    # An officer's permissions come from roles in offices; last, as it logs nobody in.
    "portal.backends.OfficeRoleBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "portal:dashboard"
# Password-reset links by e-mail work once and expire after this long (Django's own token).
PASSWORD_RESET_TIMEOUT = int(env("PASSWORD_RESET_TIMEOUT_HOURS", "2")) * 3600
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", "Portal Disnaker")
# One-time codes printed at the counter for people without e-mail (portal.accounts).
COUNTER_CODE_HOURS = int(env("COUNTER_CODE_HOURS", "24"))
LOGOUT_REDIRECT_URL = "portal:home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Language and time -------------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

# --- Static and private files ----------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = Path(env("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploads (KTP, AK/I, company letters) are personal data: they live outside every served
# folder and leave only through portal.views.download, which checks who asks.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", BASE_DIR / "var" / "private"))
STORAGES = {
    # Several application hosts share the private files either through a shared folder
    # (PRIVATE_MEDIA_ROOT on NFS or similar) or an S3-compatible bucket (django-storages,
    # `pip install -e '.[s3]'`), chosen by PRIVATE_STORAGE_BUCKET.
    "default": (
        {
            "BACKEND": "portal.storage_s3.PrivateS3Storage",
            "OPTIONS": {
                "bucket_name": env("PRIVATE_STORAGE_BUCKET"),
                "endpoint_url": env("PRIVATE_STORAGE_ENDPOINT"),
                "access_key": env("PRIVATE_STORAGE_ACCESS_KEY"),
                "secret_key": env("PRIVATE_STORAGE_SECRET_KEY"),
                "default_acl": "private",
                "querystring_auth": True,
                "file_overwrite": False,
            },
        }
        if env("PRIVATE_STORAGE_BUCKET")
        else {
            "BACKEND": "portal.files.PrivateFileSystemStorage",
            "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": "/unused-private/"},
        }
    ),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MAX_UPLOAD_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640


# --- Mail --------------------------------------------------------------------------------
def mailer(backend):
    """A MAILERS entry (Django 6.1); SMTP options from the environment only where they apply."""
    if backend.endswith("smtp.EmailBackend"):
        return {
            "BACKEND": backend,
            "OPTIONS": {
                "host": env("EMAIL_HOST", "localhost"),
                "port": int(env("EMAIL_PORT", "25")),
                "username": env("EMAIL_HOST_USER", ""),
                "password": env("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", False),
                "use_ssl": env_bool("EMAIL_USE_SSL", False),
                "timeout": 20,
            },
        }
    return {"BACKEND": backend}


MAILERS = {"default": mailer(env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"))}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Disnaker <noreply@disnaker.example.go.id>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Host names that show one office's pages, beside each office's own list (Office.hostnames):
# OFFICE_HOSTS="disnaker.lumajangkab.go.id=kab-lumajang,naker.probolinggokota.go.id=kota-probolinggo"
OFFICE_HOSTS = dict(
    item.strip().lower().split("=", 1) for item in env_list("OFFICE_HOSTS", "") if "=" in item
)

# --- Sessions and cache (shareable between application hosts) -------------------------
# With Redis as the shared cache, a session is read from it (and written through to the
# database, which keeps it across a cache restart): one query less on every logged-in page.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if env("REDIS_URL")
    else "django.contrib.sessions.backends.db"
)
# Idle sessions end after 30 minutes; portal.middleware.SlidingSessionMiddleware extends an
# active one (writing the session at most every few minutes, not on every request).
SESSION_COOKIE_AGE = int(env("SESSION_IDLE_SECONDS", "1800"))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CACHES = {
    "default": (
        {"BACKEND": "portal.cache.RedisCache", "LOCATION": env("REDIS_URL")}
        if env("REDIS_URL")
        else {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "portal_cache",
            # room for the public pages (portal.pagecache) beside the small shared values
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    )
}
# Public pages as anonymous visitors see them are kept this long at most (portal.pagecache;
# a change to what they show retires them at once). 0 turns the page cache off.
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "600"))

# --- Login throttling (django-axes) and form rate limits ----------------------------------

AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(env("AXES_COOLOFF_MINUTES", "15")))
# Per account, whatever spelling of its e-mail or user name and whatever address the failures
# come from (portal.backends.lockout_username); per address, portal.backends.AddressLockoutBackend.
# (A callable, as axes' check W006 reads a list as "no address counted" and warns of a bypass
# by rotating user agents, which counting per account, whatever the client, does not allow.)
AXES_LOCKOUT_PARAMETERS = "portal.backends.lockout_parameters"
AXES_USERNAME_CALLABLE = "portal.backends.lockout_username"
AXES_CLIENT_STR_CALLABLE = "portal.backends.log_label"
# Failed logins from one address, whatever the accounts, before that address is locked too:
# larger than the per-account limit, as a café or a mobile operator's NAT shares one address.
LOGIN_FAILURES_PER_ADDRESS = int(env("LOGIN_FAILURES_PER_ADDRESS", "30"))
LOGIN_FAILURE_WINDOW = int(AXES_COOLOFF_TIME.total_seconds())
AXES_LOCKOUT_CALLABLE = "portal.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "portal.net.client_ip"
AXES_USERNAME_FORM_FIELD = "username"
# Number of reverse proxies in front of the portal that append to X-Forwarded-For.
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))
RATELIMIT_ENABLED = env_bool("RATELIMIT_ENABLED", True)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Security headers (tightened further in prod.py) -----------------------------------
from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# History is for reading (portal.admin_base.HistoryAdmin refuses the revert POST as well).
SIMPLE_HISTORY_REVERT_DISABLED = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # no NIK, phone or e-mail in any line, whoever logs it (portal.logs)
    "formatters": {"redacted": {"()": "portal.logs.RedactingFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "redacted"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# --- Background tasks (django.tasks; background/) -----------------------------------------
# The queue lives in the portal's PostgreSQL (django-tasks-db); `manage.py run_worker` runs it
# and schedules the periodic work (background/schedule.py). docs/deployment.md shows the
# systemd units and the Redis-backed alternative.
TASKS = {"default": {"BACKEND": env("TASK_BACKEND", "django_tasks_db.DatabaseBackend")}}


def redis_tasks(url, prefix="disnaker_tasks"):
    """TASKS on the Redis-backed queue (django-tasks-redis) at ``url``, under keys ``prefix*``."""
    return {
        "default": {
            "BACKEND": "django_tasks_redis.RedisTaskBackend",
            "QUEUES": [],  # every queue name
            "OPTIONS": {
                "REDIS_URL": url,
                # several portals (or test runs) may share one Redis: each its own keys
                "REDIS_KEY_PREFIX": prefix,
                # a task whose worker died unacknowledged is claimed again after this long
                "REDIS_CLAIM_TIMEOUT": int(env("TASK_REDIS_CLAIM_SECONDS", "300")),
                # how long an idle worker waits on the stream: the pick-up time (ms)
                "REDIS_BLOCK_TIMEOUT": int(env("TASK_REDIS_BLOCK_MS", "500")),
            },
        }
    }


if env("TASK_REDIS_URL"):  # the Redis-backed queue instead (`pip install -e '.[redis-queue]'`)
    INSTALLED_APPS.append("django_tasks_redis")
    TASKS = redis_tasks(env("TASK_REDIS_URL"), env("TASK_REDIS_PREFIX", "disnaker_tasks"))
WORKER_BEAT_SECONDS = float(env("WORKER_BEAT_SECONDS", "5"))
# A task claimed by a worker silent for this long is given back to the queue (it runs again).
WORKER_DEAD_AFTER_SECONDS = float(env("WORKER_DEAD_AFTER_SECONDS", "60"))
# Outgoing mail: retried after 1, 2, 4 ... minutes (at most an hour apart) for two days.
OUTBOX_RETRY_BASE_SECONDS = float(env("OUTBOX_RETRY_BASE_SECONDS", "60"))
OUTBOX_RETRY_MAX_SECONDS = float(env("OUTBOX_RETRY_MAX_SECONDS", "3600"))
OUTBOX_GIVE_UP_SECONDS = float(env("OUTBOX_GIVE_UP_SECONDS", str(2 * 24 * 3600)))
OUTBOX_SWEEP_GRACE_SECONDS = float(env("OUTBOX_SWEEP_GRACE_SECONDS", "60"))
# An attempt holds its mail this long (no other worker sends it meanwhile); a worker that lost
# the database after the mail server answered keeps trying to record the answer this long.
OUTBOX_SEND_LEASE_SECONDS = float(env("OUTBOX_SEND_LEASE_SECONDS", "600"))
OUTBOX_RECORD_RETRY_SECONDS = float(env("OUTBOX_RECORD_RETRY_SECONDS", "300"))

# --- Complaint mailbox (read every minute by complaints.tasks.read_mailbox) --------------
COMPLAINT_IMAP = {
    "HOST": env("COMPLAINT_IMAP_HOST", ""),
    "PORT": int(env("COMPLAINT_IMAP_PORT", "993")),
    "USER": env("COMPLAINT_IMAP_USER", ""),
    "PASSWORD": env("COMPLAINT_IMAP_PASSWORD", ""),
    "SSL": env_bool("COMPLAINT_IMAP_SSL", True),
    "MAILBOX": env("COMPLAINT_IMAP_MAILBOX", "INBOX"),
    # the address name (slug) of the office whose mailbox this is; empty: the first office
    "OFFICE": env("COMPLAINT_IMAP_OFFICE", ""),
}
