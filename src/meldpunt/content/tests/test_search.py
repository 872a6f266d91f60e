import pytest
from django.test import Client
from django.urls import reverse

from meldpunt.content.scoring import query_terms, search_score, snippet
from meldpunt.content.selectors import site_search
from meldpunt.network.services import network_data_path, organisations_import

SEARCH = reverse("search:search")


@pytest.fixture
def everything(seeded_pages):
    organisations_import(path=network_data_path())


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("Pesten", ["pesten"]),
        ("pesten op school", ["pesten", "school"]),
        ("de het", ["de", "het"]),
        ("Discriminatie.nl", ["discriminatie", "nl"]),
        ("", []),
    ],
)
def test_query_terms_drop_stop_words(query, terms):
    """Stop words are dropped unless nothing else was typed; terms are folded."""
    assert query_terms(query) == terms


@pytest.mark.parametrize(
    ("terms", "title", "body", "score"),
    [
        (["pesten"], "Pesten op school", "", 2),
        (["pesten"], "Hulp", "Bij pesten helpen wij.", 1),
        (["pest"], "Hulp", "Pesterijen", 1),
        (["discriminatie"], "Discriminatie.nl", "", 2),
        (["gelijke"], "Hulp", "Ongelijke behandeling", 0),
        (["pesten", "geweld"], "Pesten", "en geweld", 3),
        (["pesten", "geweld"], "Pesten", "en meer", 0),
        (["leerlingen"], "Voor leerlingen", "", 2),
        (["cafe"], "Het Café", "", 2),
    ],
)
def test_score_counts_terms_title_double(terms, title, body, score):
    """Each term must start a word; a title match counts 2, a body match 1; a missing term gives 0."""
    assert search_score(terms, title=title, body=body) == score


def test_snippet_starts_near_the_match():
    """The snippet shows the words around the first match, with an ellipsis where text was cut."""
    text = " ".join(f"woord{n}" for n in range(60)) + " pesten " + " ".join(f"meer{n}" for n in range(60))
    result = snippet(["pesten"], text)
    assert result.startswith("… woord52") and "pesten" in result and result.endswith(" …")


@pytest.mark.django_db
def test_search_is_accent_and_case_insensitive(everything):
    """Search folds case and accents: "pesten" finds Pesten, "discriminatie" finds Discriminatie.nl."""
    titles = [hit.title for hit in site_search(query="pesten", language="nl").hits]
    assert "De Kindertelefoon" in titles
    assert "Discriminatie.nl" in [hit.title for hit in site_search(query="discriminatie", language="nl").hits]
    assert [h.title for h in site_search(query="DISCRIMINATIE", language="nl").hits] == [
        h.title for h in site_search(query="discriminatïe", language="nl").hits
    ]


@pytest.mark.django_db
def test_results_are_ranked_by_score(everything):
    """A title match ranks above a body match; among equal scores advice comes before pages and organisations."""
    hits = site_search(query="klacht", language="nl").hits
    page = next(hit for hit in hits if hit.title == "Hoe werkt een klacht?")
    assert page.score == 2 and hits[0].score == 2
    assert [hit.kind for hit in hits if hit.score == 2] == sorted(
        (hit.kind for hit in hits if hit.score == 2), key=["advice", "page", "organisation"].index
    )
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)


@pytest.mark.django_db
def test_search_uses_the_visitors_language(everything):
    """In English, pages match on their English text and show English titles; Dutch-only words do not match pages."""
    english = site_search(query="complaint", language="en").hits
    assert "How does a complaint work?" in [hit.title for hit in english]
    assert not [hit for hit in site_search(query="complaint", language="nl").hits if hit.kind == "page"]
    assert not [hit for hit in site_search(query="klachtencommissie", language="en").hits if hit.kind == "page"]
    organisations = [hit for hit in site_search(query="bullying", language="en").hits if hit.kind == "organisation"]
    assert "De Kindertelefoon" in [hit.title for hit in organisations]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Typ een of meer woorden"),
        ("   ", "Typ een of meer woorden"),
        ("x" * 101, "te lang"),
        ("!!!", "letters of cijfers"),
    ],
)
def test_empty_or_too_long_query_gets_a_friendly_message(everything, query, message):
    """Nothing typed, only punctuation or more than 100 characters gives a message instead of results."""
    results = site_search(query=query, language="nl")
    assert results.hits == [] and message in results.problem


@pytest.mark.django_db
def test_search_page_without_query_shows_only_the_box(client: Client, everything):
    """The search page opens with a labelled search box in a GET form and no message."""
    html = client.get(SEARCH).content.decode()
    assert (
        'role="search"' in html and 'method="get"' in html and '<label class="utrecht-form-label" for="id_q">' in html
    )
    assert "utrecht-alert" not in html


@pytest.mark.django_db
def test_search_page_lists_hits_with_their_kind(client: Client, everything):
    """Results show the count, the kind, a link and a snippet."""
    html = client.get(SEARCH, {"q": "pesten"}).content.decode()
    assert "resultaten voor “pesten”" in html
    assert "Organisatie" in html and 'href="/organisaties/de-kindertelefoon/"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "x" * 5000, "<script>alert(1)</script>", "%00", "\x00"])
def test_search_page_never_fails(client: Client, everything, query):
    """Any query, however strange, answers 200 with the query escaped."""
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.django_db
def test_search_page_in_english(client: Client, everything):
    """With ?lang=en the page, kinds and messages are English."""
    html = client.get(SEARCH, {"q": "complaint", "lang": "en"}).content.decode()
    assert '<html lang="en"' in html and "results for “complaint”" in html and "Information" in html
    empty = client.get(SEARCH, {"q": "", "lang": "en"}).content.decode()
    assert "Type one or more words" in empty


@pytest.mark.django_db
def test_search_includes_the_guides_advice(everything):
    """The guide's advice is searched too, in the visitor's language, and listed with kind "advice"."""
    advice = [hit for hit in site_search(query="vertrouwenspersoon", language="nl").hits if hit.kind == "advice"]
    assert advice and all(hit.url.startswith("/") for hit in advice)
