"""Sections other apps add to the reporter's case page: findings, agreements, referrals, follow-up.

Each provider is a function `reporter_section(*, case, visitor) -> PortalSection | None` in the
owning app's `portal_section` module; it decides what the reporter (or a read-only support person)
may see and returns None when there is nothing to show. The portal only places them on the page,
in this order, so the portal knows no investigation, findings or referral model.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.module_loading import import_string

from meldpunt.cases.models import Case
from meldpunt.portal.visitors import Visitor


@dataclass(frozen=True)
class PortalSection:
    anchor: str  # the id of the section's heading, for the "On this page" list
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)


PROVIDERS = [
    "meldpunt.cases.portal_section.reporter_section",
    "meldpunt.investigations.portal_section.reporter_section",
    "meldpunt.findings.portal_section.reporter_section",
    "meldpunt.interventions.portal_section.reporter_section",
    "meldpunt.referrals.portal_section.reporter_section",
]


def reporter_sections(*, case: Case, visitor: Visitor) -> list[PortalSection]:
    sections = []
    for dotted in PROVIDERS:
        provider: Callable[..., PortalSection | None] = import_string(dotted)
        section = provider(case=case, visitor=visitor)
        if section is not None:
            sections.append(section)
    return sections
