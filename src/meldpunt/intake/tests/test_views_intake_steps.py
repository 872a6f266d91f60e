"""The wizard's question pages: validation with an error summary, answers kept, back links, wording, guidance."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from meldpunt.intake.models import DraftUpload
from meldpunt.intake.tests.walk import (
    answer,
    date_parts,
    errors_in,
    h1_of,
    make_searchable,
    parent_answers,
    png,
    pupil_answers,
    title_of,
    url,
    walk,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(school):
    return make_searchable(school)


def test_start_page_explains_the_report_and_where_to_go_now(client):
    """The start page names the time it takes, confidentiality, the data, the emergency numbers and a start button."""
    response = client.get("/melden/")
    html = response.content.decode()
    assert response.status_code == 200
    assert title_of(response) == "Melding maken | Meldpunt"
    for text in ("een paar minuten", "vertrouwelijk", "versleuteld", 'href="tel:112"', "0800-2000", "0800-0432"):
        assert text in html
    assert 'href="/melden/gevaar"' in html
    assert 'class="utrecht-link utrecht-link--html-a mp-back-link" href="/"' in html


def test_the_home_page_link_without_slash_reaches_the_start(client):
    """The home page links to /melden; it lands on the start page."""
    response = client.get("/melden", follow=True)
    assert response.redirect_chain[-1][0] == "/melden/"


@pytest.mark.parametrize(
    ("step", "anchor", "message"),
    [
        ("danger", "id_acute_danger_0", "Kies of iemand nu in gevaar is."),
        ("role", "id_reporter_role_0", "Kies wie deze melding maakt."),
        ("school", "id_school_0", "Zoek de school en kies hem, of kies ‘Ik zeg liever niet welke school’."),
        ("categories", "id_categories_0", "Kies ten minste één onderwerp."),
        ("description", "id_description", "Vertel wat er is gebeurd."),
        ("steps_taken", "id_steps_taken_0", "Kies wat er al is gedaan, of kies ‘Nog niets’."),
        ("attendance", "id_attendance_0", "Kies of uw kind naar school gaat."),
        ("absent_since", "id_day", "Vul in sinds wanneer het kind niet naar school gaat."),
        ("accused_is_staff", "id_accused_is_staff_0", "Kies of het gaat over iemand die op de school werkt."),
        ("share_identity", "id_share_identity_with_school_0", "Kies of de school mag weten wie u bent."),
        ("consent_referral", "id_consent_referral_0", "Kies of wij een organisatie mogen vragen om u te helpen."),
    ],
)
def test_an_unanswered_question_gives_an_error_summary_linked_to_the_field(client, registry, step, anchor, message):
    """Sending a page without its answer shows "Fout: " in the title and a summary that links to the input."""
    walk(client, parent_answers(), until=step)
    response = client.post(url(step), {"continue": "1"} if step == "school" else {})
    html = response.content.decode()
    assert response.status_code == 200
    assert title_of(response).startswith("Fout: ")
    assert title_of(response).endswith(" – Melding maken | Meldpunt")
    assert f'<a class="utrecht-link utrecht-link--html-a" href="#{anchor}">{message}</a>' in html
    assert f'id="{anchor}"' in html
    assert 'role="alert"' in html
    assert html.index("mp-error-summary") < html.index("<h1")


def test_every_question_is_the_only_h1_and_a_legend_or_label(client, registry):
    """One question per page: exactly one h1, inside the legend or the label of the answer."""
    answers = parent_answers()
    for step in answers:
        response = client.get(url(step))
        html = response.content.decode()
        assert html.count("<h1") == 1, step
        assert re.search(r"<(legend|label)[^>]*>\s*<h1|<h1[^>]*><label", html), step
        answer(client, step, answers[step])


def test_a_refused_answer_keeps_what_was_typed(client, registry):
    """Answers stay in the form on error: the email, the phone and the date parts as typed."""
    walk(client, parent_answers(), until="contact")
    response = client.post(url("contact"), {"email": "geen-adres", "phone": "06 12345678"})
    html = response.content.decode()
    assert errors_in(response) == ["Geef een geldig e-mailadres, zoals naam@voorbeeld.nl."]
    assert 'value="geen-adres"' in html and 'value="06 12345678"' in html
    assert 'href="#id_email"' in html

    response = client.post(url("started_on"), {"day": "31", "month": "2", "year": "2026"})
    html = response.content.decode()
    assert errors_in(response) == ["Vul een bestaande datum in, bijvoorbeeld 15 9 2026."]
    assert 'name="day" value="31"' in html and 'name="month" value="2"' in html and 'name="year" value="2026"' in html


def test_checkboxes_stay_checked_when_nothing_yet_is_combined(client, registry):
    """ "Nog niets" with another step is refused by the one validation, and both boxes stay ticked."""
    walk(client, parent_answers(), until="steps_taken")
    response = client.post(url("steps_taken"), {"steps_taken": ["talked_to_teacher", "none"]})
    html = response.content.decode()
    assert errors_in(response) == ["Kies ‘nog niets’ niet samen met andere stappen."]
    assert re.search(r'value="talked_to_teacher" checked', html)
    assert re.search(r'value="none" checked', html)


def test_an_answered_page_shows_its_answer_again(client, registry):
    """Back never loses answers: a page shows the answer stored in the session."""
    walk(client, parent_answers(), until="attendance")
    html = client.get(url("description")).content.decode()
    assert "gepest door GEHEIMNAAM" in html
    html = client.get(url("categories")).content.decode()
    assert re.search(r'value="discrimination" checked', html)
    html = client.get(url("started_on")).content.decode()
    assert f'name="day" value="{date_parts(90)["day"]}"' in html


@pytest.mark.parametrize(
    ("step", "back"),
    [
        ("danger", "/melden/"),
        ("role", "/melden/gevaar"),
        ("school", "/melden/wie"),
        ("categories", "/melden/school"),
        ("absent_since", "/melden/naar-school"),
        ("accused_is_staff", "/melden/niet-naar-school-sinds"),
        ("attachments", "/melden/contact"),
        ("check", "/melden/bestanden"),
    ],
)
def test_every_page_has_a_back_link_to_the_previous_question(client, registry, step, back):
    """The back link leads to the previous question that applies, or to the start page."""
    walk(client, parent_answers(), until=None if step == "check" else step)
    html = client.get(url(step)).content.decode()
    assert f'class="utrecht-link utrecht-link--html-a mp-back-link" href="{back}"' in html


def test_without_a_school_the_sector_is_asked_and_back_from_topics_goes_there(client, registry):
    """ "Ik zeg liever niet" leads to the optional kind of school; the back link follows that route."""
    walk(client, pupil_answers(), until="school")
    response = answer(client, "school", {"school": "none", "continue": "1"})
    assert response["Location"] == "/melden/soort-school"
    response = client.post(url("sector"), {})
    assert response["Location"] == "/melden/onderwerp"
    html = client.get(url("categories")).content.decode()
    assert 'mp-back-link" href="/melden/soort-school"' in html


def test_pupils_read_je_and_parents_read_u(client, registry):
    """The texts follow who reports: "je" for pupils, "u" and "uw kind" for parents."""
    walk(client, pupil_answers(), until="categories")
    assert h1_of(client.get(url("categories"))) == "Waar gaat je melding over?"
    walk(client, pupil_answers(), until="attendance")
    assert h1_of(client.get(url("attendance"))) == "Ga je nu naar school?"
    response = client.get(url("description"))
    assert "Schrijf in je eigen woorden" in response.content.decode()
    assert title_of(client.get(url("attendance"))) == "Ga je nu naar school? – Melding maken | Meldpunt"

    client.post(url("role"), {"reporter_role": "parent"})
    assert h1_of(client.get(url("attendance"))) == "Gaat uw kind nu naar school?"
    assert h1_of(client.get(url("categories"))) == "Waar gaat uw melding over?"
    client.post(url("role"), {"reporter_role": "staff"})
    assert h1_of(client.get(url("attendance"))) == "Gaat de leerling nu naar school?"


def test_acute_danger_shows_the_emergency_numbers_and_the_report_goes_on(client):
    """ "Ja" to danger now leads at once to 112, Veilig Thuis and De Kindertelefoon, with a way to continue."""
    response = client.post(url("danger"), {"acute_danger": "yes"})
    assert response["Location"] == "/melden/hulp-nu"
    page = client.get("/melden/hulp-nu")
    html = page.content.decode()
    assert h1_of(page) == "Is iemand nu in gevaar? Bel 112"
    assert html.index('href="tel:112"') < html.index("0800-2000") < html.index("0800-0432")
    assert 'href="/melden/wie"' in html
    assert client.get("/melden/wie").status_code == 200

    response = client.post(url("danger"), {"acute_danger": "no"})
    assert response["Location"] == "/melden/wie"


def test_nothing_tried_yet_gives_guidance_and_still_lets_you_report(client, registry):
    """ "Nog niets" shows advice to talk to the mentor, the confidential person or the complaint procedure first."""
    walk(client, parent_answers(), until="steps_taken")
    response = client.post(url("steps_taken"), {"steps_taken": ["none"]})
    assert response["Location"] == "/melden/eerst-de-school"
    page = client.get("/melden/eerst-de-school")
    html = page.content.decode()
    assert h1_of(page) == "Praat eerst met de school als dat kan"
    for text in ("mentor", "vertrouwenspersoon", "klachtenregeling"):
        assert text in html
    assert 'href="/melden/naar-school">Ga verder met de melding</a>' in html

    client.post(url("role"), {"reporter_role": "pupil"})
    html = client.get("/melden/eerst-de-school").content.decode()
    assert "Praat eerst met iemand op school als dat kan" in html and "0800-0432" in html


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        ({"day": "", "month": "", "year": ""}, "Vul in sinds wanneer het kind niet naar school gaat."),
        ({"day": "1", "month": "", "year": "2026"}, "Vul een dag, een maand en een jaar in."),
        ({"day": "een", "month": "9", "year": "2026"}, "Vul de datum in met cijfers, bijvoorbeeld 15 9 2026."),
        ({"day": "1", "month": "9", "year": "26"}, "Vul het jaar in met 4 cijfers, bijvoorbeeld 2026."),
        ({"day": "31", "month": "4", "year": "2026"}, "Vul een bestaande datum in, bijvoorbeeld 15 9 2026."),
        ({"day": "1", "month": "1", "year": "2999"}, "Deze datum ligt in de toekomst."),
    ],
)
def test_the_absence_date_is_required_and_checked(client, registry, parts, message):
    """Not attending needs a real date in day, month and year boxes, not in the future."""
    walk(client, parent_answers(), until="absent_since")
    response = client.post(url("absent_since"), parts)
    assert errors_in(response) == [message]
    assert 'href="#id_day"' in response.content.decode()


def test_date_boxes_become_an_iso_date(client, registry):
    """Day, month and year are stored as one ISO date and shown in words on the check page."""
    walk(client, parent_answers(), until="absent_since")
    answer(client, "absent_since", {"day": "02", "month": "3", "year": "2026"})
    walk(client, {k: v for k, v in parent_answers().items() if k != "absent_since"}, until=None)
    html = client.get(url("check")).content.decode()
    assert "2 maart 2026" in html


def test_partly_attending_makes_the_date_optional_and_attending_skips_it(client, registry):
    """ "Soms" asks the date as optional; "Ja, gewoon" goes straight on to the staff question."""
    walk(client, parent_answers(), until="attendance")
    response = client.post(url("attendance"), {"attendance": "partly"})
    assert response["Location"] == "/melden/niet-naar-school-sinds"
    assert "(optioneel)" in h1_of(client.get(url("absent_since")))
    assert client.post(url("absent_since"), {"day": "", "month": "", "year": ""})["Location"] == "/melden/medewerker"

    response = client.post(url("attendance"), {"attendance": "attending"})
    assert response["Location"] == "/melden/medewerker"


def test_school_search_lists_results_as_radios_and_keeps_the_words_out_of_the_url(client, registry):
    """The search is sent by POST; the results show name, place and code as radios, plus "rather not say"."""
    walk(client, parent_answers(), until="school")
    response = client.post(url("school"), {"q": "verwondering alteveer", "search": "1"})
    assert response.status_code == 302
    assert response["Location"] == "/melden/school#resultaten"
    html = client.get(url("school")).content.decode()
    assert "1 school gevonden." in html
    assert re.search(r'<input[^>]*type="radio"[^>]*id="id_school_0"[^>]*value="32JK00"', html)
    assert "BBS de Verwondering" in html and "ALTEVEER GEM NOORDENVELD · code 32JK00" in html
    assert "Ik zeg liever niet welke school" in html
    assert 'value="verwondering alteveer"' in html

    response = client.post(url("school"), {"q": "bestaat-niet-xyz", "search": "1"})
    html = client.get(url("school")).content.decode()
    assert "Geen school gevonden." in html

    response = client.post(url("school"), {"q": "", "search": "1"})
    assert errors_in(response) == ["Vul de naam, de plaats of de code van de school in."]
    assert 'href="#id_q"' in response.content.decode()


def test_a_chosen_school_skips_the_sector_and_stays_chosen(client, registry):
    """Choosing a school from the results goes to the topics; coming back shows it still chosen."""
    walk(client, parent_answers(), until="school")
    response = answer(client, "school", {"school": "32JK00", "continue": "1"})
    assert response["Location"] == "/melden/onderwerp"
    client.post(url("school"), {"q": "iets anders", "search": "1"})
    html = client.get(url("school")).content.decode()
    assert re.search(r'value="32JK00" checked', html)


def test_a_school_chosen_from_the_quick_search_is_accepted(client, registry):
    """A school shown by the search-while-typing (no server search) is a valid choice when it is in the registry."""
    walk(client, parent_answers(), until="school")
    response = client.post(url("school"), {"school": "32JK00", "continue": "1"})
    assert response["Location"] == "/melden/onderwerp"


def test_a_made_up_school_code_is_refused(client, registry):
    """Only a school from the results (or "rather not say") can be chosen."""
    walk(client, parent_answers(), until="school")
    response = client.post(url("school"), {"school": "99XX00", "continue": "1"})
    assert response.status_code == 200
    assert errors_in(response)


def test_the_description_limit_is_20000_characters_after_trimming(client, registry):
    """A too long description is refused by the one validation, and the text stays in the box."""
    walk(client, parent_answers(), until="description")
    response = client.post(url("description"), {"description": "  " + "a" * 20_001})
    assert errors_in(response) == ["Gebruik ten hoogste 20.000 tekens."]
    assert "a" * 100 in response.content.decode()
    response = client.post(url("description"), {"description": "\n  " + "a" * 20_000 + "  \n"})
    assert response.status_code == 302


def test_the_attachments_page_names_types_and_sizes_up_front(client, registry):
    """Before any upload the page names JPG, PNG, PDF, 10 MB and 5 files; it works as a plain multipart form."""
    walk(client, parent_answers(), until="attachments")
    html = client.get(url("attachments")).content.decode()
    assert "JPG, PNG en PDF" in html and "10 MB" in html and "5 bestanden" in html
    assert 'enctype="multipart/form-data"' in html
    assert "Nog geen bestanden toegevoegd." in html


def test_files_are_checked_at_once_listed_and_removable(client, registry):
    """A good file is listed; a refused file gets its own message; a file can be removed again."""
    walk(client, parent_answers(), until="attachments")
    response = client.post(
        url("attachments"),
        {
            "upload": "1",
            "files": [
                SimpleUploadedFile("schermafbeelding.png", png(), content_type="image/png"),
                SimpleUploadedFile("notities.txt", b"gewoon tekst", content_type="image/png"),
            ],
        },
    )
    assert response.status_code == 200
    assert errors_in(response) == ["Het bestand notities.txt is geen JPG, PNG of PDF."]
    html = response.content.decode()
    assert 'href="#id_files"' in html
    assert "schermafbeelding.png" in html
    upload = DraftUpload.objects.get()
    assert bytes(upload.data)[:3] == b"v1."  # stored encrypted, never the PNG bytes

    response = client.post(url("attachments"), {"remove": str(upload.pk)})
    assert response.status_code == 302
    assert not DraftUpload.objects.exists()
    assert "Nog geen bestanden toegevoegd." in client.get(url("attachments")).content.decode()


def test_a_file_over_10_mb_is_refused_without_reading_all_of_it(client, registry):
    """A file larger than 10 MB gets a clear message naming it."""
    walk(client, parent_answers(), until="attachments")
    big = SimpleUploadedFile("groot.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024), content_type="application/pdf")
    response = client.post(url("attachments"), {"upload": "1", "files": [big]})
    assert errors_in(response) == ["Het bestand groot.pdf is groter dan 10 MB."]


def test_no_more_than_five_files(client, registry):
    """After five files the upload box gives way to a note, and a sixth file is refused."""
    walk(client, parent_answers(), until="attachments")
    for number in range(5):
        client.post(url("attachments"), {"upload": "1", "files": [SimpleUploadedFile(f"f{number}.png", png())]})
    assert DraftUpload.objects.count() == 5
    html = client.get(url("attachments")).content.decode()
    assert "U heeft het maximum van 5 bestanden toegevoegd." in html
    response = client.post(url("attachments"), {"upload": "1", "files": [SimpleUploadedFile("f6.png", png())]})
    assert errors_in(response) == ["U kunt niet meer dan 5 bestanden meesturen."]
    assert DraftUpload.objects.count() == 5


def test_add_file_without_choosing_one_says_so(client, registry):
    """Pressing "Bestand toevoegen" with no file chosen asks to choose one."""
    walk(client, parent_answers(), until="attachments")
    response = client.post(url("attachments"), {"upload": "1"})
    assert errors_in(response) == ["Kies eerst een bestand."]


def test_a_later_page_cannot_be_skipped_to(client):
    """Typing the address of a later page leads to the first unanswered question."""
    response = client.get(url("contact"))
    assert response["Location"] == "/melden/gevaar"
    client.post(url("danger"), {"acute_danger": "no"})
    assert client.get(url("check"))["Location"] == "/melden/wie"


def test_an_expired_session_keeps_the_last_answer_and_says_why(client, registry):
    """A page sent after the session ran out keeps that answer, explains, and asks the first open question."""
    response = client.post(url("description"), {"description": "Een lange tekst die niet verloren mag gaan."})
    assert response["Location"] == "/melden/gevaar"
    page = client.get(url("danger"))
    assert "Uw antwoorden waren gewist" in page.content.decode()
    walk(client, parent_answers(), until="description")
    assert "niet verloren mag gaan" in client.get(url("description")).content.decode()
