"""The school's agreements page: the agreements and mediation meetings shared with the school, read only."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from meldpunt.accounts.tests.helpers import sign_in_client
from meldpunt.cases.tests.case_helpers import case_in_investigation
from meldpunt.findings.services import draft_findings_save, draft_findings_send
from meldpunt.interventions.services import (
    AgreementFields,
    agreement_add,
    agreement_reporter_answer,
    mediation_cancel,
    mediation_plan,
    mediation_record,
)
from meldpunt.investigations.models import SchoolAccessLink
from meldpunt.investigations.tests.request_helpers import committed, reporter_named, request_sent, school_contact
from meldpunt.privacy.actors import Actor
from meldpunt.privacy.models import AuditEntry
from meldpunt.schoolportal.tests.permission_rows import FINDINGS

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC)
SHARED = "De school maakt voor 1 april een plan tegen pesten in de pauzes."
NOT_SHARED = "De intern begeleider belt de moeder over de thuissituatie."
PARTICIPANTS = "Moeder, directeur, mentor"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def handler(staff_user):
    return staff_user("handler")


@pytest.fixture
def case(handler, school):
    return case_in_investigation(handler, school=school.code)


@pytest.fixture
def contact(case):
    return school_contact(case)


@pytest.fixture
def browser(contact):
    return sign_in_client(Client(), contact)


def _agreement(case, handler, description, *, shared=True, days=14, **overrides):
    fields = AgreementFields(
        description=description,
        owner=overrides.pop("owner", "school_board"),
        due_on=NOW.date() + dt.timedelta(days=days),
        shared_with_school=shared,
        shared_with_reporter=True,
        **overrides,
    )
    return agreement_add(case=case, user=handler, fields=fields)


def _meeting(case, handler, *, shared=True, days=7, outcome=""):
    meeting = mediation_plan(
        case=case,
        user=handler,
        planned_at=NOW + dt.timedelta(days=days),
        participants=PARTICIPANTS,
        shared=shared,
    )
    if outcome:
        return mediation_record(meeting=meeting, user=handler, held_at=NOW + dt.timedelta(days=days), outcome=outcome)
    return meeting


def _url(case):
    return reverse("schoolportal:agreements", kwargs={"reference": case.reference})


def test_the_contact_sees_the_shared_agreements_and_meetings_only(case, handler, contact, frozen):
    """Shared agreements (owner, due date, status, overdue) and meetings show; unshared ones and participants never."""
    agreement = _agreement(case, handler, SHARED, days=1)
    _agreement(case, handler, NOT_SHARED, shared=False)
    _meeting(case, handler, days=-3, outcome="Beide kanten willen verder praten.")
    _meeting(case, handler, days=10)
    cancelled = _meeting(case, handler, days=12)
    mediation_cancel(meeting=cancelled, user=handler)
    _meeting(case, handler, days=20, shared=False)
    agreement_reporter_answer(agreement=agreement, actor=Actor.reporter(case.reference), happened=False)
    frozen.move_to(NOW + dt.timedelta(days=3))

    page = sign_in_client(Client(), contact).get(_url(case)).text
    assert SHARED in page and "Schoolbestuur" in page and "Loopt nog" in page and "Te laat" in page
    assert "Beide kanten willen verder praten." in page and "Gehouden" in page
    assert "Gepland" in page and "Gaat niet door" in page
    assert page.count("utrecht-unordered-list__item") == 3, "the unshared meeting is not listed"
    for hidden in (NOT_SHARED, PARTICIPANTS, "het is niet gebeurd"):
        assert hidden not in page
    read = AuditEntry.objects.get(actor=contact, action="case.read", details__view="interventions")
    assert read.details["side"] == "school"


def test_the_start_page_and_the_case_pages_link_here(browser, case, handler):
    """The start page lists the case with its counts; the request and findings pages link to the agreements."""
    home = browser.get(reverse("schoolportal:home")).text
    assert _url(case) not in home and "deelt geen afspraken of gesprekken" in home
    _agreement(case, handler, SHARED)
    _meeting(case, handler, days=5)
    home = browser.get(reverse("schoolportal:home")).text
    assert _url(case) in home and "1 afspraak loopt nog" in home and "volgend gesprek op 15 maart 2026" in home
    request = request_sent(case, handler).request
    assert _url(case) in browser.get(reverse("schoolportal:request", kwargs={"pk": request.pk})).text
    draft_findings_save(case=case, user=handler, texts=FINDINGS)
    draft_findings_send(case=case, user=handler)
    assert _url(case) in browser.get(reverse("schoolportal:findings", kwargs={"reference": case.reference})).text


def test_nothing_shared_says_so_and_is_not_audited(browser, case, handler, contact):
    """With only unshared items the page says nothing is shared and no case content was read."""
    _agreement(case, handler, NOT_SHARED, shared=False)
    _meeting(case, handler, shared=False)
    page = browser.get(_url(case)).text
    assert "deelt nog geen afspraken of gesprekken" in page and NOT_SHARED not in page
    assert not AuditEntry.objects.filter(actor=contact, action="case.read").exists()
    assert _url(case) not in browser.get(reverse("schoolportal:home")).text


def test_names_the_school_may_not_know_are_replaced(browser, case, handler):
    """A name of the reporter in an agreement, its owner or a meeting's outcome reaches the school as a placeholder."""
    reporter_named(case, handler, "Fatima Zwaan")
    description = "Fatima Zwaan krijgt elke week een gesprek met de mentor."
    _agreement(case, handler, description, owner="other", owner_other="Zwaan")
    _meeting(case, handler, days=-1, outcome="Mevrouw Zwaan is tevreden.")
    page = browser.get(_url(case)).text
    assert "Zwaan" not in page and "Fatima" not in page
    assert page.count("[naam melder]") == 3


