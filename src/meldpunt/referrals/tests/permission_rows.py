"""Permission-matrix rows of referrals (see accounts/tests/matrix.py).

The handler's pages are for the assigned handler only; the partner portal for partners, and a
referral's pages only for a partner of the organisation it was made to. Each row's setup sends a
referral of the world's case to the organisation of the world's "partner" user.
"""

from typing import Any

from django.utils import timezone

from meldpunt.accounts.tests.matrix import Row, World, reference_kwargs
from meldpunt.referrals.models import Referral
from meldpunt.referrals.selectors import ReferralInput
from meldpunt.referrals.services import referral_accept, referral_report, referral_send


def _referral(world: World) -> Referral:
    existing = Referral.objects.filter(case=world.case).first()
    if existing is not None:
        return existing
    organisation = world.users["partner"].partner
    organisation.accepts_referrals = True
    organisation.save(update_fields=["accepts_referrals"])
    return referral_send(
        case=world.case,
        user=world.users["handler"],
        data=ReferralInput(
            kind="network_organisation",
            organisation_id=organisation.pk,
            summary="Ouder zoekt steun.",
            consent_choice="new",
            consent_how_given="Telefonisch",
        ),
    )


def _sent(world: World, user: Any) -> None:
    _referral(world)


def _accepted(world: World, user: Any) -> None:
    referral_accept(referral=_referral(world), user=world.users["partner"])


def _reported_with_buddy(world: World, user: Any) -> None:
    referral = _referral(world)
    referral_accept(referral=referral, user=world.users["partner"])
    referral_report(
        referral=referral,
        user=world.users["partner"],
        contact_made=True,
        contact_made_on=timezone.localdate(),
        support_offered="Buddy",
        buddy_assigned=True,
        buddy_name="Bram Buddy",
        buddy_email="bram@steun.example",
    )


def _referral_kwargs(world: World, user: Any) -> dict[str, Any]:
    return {"referral_id": _referral(world).pk}


def _case_referral_kwargs(world: World, user: Any) -> dict[str, Any]:
    return {"reference": world.case.reference, "referral_id": _referral(world).pk}


HANDLER = frozenset({"handler"})
PARTNER = frozenset({"partner"})

BACK_OFFICE: dict[str, Row] = {
    "referrals:case": Row("get", HANDLER, kwargs=reference_kwargs, setup=_sent),
    "referrals:new": Row("get", HANDLER, kwargs=reference_kwargs),
    # Without a draft in the session the preview sends the handler back to the form (a redirect, allowed).
    "referrals:preview": Row("get", HANDLER, kwargs=reference_kwargs),
    "referrals:send": Row("post", HANDLER, kwargs=reference_kwargs),
    "referrals:close": Row("post", HANDLER, kwargs=_case_referral_kwargs, setup=_sent),
    "referrals:buddy_link": Row("post", HANDLER, kwargs=_case_referral_kwargs, setup=_reported_with_buddy),
    "partner:referrals": Row("get", PARTNER),
    "partner:referral": Row("get", PARTNER, kwargs=_referral_kwargs, setup=_sent),
    "partner:accept": Row("post", PARTNER, kwargs=_referral_kwargs, setup=_sent),
    "partner:decline": Row(
        "post", PARTNER, kwargs=_referral_kwargs, setup=_sent, data=lambda w: {"decline-reason": "Geen plek."}
    ),
    "partner:report": Row(
        "post",
        PARTNER,
        kwargs=_referral_kwargs,
        setup=_accepted,
        data=lambda w: {
            "report-contact_made": "no",
            "report-contact_made_on": "",
            "report-support_offered": "",
            "report-buddy_assigned": "no",
            "report-buddy_name": "",
            "report-buddy_email": "",
        },
    ),
}
