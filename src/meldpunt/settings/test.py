"""The test suite: fast hashing, immediate tasks, real SMTP only where a test starts a server."""

from meldpunt.settings.base import *  # noqa: F403

DEBUG = False
DEMO_DATA = True
# Argon2id stays the production hasher; the tests that check hashing use it explicitly.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", "django.contrib.auth.hashers.Argon2PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ENCRYPTION_KEYS = "test1:dGVzdC1rZXktMzItYnl0ZXMtbG9uZy0xMjM0NTY3OA=="
# Tests serve static files from the source folders; nothing is collected.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
