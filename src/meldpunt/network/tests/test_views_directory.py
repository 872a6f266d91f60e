import pytest
from django.test import Client
from django.urls import reverse

from meldpunt.guide.tests.html import read_page
from meldpunt.network.models import Organisation

DIRECTORY = reverse("network:directory")


def _names(html: str) -> list[str]:
    page = read_page(html)
    return [
        " ".join(e.text.split()) for e in page.elements if e.tag == "h3" and "mp-org__name" in e.attrs.get("class", "")
    ]


@pytest.mark.django_db
def test_directory_lists_every_shown_organisation_with_a_count(client: Client, organisations):
    """The plain GET page (no JavaScript) lists all 25 organisations by name and says how many."""
    Organisation.objects.filter(name="Rutgers").update(active=False)
    response = client.get(DIRECTORY)
    assert response.status_code == 200
    html = response.content.decode()
    names = _names(html)
    assert len(names) == 24 and "Rutgers" not in names
    assert names == sorted(names, key=lambda name: [o.name for o in organisations].index(name))
    assert "24 organisaties" in html


@pytest.mark.django_db
def test_filters_are_a_get_form_with_four_labelled_facets(client: Client, organisations):
    """The facets are selects in a GET form, each with a label, so the page works without JavaScript."""
    page = read_page(client.get(DIRECTORY).content.decode())
    form = page.find("form", method="get")[0]
    assert form.attrs["action"] == DIRECTORY
    selects = {e.attrs["name"]: e.attrs["id"] for e in page.find("select")}
    assert set(selects) == {"aanbod", "voor", "thema", "sector"}
    labels = {e.attrs["for"] for e in page.find("label")}
    assert set(selects.values()) <= labels


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"aanbod": "legal_help"}, ["Algemene Onderwijsbond (AOb)"]),
        ({"aanbod": "emergency_help", "voor": "pupil"}, ["112 (alarmnummer)", "113 Zelfmoordpreventie"]),
        (
            {"thema": "lhbti", "sector": "mbo"},
            [
                "COC Nederland",
                "College voor de Rechten van de Mens",
                "Discriminatie.nl",
                "Discriminatie.nl Jeugd",
                "Regenboogloket (Stichting Regenboog Loket)",
                "Rutgers",
            ],
        ),
        (
            {"voor": "school_board", "sector": "vo", "thema": "sociale veiligheid"},
            ["Inspectie van het Onderwijs - Loket en meldpunt", "VO-raad"],
        ),
    ],
)
def test_facets_narrow_the_list(client: Client, organisations, params, expected):
    """Each chosen facet narrows the list (AND across facets) and the count follows."""
    html = client.get(DIRECTORY, params).content.decode()
    assert sorted(_names(html)) == sorted(expected)
    assert f"{len(expected)} organisatie" in html


@pytest.mark.django_db
def test_chosen_values_stay_selected_and_can_be_cleared(client: Client, organisations):
    """After filtering, the chosen options are selected and a link clears every choice."""
    page = read_page(client.get(DIRECTORY, {"aanbod": "advice", "thema": "pesten"}).content.decode())
    selected = {e.attrs["value"] for e in page.find("option") if "selected" in e.attrs}
    assert selected == {"advice", "pesten"}
    assert [link for link in page.links() if link.attrs["href"] == DIRECTORY and "wissen" in link.text]


@pytest.mark.django_db
def test_no_match_says_so(client: Client, organisations):
    """A combination nobody offers gives a clear message and a way back, not an empty page."""
    html = client.get(DIRECTORY, {"aanbod": "legal_help", "voor": "pupil"}).content.decode()
    assert "0 organisaties" in html
    assert "Geen organisatie past bij al deze keuzes" in html


@pytest.mark.django_db
def test_unknown_filter_values_are_ignored(client: Client, organisations):
    """A made-up filter value shows the whole list instead of an error."""
    response = client.get(DIRECTORY, {"aanbod": "<script>", "sector": "x" * 500})
    assert response.status_code == 200
    assert len(_names(response.content.decode())) == 25


