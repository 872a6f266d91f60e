"""Fixtures of the referral tests: a case in intake through the real intake and workflow services,
its handler, a network organisation that takes referrals, and a partner of that organisation."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from meldpunt.accounts.models import User
from meldpunt.accounts.tests.helpers import make_staff_user, sign_in_client
from meldpunt.cases.models import Case
from meldpunt.cases.services import case_start_intake
from meldpunt.intake.services import SubmittedReport, report_submit
from meldpunt.intake.validation import SchoolFacts, report_validate
from meldpunt.network.models import Organisation
from meldpunt.referrals.models import Referral
from meldpunt.referrals.selectors import ReferralInput
from meldpunt.referrals.services import referral_send

EMAIL = "ouder.melder@example.nl"
PHONE = "06 12345678"
DESCRIPTION = "Mijn dochter wordt al maanden gepest en durft niet meer naar school."


@dataclass
class Setting:
    submitted: SubmittedReport
    handler: User
    organisation: Organisation
    partner: User

    @property
    def case(self) -> Case:
        return self.submitted.case


def submit(**overrides: Any) -> SubmittedReport:
    body = {
        "reporter_role": "parent",
        "categories": ["bullying_psychological", "discrimination"],
        "description": DESCRIPTION,
        "attendance": "not_attending",
        "absent_since": (timezone.localdate() - dt.timedelta(days=10)).isoformat(),
        "acute_danger": False,
        "contact": {"email": EMAIL, "phone": PHONE},
        "share_identity_with_school": False,
        "consent_referral": True,
        "language": "nl",
        **overrides,
    }
    report, errors = report_validate(body, today=timezone.localdate(), school_lookup=lambda c: SchoolFacts(c, "po"))
    assert errors == {}, errors
    assert report is not None
    return report_submit(report=report)


def organisation_make(name: str = "Stichting Steun op School", *, accepts: bool = True) -> Organisation:
    slug = name.lower().replace(" ", "-")
    return Organisation.objects.create(slug=slug, name=name, description_nl="Steun.", accepts_referrals=accepts)


@pytest.fixture
def setting(db: None) -> Setting:
    """A parent's report in intake (consent to refer ticked), its handler, and a partner's organisation."""
    submitted = submit()
    handler = make_staff_user("handler", first_name="Henk", last_name="de Vries")
    Case.objects.filter(pk=submitted.case.pk).update(assigned_handler=handler)
    submitted.case.refresh_from_db()
    case_start_intake(case=submitted.case, actor=handler)
    submitted.case.refresh_from_db()
    organisation = organisation_make()
    partner = make_staff_user("partner", partner=organisation, email="partner@steun.example")
    mail.outbox.clear()  # the reporter's acknowledgement and news: each test counts only its own emails
    return Setting(submitted=submitted, handler=handler, organisation=organisation, partner=partner)


def network_input(setting: Setting, **overrides: Any) -> ReferralInput:
    values: dict[str, Any] = {
        "kind": "network_organisation",
        "organisation_id": setting.organisation.pk,
        "summary": "Ouder zoekt steun bij gesprekken met de school.",
        "consent_choice": "intake",
        **overrides,
    }
    return ReferralInput(**values)


@pytest.fixture
def send(setting: Setting) -> Callable[..., Referral]:
    """Send a referral to the setting's organisation through the real service (overrides change the input)."""

    def make(**overrides: Any) -> Referral:
        return referral_send(case=setting.case, user=setting.handler, data=network_input(setting, **overrides))

    return make


@pytest.fixture
def signed_in() -> Callable[[User], Client]:
    def make(user: User) -> Client:
        return sign_in_client(Client(), user)

    return make
