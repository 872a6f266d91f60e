"""Who may see what of a case: the confidentiality table (DESIGN.md, "Confidential by default").

A pure rule: a party role, an item kind and whether the handler shared that item with the party's
side decide whether the item is visible. Every page, PDF and API response for the reporter and the
school goes through selectors that ask `may_see`; nothing shows an item without asking.

The reporter's side (reporter, parent, support person) and the school's side (board, location)
are the two sides heard; other parties (pupil, accused staff member, witness, the school's
confidential person) have no portal and see nothing through the system.
"""

import enum
from collections.abc import Mapping

from meldpunt.investigations.constants import PartyAccess, PartyRole


class ItemKind(enum.StrEnum):
    REPORT = "report"  # what the reporter wrote at intake
    REPORTER_IDENTITY = "reporter_identity"  # name and contact details of the reporter
    SHARED_SUMMARY = "shared_summary"  # the summary the reporter agreed to share with the school
    QUESTION = "question"  # a question to the school board
    ANSWER = "answer"  # the school's answer
    DOCUMENT = "document"  # an item of the evidence register
    INTERVIEW = "interview"  # an interview record
    CHRONOLOGY = "chronology"
    NOTE = "note"  # internal note of the handler
    DRAFT_FINDINGS = "draft_findings"
    FINAL_FINDINGS = "final_findings"
    AGREEMENT = "agreement"
    MEDIATION = "mediation"
    ESCALATION = "escalation"
    REFERRAL = "referral"


class Side(enum.StrEnum):
    REPORTER = "reporter"
    SCHOOL = "school"
    NONE = "none"


SIDE_OF_ROLE: Mapping[PartyRole, Side] = {
    PartyRole.REPORTER: Side.REPORTER,
    PartyRole.PARENT: Side.REPORTER,
    PartyRole.SUPPORT_PERSON: Side.REPORTER,
    PartyRole.SCHOOL_BOARD: Side.SCHOOL,
    PartyRole.SCHOOL_LOCATION: Side.SCHOOL,
    PartyRole.PUPIL: Side.NONE,
    PartyRole.ACCUSED_STAFF: Side.NONE,
    PartyRole.WITNESS: Side.NONE,
    PartyRole.SCHOOL_CONFIDENTIAL_PERSON: Side.NONE,
}


class Rule(enum.Enum):
    NEVER = "never"
    WHEN_SHARED = "when_shared"
    ALWAYS = "always"


# The table. A missing entry means NEVER: an item kind added later stays hidden until decided here.
TABLE: Mapping[Side, Mapping[ItemKind, Rule]] = {
    Side.REPORTER: {
        ItemKind.REPORT: Rule.ALWAYS,
        ItemKind.REPORTER_IDENTITY: Rule.ALWAYS,
        ItemKind.SHARED_SUMMARY: Rule.ALWAYS,
        ItemKind.QUESTION: Rule.WHEN_SHARED,
        ItemKind.ANSWER: Rule.WHEN_SHARED,
        ItemKind.DOCUMENT: Rule.WHEN_SHARED,
        ItemKind.DRAFT_FINDINGS: Rule.WHEN_SHARED,
        ItemKind.FINAL_FINDINGS: Rule.WHEN_SHARED,
        ItemKind.AGREEMENT: Rule.WHEN_SHARED,
        ItemKind.MEDIATION: Rule.WHEN_SHARED,
        ItemKind.ESCALATION: Rule.WHEN_SHARED,
        ItemKind.REFERRAL: Rule.ALWAYS,
    },
    Side.SCHOOL: {
        ItemKind.REPORTER_IDENTITY: Rule.WHEN_SHARED,
        ItemKind.SHARED_SUMMARY: Rule.WHEN_SHARED,
        ItemKind.QUESTION: Rule.WHEN_SHARED,
        ItemKind.ANSWER: Rule.WHEN_SHARED,
        ItemKind.DOCUMENT: Rule.WHEN_SHARED,
        ItemKind.DRAFT_FINDINGS: Rule.WHEN_SHARED,
        ItemKind.FINAL_FINDINGS: Rule.WHEN_SHARED,
        ItemKind.AGREEMENT: Rule.WHEN_SHARED,
        ItemKind.MEDIATION: Rule.WHEN_SHARED,
    },
    Side.NONE: {},
}


def may_see(*, role: PartyRole, item: ItemKind, shared: bool, access: PartyAccess = PartyAccess.SHARED) -> bool:
    """May a party in `role` see an item of kind `item`, given whether it was shared with its side?

    `access` is the party's own setting; a party set to see nothing sees nothing, whatever the table says.
    """
    if access == PartyAccess.NOTHING:
        return False
    rule = TABLE[SIDE_OF_ROLE[role]].get(item, Rule.NEVER)
    return rule is Rule.ALWAYS or (rule is Rule.WHEN_SHARED and shared)
