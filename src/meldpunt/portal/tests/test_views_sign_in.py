import re

import pytest
from django.core import mail
from django.test import Client, override_settings

from meldpunt.portal.sessions import CASE_KEY

pytestmark = pytest.mark.django_db(transaction=True)
SIGN_IN = "/mijn-melding/"
CASE = "/mijn-melding/melding"


def _title(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).strip()


def _main(response) -> str:
    """The page's main content without the CSRF token, which differs per request."""
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", main)


def test_sign_in_page_is_public_and_plain(client):
    """The sign-in page asks for reference and code, with the exit control and no error."""
    response = client.get(SIGN_IN)
    assert response.status_code == 200
    assert _title(response) == "Uw melding bekijken | Meldpunt"
    html = response.content.decode()
    assert 'name="reference"' in html and 'name="access_code"' in html
    assert "Verlaat deze pagina" in html


def test_right_pair_signs_in_with_a_new_session_key(client, submitted):
    """Signing in renews the session key and leads to the case page at a clean address."""
    client.get(SIGN_IN)
    before = client.session.session_key
    response = client.post(
        SIGN_IN, {"reference": submitted.case.reference, "access_code": submitted.access_code.lower()}
    )
    assert response.status_code == 302 and response["Location"] == CASE
    assert client.session.session_key != before
    assert client.session[CASE_KEY] == submitted.case.pk
    page = client.get(CASE)
    assert page.status_code == 200 and submitted.case.reference in page.content.decode()


def test_wrong_pair_gives_one_error_for_unknown_and_wrong(client, submitted):
    """An unknown reference and a wrong code give the same page: error summary, "Fout: " title, reference kept."""
    unknown = client.post(SIGN_IN, {"reference": "MSV-2026-999999", "access_code": "AAAA-BBBB-CCCC-DDDD"})
    wrong = client.post(SIGN_IN, {"reference": submitted.case.reference, "access_code": "AAAA-BBBB-CCCC-DDDD"})
    assert unknown.status_code == wrong.status_code == 200
    assert _title(unknown) == _title(wrong) == "Fout: Uw melding bekijken | Meldpunt"
    assert _main(unknown).replace("MSV-2026-999999", "REF") == _main(wrong).replace(submitted.case.reference, "REF")
    html = wrong.content.decode()
    assert "Er is een probleem" in html and 'href="#id_reference"' in html
    assert "AAAA-BBBB" not in html  # the typed code is never echoed


def test_empty_fields_are_named(client):
    """Leaving both fields empty names both in the error summary."""
    html = client.post(SIGN_IN, {"reference": "", "access_code": ""}).content.decode()
    assert "Vul het kenmerk in" in html and "Vul de toegangscode in" in html


@override_settings(REPORTER_SIGNIN_FAILURES_PER_REFERENCE=2)
def test_too_many_failures_give_429_with_when_to_try_again(client, submitted):
    """Past the limit, the page answers 429 with Retry-After and the time to try again."""
    for _ in range(2):
        client.post(SIGN_IN, {"reference": submitted.case.reference, "access_code": "AAAA-BBBB-CCCC-DDDD"})
    response = client.post(SIGN_IN, {"reference": submitted.case.reference, "access_code": submitted.access_code})
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 900
    assert _title(response) == "Fout: Even wachten | Meldpunt"
    assert "Probeer het opnieuw na" in response.content.decode()


def test_case_page_needs_a_session(client):
    """Without signing in, the case page and its actions send the visitor to the sign-in page."""
    for path in (CASE, "/mijn-melding/bestanden", "/mijn-melding/steunpersoon"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"] == SIGN_IN


def test_sign_out_ends_the_session(signed_in):
    """After signing out (POST), the case page is closed again."""
    client, _submitted = signed_in
    assert client.get("/mijn-melding/uitloggen").status_code == 405
    response = client.post("/mijn-melding/uitloggen")
    assert response["Location"] == "/mijn-melding/uitgelogd"
    assert client.get(CASE)["Location"] == SIGN_IN
    assert "U bent uitgelogd" in client.get("/mijn-melding/uitgelogd").content.decode()


def test_idle_session_ends_after_thirty_minutes(client, submitted, time_machine, settings):
    """A session unused for longer than SESSION_COOKIE_AGE ends, with a note to sign in again."""
    settings.SESSION_COOKIE_AGE = 30 * 60
    time_machine.move_to("2026-11-30 10:00 +01:00", tick=False)
    client.post(SIGN_IN, {"reference": submitted.case.reference, "access_code": submitted.access_code})
    assert client.get(CASE).status_code == 200
    time_machine.move_to("2026-11-30 10:29 +01:00", tick=False)
    assert client.get(CASE).status_code == 200
    time_machine.move_to("2026-11-30 11:00 +01:00", tick=False)
    response = client.get(CASE)
    assert response["Location"] == SIGN_IN
    assert "niet actief" in client.get(SIGN_IN).content.decode()


def test_signed_in_visitor_skips_the_sign_in_page(signed_in):
    """A signed-in reporter who opens the sign-in page goes straight to the case."""
    client, _submitted = signed_in
    assert client.get(SIGN_IN)["Location"] == CASE


LINK = re.compile(r"https?://[^/\s]+(/mijn-melding/inloglink/[A-Za-z0-9_-]+)")


def test_sign_in_link_journey(client, submitted):
    """Asking for a link answers the same for a real and a made-up reference; the link signs in once."""
    mail.outbox.clear()
    real = client.post("/mijn-melding/inloglink", {"reference": submitted.case.reference})
    made_up = client.post("/mijn-melding/inloglink", {"reference": "MSV-2026-999999"})
    assert real.status_code == made_up.status_code == 302
    assert real["Location"] == made_up["Location"] == "/mijn-melding/inloglink/verstuurd"
    (message,) = mail.outbox
    path = LINK.search(message.body).group(1)

    fresh = Client()
    landing = fresh.get(path)
    assert landing.status_code == 302 and landing["Location"] == CASE
    assert landing["Referrer-Policy"] == "no-referrer"
    assert fresh.get(CASE).status_code == 200

    again = Client().get(path)
    assert again["Location"] == "/mijn-melding/inloglink/verlopen"
    assert "werkt niet meer" in Client().get(again["Location"]).content.decode()


def test_sign_in_link_page_without_javascript_has_a_plain_form(client):
    """The link request page is a plain form with a labelled field."""
    html = client.get("/mijn-melding/inloglink").content.decode()
    assert '<label class="utrecht-form-label" for="id_reference">' in html and "<script" not in html.split("</head>")[1]


def test_asking_too_many_links_gives_429(client):
    """One client asking for more than ten links in 15 minutes gets the 429 page, about links."""
    for number in range(10):
        client.post("/mijn-melding/inloglink", {"reference": f"MSV-2026-{number:06d}"})
    response = client.post("/mijn-melding/inloglink", {"reference": "MSV-2026-000099"})
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert "inloglinks aangevraagd" in response.content.decode()
