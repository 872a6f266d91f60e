import pytest

from meldpunt.referrals.constants import ReferralKind, ReferralStatus
from meldpunt.referrals.rules import Basis, ReferralRefused, Step, basis_of, needs_recipient_name, redact, step_check


@pytest.mark.parametrize(
    ("kind", "basis"),
    [
        (ReferralKind.NETWORK_ORGANISATION, Basis.CONSENT),
        (ReferralKind.POLICE, Basis.LEGAL_GROUND),
        (ReferralKind.VEILIG_THUIS, Basis.LEGAL_GROUND),
        (ReferralKind.HUMAN_RIGHTS_COLLEGE, Basis.CONSENT),
        (ReferralKind.COMPLAINTS_COMMITTEE, Basis.CONSENT),
        (ReferralKind.OTHER, Basis.CONSENT),
    ],
)
def test_basis_of_each_kind(kind, basis):
    """Only police and Veilig Thuis may be referred to on a legal ground; every other kind needs consent."""
    assert basis_of(kind) is basis


def test_named_kinds():
    """A complaints committee and an other organisation need a name; the others are known by their kind."""
    assert [k for k in ReferralKind.values if needs_recipient_name(k)] == ["complaints_committee", "other"]


NET = ReferralKind.NETWORK_ORGANISATION
STEPS = [
    (Step.ACCEPT, ReferralStatus.SENT, NET, True),
    (Step.ACCEPT, ReferralStatus.ACCEPTED, NET, False),
    (Step.ACCEPT, ReferralStatus.DECLINED, NET, False),
    (Step.ACCEPT, ReferralStatus.CLOSED, NET, False),
    (Step.DECLINE, ReferralStatus.SENT, NET, True),
    (Step.DECLINE, ReferralStatus.ACCEPTED, NET, False),
    (Step.REPORT, ReferralStatus.SENT, NET, False),
    (Step.REPORT, ReferralStatus.ACCEPTED, NET, True),
    (Step.REPORT, ReferralStatus.CLOSED, NET, False),
    (Step.CLOSE, ReferralStatus.SENT, NET, True),
    (Step.CLOSE, ReferralStatus.ACCEPTED, NET, True),
    (Step.CLOSE, ReferralStatus.DECLINED, NET, True),
    (Step.CLOSE, ReferralStatus.CLOSED, NET, False),
    (Step.CLOSE, ReferralStatus.SENT, ReferralKind.POLICE, True),
    (Step.LINK_BUDDY, ReferralStatus.ACCEPTED, NET, True),
    (Step.LINK_BUDDY, ReferralStatus.CLOSED, NET, True),
    (Step.LINK_BUDDY, ReferralStatus.SENT, NET, False),
    (Step.ACCEPT, ReferralStatus.SENT, ReferralKind.POLICE, False),
    (Step.REPORT, ReferralStatus.ACCEPTED, ReferralKind.OTHER, False),
]


@pytest.mark.parametrize(("step", "status", "kind", "allowed"), STEPS)
def test_step_table(step, status, kind, allowed):
    """Each step starts only from its statuses; only a network organisation answers a referral."""
    if allowed:
        step_check(step, status=status, kind=kind)
    else:
        with pytest.raises(ReferralRefused):
            step_check(step, status=status, kind=kind)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mail naar ouder@example.nl of bel.", "Mail naar [e-mailadres weggelaten] of bel."),
        ("Bel 06 12345678 na vieren.", "Bel [telefoonnummer weggelaten] na vieren."),
        ("Bel 06-1234 5678.", "Bel [telefoonnummer weggelaten]."),
        ("Bel +31 6 1234 5678.", "Bel [telefoonnummer weggelaten]."),
        ("Bel 020-1234567.", "Bel [telefoonnummer weggelaten]."),
        ("Op 12-03-2026 in groep 7, sinds 2025.", "Op 12-03-2026 in groep 7, sinds 2025."),
        ("Marieke Jansen en haar zoon.", "[naam weggelaten] en haar zoon."),
        ("marieke belde; Jansen ook.", "[naam weggelaten] belde; [naam weggelaten] ook."),
        ("De school van de buurt.", "De school van de buurt."),
        ("Mariekes fiets.", "Mariekes fiets."),
    ],
)
def test_redact(text, expected):
    """Names of the reporter, any email address and any phone number are replaced; dates, words and parts stay."""
    assert redact(text, names=["Marieke van Jansen"], emails=["ouder@example.nl"], phones=["0612345678"]) == expected


def test_redact_own_phone_written_differently():
    """The reporter's own number goes even when written in a way the general pattern misses."""
    assert redact("nummer 6 1234 5678", phones=["06 12345678"]) == "nummer [telefoonnummer weggelaten]"
