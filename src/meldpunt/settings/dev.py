"""Local development and `make run`: debug on, demo data allowed, SQLite by default."""

from meldpunt.settings.base import *  # noqa: F403
from meldpunt.settings.env import env_bool

DEBUG = env_bool("DEBUG", True)
DEMO_DATA = env_bool("DEMO_DATA", True)
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
WHITENOISE_USE_FINDERS = True
