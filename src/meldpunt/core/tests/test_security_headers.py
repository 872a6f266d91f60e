"""Security headers and cookie flags on the public pages (CONTRACT.md, "Security headers")."""

import base64
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.test import Client, RequestFactory

SRC = Path(__file__).resolve().parents[3]


def _csp(response: HttpResponse) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    directives: dict[str, list[str]] = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def _ok(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


def test_csp_allows_no_inline_script(client: Client) -> None:
    """The CSP on / lets scripts come only from our own origin, never inline or eval."""
    csp = _csp(client.get("/"))
    scripts = csp.get("script-src", csp["default-src"])
    assert "'unsafe-inline'" not in scripts
    assert "'unsafe-eval'" not in scripts
    assert scripts == ["'self'"]
    assert "'unsafe-inline'" not in csp.get("style-src", csp["default-src"])


def test_framing_is_forbidden(client: Client) -> None:
    """No other site may put our pages in a frame (clickjacking)."""
    response = client.get("/")
    assert _csp(response).get("frame-ancestors") == ["'none'"] or response.headers.get("X-Frame-Options") == "DENY"


def test_nosniff_and_referrer_policy(client: Client) -> None:
    """Browsers may not guess content types, and our URLs do not leak to other sites through the Referer."""
    response = client.get("/")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] in {"no-referrer", "same-origin", "strict-origin"}


def test_language_cookie_is_httponly_and_samesite(client: Client) -> None:
    """The language cookie set by ?lang= is HttpOnly and SameSite=Lax or Strict."""
    cookie = client.get("/", {"lang": "en"}).cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en"
    assert cookie["httponly"]
    assert cookie["samesite"] in {"Lax", "Strict"}


def test_language_cookie_follows_the_secure_setting(client: Client, settings) -> None:
    """Where settings demand Secure cookies (production), the language cookie is Secure too."""
    settings.LANGUAGE_COOKIE_SECURE = True
    assert client.get("/", {"lang": "en"}).cookies[settings.LANGUAGE_COOKIE_NAME]["secure"]


@pytest.mark.django_db
def test_session_cookie_is_httponly_and_samesite(rf: RequestFactory) -> None:
    """The session cookie is HttpOnly and SameSite=Lax or Strict."""
    request = rf.get("/")
    middleware = SessionMiddleware(_ok)
    middleware.process_request(request)
    request.session["seen"] = True
    response = middleware.process_response(request, HttpResponse())
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] in {"Lax", "Strict"}


def test_csrf_cookie_is_httponly_and_samesite(rf: RequestFactory) -> None:
    """The CSRF cookie is HttpOnly (our forms carry the token, no script reads it) and SameSite=Lax or Strict."""
    request = rf.get("/")
    get_token(request)
    response = CsrfViewMiddleware(_ok).process_response(request, HttpResponse())
    cookie = response.cookies[settings.CSRF_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] in {"Lax", "Strict"}


@pytest.fixture(scope="module")
def production_settings() -> dict[str, object]:
    """The cookie settings of meldpunt.settings.production, imported in a clean process with safe values."""
    cookies, flags = ("SESSION", "CSRF", "LANGUAGE"), ("SECURE", "HTTPONLY", "SAMESITE")
    names = [f"{cookie}_COOKIE_{flag}" for cookie in cookies for flag in flags]
    code = (
        "import json, meldpunt.settings.production as s; "
        f"print(json.dumps({{name: getattr(s, name, None) for name in {names!r}}}))"
    )
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(SRC),
        "MELDPUNT_SECRET_KEY": secrets.token_urlsafe(48)[:50],
        "MELDPUNT_ENCRYPTION_KEYS": "k1:" + base64.b64encode(secrets.token_bytes(32)).decode(),
        "MELDPUNT_DEMO_DATA": "false",
    }
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("cookie", ["SESSION", "CSRF", "LANGUAGE"])
def test_production_cookies_are_secure_httponly_and_samesite(production_settings: dict, cookie: str) -> None:
    """In production every cookie we set is Secure, HttpOnly and SameSite=Lax or Strict."""
    assert production_settings[f"{cookie}_COOKIE_SECURE"] is True
    assert production_settings[f"{cookie}_COOKIE_HTTPONLY"] is True
    assert production_settings[f"{cookie}_COOKIE_SAMESITE"] in {"Lax", "Strict"}


def test_home_is_dutch_by_default(client: Client) -> None:
    """/ is in Dutch: lang="nl" and Dutch text."""
    html = client.get("/").content.decode()
    assert '<html lang="nl"' in html
    assert "Verlaat deze pagina" in html
    assert "Onveilig op school?" in html


def test_lang_en_gives_english(client: Client) -> None:
    """/?lang=en is in English: lang="en" and English text."""
    html = client.get("/", {"lang": "en"}).content.decode()
    assert '<html lang="en"' in html
    assert "Leave this page" in html
    assert "Unsafe at school?" in html
    assert "Verlaat deze pagina" not in html


def test_browser_language_does_not_override_dutch_default(client):
    """An English-language browser still gets Dutch until the visitor switches: the visitor chooses."""
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert 'lang="nl"' in response.content.decode()
    switched = client.get("/?lang=en", HTTP_ACCEPT_LANGUAGE="nl")
    assert 'lang="en"' in switched.content.decode()
    remembered = client.get("/")
    assert 'lang="en"' in remembered.content.decode()
