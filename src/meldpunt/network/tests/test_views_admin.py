import pytest
from django.urls import reverse

from meldpunt.guide.tests.html import read_page
from meldpunt.network.forms import OrganisationForm
from meldpunt.network.models import Organisation
from meldpunt.privacy.models import AuditEntry

LIST = reverse("network_admin:list")
CREATE = reverse("network_admin:create")


def _form(**overrides) -> dict:
    data = {
        "name": "Stichting Voorbeeld",
        "description_nl": "Helpt ouders bij vragen over school.",
        "description_en": "Helps parents with questions about school.",
        "offers": ["information", "advice"],
        "audience": ["parent"],
        "sectors": ["po", "vo"],
        "themes": "pesten, Klachten",
        "website": "https://www.voorbeeld.nl",
        "phone": "0800-1234, 030 123 45 67",
        "email": "info@voorbeeld.nl",
        "chat": "",
        "hours": "werkdagen 9.00-17.00",
        "hours_en": "working days 9.00-17.00",
        "active": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["coordinator", "handler", "analyst", "partner", "school_contact"])
def test_only_administrators_maintain_organisations(staff_client, organisations, role):
    """Every other role is refused the list, the add page and the edit page."""
    client = staff_client(role)
    assert client.get(LIST).status_code == 403
    assert client.get(CREATE).status_code == 403
    assert client.post(reverse("network_admin:edit", kwargs={"slug": "rutgers"}), _form()).status_code == 403
    assert Organisation.objects.get(slug="rutgers").name == "Rutgers"


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_sign_in(client, organisations):
    """Without a staff sign-in the administrators' pages send the visitor to the sign-in page."""
    response = client.get(LIST)
    assert response.status_code == 302 and response["Location"].startswith("/medewerkers/inloggen")


@pytest.mark.django_db
def test_administrator_sees_every_organisation_with_its_status(staff_client, organisations):
    """The list shows all organisations, hidden ones too, with a link to edit each."""
    Organisation.objects.filter(slug="rutgers").update(active=False)
    html = staff_client("administrator").get(LIST).content.decode()
    edit_links = [
        a
        for a in read_page(html).links()
        if a.attrs["href"].startswith("/beheer/organisaties/")
        and a.attrs["href"].count("/") == 4
        and "nieuw" not in a.attrs["href"]
    ]
    assert len(edit_links) == 25
    assert "/beheer/organisaties/rutgers/" in [a.attrs["href"] for a in edit_links]


@pytest.mark.django_db
def test_administrator_adds_an_organisation_audited(staff_client, organisations):
    """A new organisation is saved with normalised values and the addition is in the audit log."""
    client = staff_client("administrator")
    response = client.post(CREATE, _form())
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Stichting Voorbeeld")
    assert (organisation.slug, organisation.imported, organisation.active) == ("stichting-voorbeeld", False, True)
    assert organisation.themes == ["pesten", "klachten"]
    assert organisation.phone == "0800-1234|030 123 45 67"
    entry = AuditEntry.objects.get(action="organisation.create")
    assert (entry.actor_id, entry.object_pk) == (client.user.pk, str(organisation.pk))
    assert client.get(reverse("network:detail", kwargs={"slug": organisation.slug})).status_code == 200


@pytest.mark.django_db
def test_administrator_edits_referrals_and_verification_audited(staff_client, organisations):
    """Accepting referrals, verification and visibility are edited on the form; the audit names the changed fields."""
    client = staff_client("administrator")
    ouders = Organisation.objects.get(slug="ouders-onderwijs")
    url = reverse("network_admin:edit", kwargs={"slug": ouders.slug})
    page = client.get(url).content.decode()
    assert 'value="0800-5010"' in page
    data = {key: value for key, value in OrganisationForm.initial_for(ouders).items() if value not in (False, None, "")}
    data.pop("verified")
    data.update({"accepts_referrals": "on", "active": "on", "themes": ", ".join(ouders.themes), "phone": "0800-5010"})
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()
    ouders.refresh_from_db()
    assert ouders.accepts_referrals and ouders.active and ouders.verified is False
    entry = AuditEntry.objects.get(action="organisation.update")
    assert set(entry.details["fields"]) == {"accepts_referrals", "verified"}


@pytest.mark.django_db
def test_form_errors_are_listed_and_nothing_is_saved(staff_client, organisations):
    """A form without offers and with a bad email shows the error summary and "Fout:" in the title."""
    client = staff_client("administrator")
    response = client.post(CREATE, _form(offers=None, email="geen-adres", phone="bel ons"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Fout:" in html
    assert "Kies minstens één ding dat de organisatie biedt." in html
    assert "Vul een e-mailadres in" in html
    assert "Een telefoonnummer bevat alleen cijfers" in html
    assert not Organisation.objects.filter(name="Stichting Voorbeeld").exists()


@pytest.mark.django_db
def test_duplicate_name_is_refused(staff_client, organisations):
    """A second organisation with an existing name (any case) is refused with a message on the name."""
    response = staff_client("administrator").post(CREATE, _form(name="rutgers"))
    assert "Er is al een organisatie met deze naam." in response.content.decode()
    assert Organisation.objects.filter(name__iexact="rutgers").count() == 1
