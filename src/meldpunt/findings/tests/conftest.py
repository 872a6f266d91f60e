"""Fixtures of the findings tests: a case under investigation at a real school, its handler and a school contact."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from meldpunt.accounts.models import User
from meldpunt.cases.models import Case
from meldpunt.cases.tests.case_helpers import case_in_investigation
from meldpunt.findings.services import FindingsTexts
from meldpunt.intake.codes import access_code_hash, access_code_new
from meldpunt.privacy.actors import Actor, ActorKind
from meldpunt.schools.models import School

TEXTS = FindingsTexts(
    facts_established="De melder is in oktober drie keer uitgescholden in de pauze.",
    facts_disputed="Of de mentor ervan wist, staat niet vast.",
    assessment="De school heeft niet genoeg gedaan om het pesten te stoppen.",
    recommendations="Maak een plan tegen pesten en bespreek het met de melder.",
)


@pytest.fixture
def handler(staff_user: Callable[..., User]) -> User:
    return staff_user("handler", first_name="Henk", last_name="de Vries")


@pytest.fixture
def case(handler: User, school: School) -> Case:
    """A parent's report about BBS de Verwondering, assigned to `handler`, under investigation."""
    return case_in_investigation(handler, school=school.code)


@pytest.fixture
def contact(staff_user: Callable[..., User], school: School) -> User:
    """A contact person of the board of the case's school."""
    return staff_user("school_contact", board=school.board)


@pytest.fixture
def reporter(case: Case) -> Actor:
    return Actor.reporter(case.reference)


@pytest.fixture
def school_actor(contact: User) -> Actor:
    return Actor(kind=ActorKind.SCHOOL, user=contact)


@pytest.fixture
def reporter_client(client: Client, case: Case) -> Client:
    """A browser signed in on the portal as the case's reporter (a fresh access code is set for the test)."""
    code = access_code_new()
    Case.objects.filter(pk=case.pk).update(access_code_hash=access_code_hash(code))
    response = client.post("/mijn-melding/", {"reference": case.reference, "access_code": code})
    assert response.status_code == 302, response
    return client


def texts(**overrides: Any) -> FindingsTexts:
    return FindingsTexts(**{**TEXTS.__dict__, **overrides})