def test_another_boards_contact_gets_404_and_other_staff_403(case, handler, staff_user):
    """A contact of another board finds no such case; a handler is no school contact."""
    _agreement(case, handler, SHARED)
    other = sign_in_client(Client(), staff_user("school_contact"))
    response = other.get(_url(case))
    assert response.status_code == 404 and SHARED not in response.text
    assert sign_in_client(Client(), handler).get(_url(case)).status_code == 403
    assert Client().get(_url(case)).status_code == 302


def test_a_single_use_link_opens_only_the_agreements_of_its_own_case(case, handler, school, staff_user):
    """A board signed in with a link reads its request's case (audited for the link), and no other case."""
    _agreement(case, handler, SHARED)
    _agreement(case, handler, NOT_SHARED, shared=False)
    _meeting(case, handler, days=-2, outcome="Beide kanten willen verder praten.")
    _meeting(case, handler, shared=False, days=4)
    other_case = case_in_investigation(handler, school=school.code)
    _agreement(other_case, handler, "Een afspraak over een andere melding.")
    with committed():
        sent = request_sent(case, handler, contact_email="bestuur@school.nl")
    token = re.search(r"/school/toegang/(\S+)", mail.outbox[-1].body).group(1)
    browser = Client()
    browser.get(reverse("schoolportal:link", kwargs={"token": token}))
    browser.post(reverse("schoolportal:link_code"), {"code": sent.access_code})

    assert _url(case) in browser.get(reverse("schoolportal:request", kwargs={"pk": sent.request.pk})).text
    page = browser.get(_url(case)).text
    assert SHARED in page and "Beide kanten willen verder praten." in page
    assert NOT_SHARED not in page and PARTICIPANTS not in page and page.count("utrecht-unordered-list__item") == 1
    assert "Terug naar het verzoek om informatie" in page
    link = SchoolAccessLink.objects.get(request=sent.request)
    assert AuditEntry.objects.filter(
        actor_ref=f"school-link-{link.pk}", action="case.read", details__view="interventions"
    ).exists()
    assert browser.get(_url(other_case)).status_code == 404
    assert browser.get(reverse("schoolportal:findings", kwargs={"reference": case.reference})).status_code == 403