@pytest.mark.django_db
def test_card_shows_how_to_reach_the_organisation(client: Client, organisations):
    """Phone numbers are tel: links, email addresses mailto: links, chat and website plain links."""
    page = read_page(client.get(DIRECTORY).content.decode())
    hrefs = {link.attrs["href"] for link in page.links()}
    assert {
        "tel:08005010",
        "mailto:vraag@oudersonderwijs.nl",
        "tel:113",
        "tel:08000113",
        "https://www.sense.info",
    } <= hrefs
    assert "https://www.kindertelefoon.nl" in hrefs


@pytest.mark.django_db
def test_unverified_contact_details_carry_a_notice(client: Client, organisations):
    """Unverified contact details show "contactgegevens nog niet gecontroleerd"; verified ones do not."""
    html = client.get(DIRECTORY).content.decode()
    assert html.count("contactgegevens nog niet gecontroleerd") == 5
    verified = client.get(reverse("network:detail", kwargs={"slug": "ouders-onderwijs"})).content.decode()
    assert "contactgegevens nog niet gecontroleerd" not in verified
    unverified = client.get(reverse("network:detail", kwargs={"slug": "vo-raad"})).content.decode()
    assert "contactgegevens nog niet gecontroleerd" in unverified


@pytest.mark.django_db
def test_english_directory_shows_english_descriptions(client: Client, organisations):
    """With ?lang=en the cards show the English description and labels."""
    html = client.get(DIRECTORY, {"lang": "en"}).content.decode()
    assert '<html lang="en"' in html
    assert "National advice centre that gives parents free information" in html
    assert "Landelijk adviespunt dat ouders gratis" not in html
    assert "contact details not checked yet" in html


@pytest.mark.django_db
def test_english_fallback_is_marked_dutch(client: Client, organisations):
    """An organisation without English text shows the Dutch text with lang="nl" and says so."""
    Organisation.objects.filter(name="Rutgers").update(description_en="")
    html = client.get(reverse("network:detail", kwargs={"slug": "rutgers"}), {"lang": "en"}).content.decode()
    assert '<p class="utrecht-paragraph" lang="nl">Kenniscentrum seksualiteit' in html
    assert "This text is only available in Dutch." in html


@pytest.mark.django_db
def test_detail_page_has_one_h1_themes_and_sources(client: Client, organisations):
    """The organisation page has its name as the only h1, the themes, contact and the public sources."""
    response = client.get(reverse("network:detail", kwargs={"slug": "de-kindertelefoon"}))
    page = read_page(response.content.decode())
    assert [text for level, text in page.headings() if level == 1] == ["De Kindertelefoon"]
    html = response.content.decode()
    assert "huiselijk geweld" in html
    assert "https://www.vriendenkindertelefoon.nl/kindertelefoon" in html


@pytest.mark.django_db
def test_hidden_or_unknown_organisation_is_not_found(client: Client, organisations):
    """A hidden organisation's page answers 404, like one that never existed."""
    Organisation.objects.filter(slug="rutgers").update(active=False)
    assert client.get(reverse("network:detail", kwargs={"slug": "rutgers"})).status_code == 404
    assert client.get(reverse("network:detail", kwargs={"slug": "bestaat-niet"})).status_code == 404


@pytest.mark.django_db
def test_directory_loads_its_print_stylesheet_and_no_script_of_its_own(client: Client, organisations):
    """The page loads the directory's stylesheet (with its print rules) and only the frame's exit script."""
    page = read_page(client.get(DIRECTORY).content.decode())
    assert "/static/network/network.css" in [e.attrs.get("href") for e in page.find("link")]
    assert [s.attrs["src"] for s in page.find("script")] == ["/static/meldpunt/exit.js"]


@pytest.mark.django_db
def test_directory_refuses_post(client: Client, organisations):
    """The directory only answers reading requests."""
    assert client.post(DIRECTORY).status_code == 405
