"""Permission-matrix rows of the school portal (see accounts/tests/matrix.py).

Only a school contact of the case's board opens these pages; every other staff role gets 403 and
anyone not signed in is sent to the sign-in page. The single-use link pages are public: they are how
a board without an account signs in.
"""

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from meldpunt.accounts.models import User
from meldpunt.accounts.tests.matrix import Row, World, png
from meldpunt.cases.deadlines import add_working_days
from meldpunt.findings.constants import Side
from meldpunt.findings.services import (
    FindingsTexts,
    draft_findings_save,
    draft_findings_send,
    findings_comment_add,
    findings_finalise,
)
from meldpunt.interventions.services import AgreementFields, agreement_add
from meldpunt.investigations.models import InformationRequest
from meldpunt.investigations.tests.permission_rows_evidence import evidence_add
from meldpunt.investigations.tests.request_helpers import request_sent
from meldpunt.privacy.actors import Actor, ActorKind

SCHOOL_ONLY = frozenset({"school_contact"})
FINDINGS = FindingsTexts(
    facts_established="De leerling is in de pauze buitengesloten.",
    facts_disputed="",
    assessment="De school had eerder moeten ingrijpen.",
    recommendations="Maak een plan voor de pauzes.",
)


def _sent_kwargs(world: World, user: Any) -> dict[str, Any]:
    return {"pk": request_sent(world.case, world.users["handler"]).request.pk}


def _answers(world: World) -> dict[str, Any]:
    request = InformationRequest.objects.filter(case=world.case).latest("pk")
    return {"submit": "save", **{f"answer_{q.pk}": "Dat weten wij niet." for q in request.questions.all()}}


def _later_working_day(world: World) -> str:
    due = InformationRequest.objects.filter(case=world.case).latest("pk").due_on
    assert due is not None
    return add_working_days(due, 5).isoformat()


def _document_kwargs(world: World, user: Any) -> dict[str, Any]:
    kwargs = _sent_kwargs(world, user)
    evidence = evidence_add(world.case, world.users["handler"], title="Brief van het meldpunt", shared_with_school=True)
    return {**kwargs, "evidence_id": evidence.pk}


def _findings_sent(world: World, user: Any) -> None:
    handler: User = world.users["handler"]
    draft_findings_save(case=world.case, user=handler, texts=FINDINGS)
    draft_findings_send(case=world.case, user=handler)


def _findings_final(world: World, user: Any) -> None:
    _findings_sent(world, user)
    school = Actor(kind=ActorKind.SCHOOL, user=world.users["school_contact"])
    findings_comment_add(case=world.case, side=Side.SCHOOL, body="Wij herkennen dit.", actor=school)
    findings_comment_add(case=world.case, side=Side.REPORTER, body="Klopt.", actor=Actor.reporter(world.case.reference))
    findings_finalise(
        case=world.case, user=world.users["handler"], texts=FINDINGS, changes="Niets veranderd: geen nieuwe feiten."
    )


def _agreement_shared(world: World, user: Any) -> None:
    agreement_add(
        case=world.case,
        user=world.users["handler"],
        fields=AgreementFields(
            description="De school maakt een plan voor de pauzes.",
            owner="school_board",
            due_on=dt.date.today() + dt.timedelta(days=30),
        ),
    )


def _reference(world: World, user: Any) -> dict[str, Any]:
    return {"reference": world.case.reference}


BACK_OFFICE: dict[str, Row] = {
    "schoolportal:home": Row("get", SCHOOL_ONLY),
    "schoolportal:request": Row("get", SCHOOL_ONLY, kwargs=_sent_kwargs),
    "schoolportal:request_answers": Row("post", SCHOOL_ONLY, kwargs=_sent_kwargs, data=_answers),
    "schoolportal:request_document_add": Row(
        "post",
        SCHOOL_ONLY,
        kwargs=_sent_kwargs,
        data=lambda w: {"title": "Verslag", "file": SimpleUploadedFile("verslag.png", png(), "image/png")},
    ),
    "schoolportal:request_more_time": Row(
        "post",
        SCHOOL_ONLY,
        kwargs=_sent_kwargs,
        data=lambda w: {"until": _later_working_day(w), "reason": "De mentor is ziek."},
    ),
    "schoolportal:document": Row("get", SCHOOL_ONLY, kwargs=_document_kwargs),
    "schoolportal:findings": Row("get", SCHOOL_ONLY, kwargs=_reference, setup=_findings_sent),
    "schoolportal:findings_comment": Row(
        "post", SCHOOL_ONLY, kwargs=_reference, setup=_findings_sent, data=lambda w: {"body": "Wij herkennen dit."}
    ),
    "schoolportal:findings_pdf": Row("get", SCHOOL_ONLY, kwargs=_reference, setup=_findings_final),
    "schoolportal:agreements": Row("get", SCHOOL_ONLY, kwargs=_reference, setup=_agreement_shared),
}

PUBLIC = {"schoolportal:link", "schoolportal:link_code", "schoolportal:sign_out", "schoolportal:signed_out"}
