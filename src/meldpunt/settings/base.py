"""Settings shared by every environment. Values that differ per deployment come from MELDPUNT_ variables."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from meldpunt.settings.env import env_bool, env_int, env_list, env_str

SRC_DIR = Path(__file__).resolve().parents[2]
BASE_DIR = SRC_DIR.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))
DATA_DIR = BASE_DIR / "data"

# Development defaults; production.py refuses to start with any of them.
INSECURE_SECRET_KEY = "insecure-dev-secret-key-do-not-use-in-production"
INSECURE_ENCRYPTION_KEYS = "dev1:ZGV2LWtleS1ub3QtZm9yLXByb2R1Y3Rpb24tMzJieXQ="

SECRET_KEY = env_str("SECRET_KEY", INSECURE_SECRET_KEY)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Demo data (demo staff with a known password and TOTP secret) may only exist where this is on.
DEMO_DATA = env_bool("DEMO_DATA", False)

# "<key id>:<base64 32-byte key>", comma separated; the first key encrypts, all keys decrypt.
ENCRYPTION_KEYS = env_str("ENCRYPTION_KEYS", INSECURE_ENCRYPTION_KEYS)

# Addresses of reverse proxies whose X-Forwarded-For we believe when identifying a client.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

INSTALLED_APPS = [
    "meldpunt.accounts.apps.StaffAdminConfig",  # django.contrib.admin, for administrators with 2FA only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "meldpunt.core",
    "meldpunt.privacy",
    "meldpunt.accounts",
    "meldpunt.schools",
    "meldpunt.cases",
    "meldpunt.intake",
    "meldpunt.portal",
    "meldpunt.api",
    "meldpunt.guide",
    "meldpunt.network",
    "meldpunt.content",
    "meldpunt.investigations",
    "meldpunt.findings",
    "meldpunt.interventions",
    "meldpunt.referrals",
    "meldpunt.schoolportal",
    "meldpunt.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "meldpunt.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "meldpunt.core.middleware.SecurityHeadersMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "meldpunt.urls"
WSGI_APPLICATION = "meldpunt.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "meldpunt" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "meldpunt.core.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'meldpunt.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the tasks worker and the web process write without "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"

# Lockout: 10 wrong passwords lock the account, and 10 from one address lock that address (each
# counted apart, so one cannot dodge the limit by rotating the other) for the cool-off minutes.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = env_int("LOGIN_LOCKOUT_MINUTES", 30) / 60
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "meldpunt.accounts.views.lockout"

AXES_VERBOSE = False
# Masked in what axes logs and stores: no username or address in log lines (STYLE.md, habit 7).
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "password", "otp_token", "code"]
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

SESSION_COOKIE_AGE = env_int("SESSION_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = True  # idle timeout: the clock restarts on every request
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_NAME = "meldpunt_session"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_NAME = "meldpunt_language"
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [SRC_DIR / "meldpunt" / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [SRC_DIR / "meldpunt" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": VAR_DIR / "media"}},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("EMAIL_FROM", "Meldpunt <noreply@meldpunt.example>")

# Throttling (CONTRACT.md): accepted reports per client per hour; failed reporter sign-ins per
# reference and per client within 15 minutes.
INTAKE_REPORTS_PER_HOUR = env_int("INTAKE_REPORTS_PER_HOUR", 10)
REPORTER_SIGNIN_FAILURES_PER_REFERENCE = env_int("REPORTER_SIGNIN_FAILURES_PER_REFERENCE", 10)
REPORTER_SIGNIN_FAILURES_PER_CLIENT = env_int("REPORTER_SIGNIN_FAILURES_PER_CLIENT", 30)
REPORTER_TOKEN_MINUTES = env_int("REPORTER_TOKEN_MINUTES", 30)

# The public address of this site, for links in emails (which are sent outside any request).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

# Where "Verlaat deze pagina" sends a visitor: a neutral site that says nothing about us.
EXIT_URL = env_str("EXIT_URL", "https://www.google.com/search?q=weer")

# The public contact page shows these only when set: an operator fills in the real ones.
CONTACT_PHONE = env_str("CONTACT_PHONE")
CONTACT_EMAIL = env_str("CONTACT_EMAIL")

# The school registry's source: DUO's open-data address files (see data/duo/README.md).
DUO_BASE_URL = env_str("DUO_BASE_URL", "https://duo.nl/open_onderwijsdata/images/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "meldpunt.core.logging.RedactFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["redact"]},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Request logs carry full URLs and client addresses; the access log of the proxy keeps those.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "axes": {"level": "WARNING"},
    },
}
