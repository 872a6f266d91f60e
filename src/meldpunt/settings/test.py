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
# Exactly 32 bytes ("test-key-32-bytes-long-123456789"): AES-256 refuses any other length.
ENCRYPTION_KEYS = "test1:dGVzdC1rZXktMzItYnl0ZXMtbG9uZy0xMjM0NTY3ODk="
# A test-only table with every encrypted field type (it has its own migration, so makemigrations stays clean).
INSTALLED_APPS = [*INSTALLED_APPS, "meldpunt.privacy.tests.sample_app"]  # noqa: F405
# Tests serve static files from the source folders; nothing is collected.
STATIC_ROOT = None  # type: ignore[assignment]  # nothing is collected in tests
WHITENOISE_USE_FINDERS = True
