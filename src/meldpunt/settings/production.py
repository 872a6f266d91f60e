"""Production: refuses to start on an unsafe configuration rather than run with it."""

from django.core.exceptions import ImproperlyConfigured

from meldpunt.settings.base import *  # noqa: F403
from meldpunt.settings.base import INSECURE_ENCRYPTION_KEYS, INSECURE_SECRET_KEY
from meldpunt.settings.env import env_bool, env_int


def unsafe_reasons(*, debug: bool, secret_key: str, demo_data: bool, encryption_keys: str) -> list[str]:
    """What makes a configuration unfit for production; empty when it is fit."""
    reasons = []
    if debug:
        reasons.append("MELDPUNT_DEBUG is on")
    if not secret_key or secret_key == INSECURE_SECRET_KEY or len(secret_key) < 32:
        reasons.append("MELDPUNT_SECRET_KEY is missing, the development default, or shorter than 32 characters")
    if demo_data:
        reasons.append("MELDPUNT_DEMO_DATA is on")
    if not encryption_keys or INSECURE_ENCRYPTION_KEYS.split(":", 1)[1] in encryption_keys:
        reasons.append("MELDPUNT_ENCRYPTION_KEYS is missing or holds the development key")
    return reasons


problems = unsafe_reasons(
    debug=DEBUG,  # noqa: F405
    secret_key=SECRET_KEY,  # noqa: F405
    demo_data=DEMO_DATA,  # noqa: F405
    encryption_keys=ENCRYPTION_KEYS,  # noqa: F405
)
if problems:
    raise ImproperlyConfigured("Refusing to start in production: " + "; ".join(problems) + ".")

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env_bool("SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
