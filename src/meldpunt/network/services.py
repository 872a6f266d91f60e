"""Writes to the network directory: the import of data/network.csv and the administrators' edits.

data/network.csv is the source for the organisations it lists: an import brings their rows in line
with the file (by name), closes the ones that left it and never deletes (a partner account or a
referral may point at one). What only administrators know stays as they set it: whether an
organisation accepts referrals, and organisations they added by hand.
"""

import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from meldpunt.accounts.models import User
from meldpunt.accounts.permissions import Action, role_may
from meldpunt.core.errors import MeldpuntError, PermissionDenied
from meldpunt.network.constants import NETWORK_MEMBERS
from meldpunt.network.models import Organisation
from meldpunt.network.network_file import EnglishRow, NetworkFileError, parse_network, parse_network_en
from meldpunt.privacy.actors import Actor
from meldpunt.privacy.services import audit_record
from meldpunt.schools.matching import fold

logger = logging.getLogger(__name__)

SLUG_MAX = 80
# Taken by the administrators' "add an organisation" page.
RESERVED_SLUGS = frozenset({"nieuw"})


def _require_editor(actor: User) -> None:
    """Administrators only. The views let only fully signed-in staff through; this holds for any caller."""
    if not actor.is_active or not role_may(actor, Action.CONTENT_EDIT):
        raise PermissionDenied(_("U mag dit niet doen."))


@dataclass
class ImportReport:
    """What an import changed, by organisation name (public information)."""

    rows: int = 0
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    deactivated: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class OrganisationValues:
    """What an administrator maintains of an organisation."""

    name: str
    description_nl: str
    description_en: str
    offers: list[str]
    audience: list[str]
    themes: list[str]
    sectors: list[str]
    website: str
    phone: str
    email: str
    chat: str
    hours: str
    hours_en: str
    verified: bool
    network_member: bool
    accepts_referrals: bool
    active: bool


def network_data_path() -> Path:
    """The shipped organisations (see data/network.md for sources and caveats)."""
    return Path(settings.DATA_DIR) / "network.csv"


def english_path_for(path: Path) -> Path:
    """The English texts that go with a network file: network.csv → network_en.csv."""
    return path.with_name(f"{path.stem}_en{path.suffix}")


def organisation_search_text(organisation: Organisation) -> str:
    """The folded words of the name, both descriptions and the themes, for a quick prefilter."""
    words = fold(
        " ".join([organisation.name, organisation.description_nl, organisation.description_en, *organisation.themes])
    )
    return f" {' '.join(dict.fromkeys(words))} "


def _slug_free(name: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:SLUG_MAX].strip("-") or "organisatie"
    if base in RESERVED_SLUGS:
        base = f"{base}-organisatie"
    others = Organisation.objects.all() if exclude_pk is None else Organisation.objects.exclude(pk=exclude_pk)
    taken = set(others.values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        suffix = f"-{number}"
        slug = f"{base[: SLUG_MAX - len(suffix)]}{suffix}"
        number += 1
    return slug


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise NetworkFileError(_("Kan %(path)s niet lezen.") % {"path": path}) from exc


@transaction.atomic
def organisations_import(*, path: Path, english_path: Path | None = None) -> ImportReport:
    """Bring the organisations of `path` in line with the file; a second run changes nothing.

    The English texts come from `english_path`, by default the `_en` file next to `path` when it
    exists. Both files are read and checked before anything is written.
    """
    rows = parse_network(_read(path), source=path.name)
    english_file = english_path or english_path_for(path)
    english: dict[str, EnglishRow] = {}
    if english_path is not None or english_file.exists():
        english = parse_network_en(_read(english_file), known={row.name for row in rows}, source=english_file.name)
    report = ImportReport(rows=len(rows))
    existing = {organisation.name: organisation for organisation in Organisation.objects.all()}
    for row in rows:
        translation = english.get(row.name, EnglishRow(description_en="", hours_en=""))
        values: dict[str, object] = {
            "description_nl": row.description_nl,
            "description_en": translation.description_en,
            "offers": row.offers,
            "audience": row.audience,
            "themes": row.themes,
            "sectors": row.sectors,
            "website": row.website,
            "phone": row.phone,
            "email": row.email,
            "chat": row.chat,
            "hours": row.hours,
            "hours_en": translation.hours_en,
            "sources": row.sources,
            "verified": row.verified,
            "network_member": row.name in NETWORK_MEMBERS,
            "active": True,
            "imported": True,
        }
        organisation = existing.get(row.name)
        if organisation is None:
            organisation = Organisation(name=row.name, slug=_slug_free(row.name), **values)
            organisation.search_text = organisation_search_text(organisation)
            organisation.full_clean()
            organisation.save()
            report.added.append(row.name)
            continue
        changed = [key for key, value in values.items() if getattr(organisation, key) != value]
        if not changed:
            report.unchanged += 1
            continue
        for key in changed:
            setattr(organisation, key, values[key])
        organisation.search_text = organisation_search_text(organisation)
        organisation.full_clean()
        organisation.save()
        report.updated.append(row.name)
    in_file = {row.name for row in rows}
    for name, organisation in existing.items():
        if organisation.imported and organisation.active and name not in in_file:
            organisation.active = False
            organisation.save(update_fields=["active", "updated_at"])
            report.deactivated.append(name)
    logger.info(
        "organisations import",
        extra={
            "rows": report.rows,
            "added": len(report.added),
            "updated": len(report.updated),
            "unchanged": report.unchanged,
            "deactivated": len(report.deactivated),
        },
    )
    return report


def organisations_load_if_empty() -> ImportReport | None:
    """Import the shipped organisations when there are none yet (demo, first start); else do nothing."""
    if Organisation.objects.exists():
        return None
    return organisations_import(path=network_data_path())


def _apply(organisation: Organisation, values: OrganisationValues) -> list[str]:
    """Set the values; the names of the fields that changed."""
    changed = []
    for key, value in asdict(values).items():
        if getattr(organisation, key) != value:
            setattr(organisation, key, value)
            changed.append(key)
    return changed


def _name_free(name: str, *, exclude_pk: int | None = None) -> None:
    others = Organisation.objects.all() if exclude_pk is None else Organisation.objects.exclude(pk=exclude_pk)
    if others.filter(name__iexact=name).exists():
        raise MeldpuntError(_("Er is al een organisatie met deze naam."), field="name")


@transaction.atomic
def organisation_create(*, actor: User, values: OrganisationValues) -> Organisation:
    """An organisation an administrator adds; an import never closes it."""
    _require_editor(actor)
    _name_free(values.name)
    organisation = Organisation(slug=_slug_free(values.name))
    _apply(organisation, values)
    organisation.search_text = organisation_search_text(organisation)
    organisation.full_clean()
    organisation.save()
    audit_record(
        actor=Actor.staff(actor),
        action="organisation.create",
        obj=organisation,
    )
    return organisation


@transaction.atomic
def organisation_update(*, actor: User, organisation: Organisation, values: OrganisationValues) -> list[str]:
    """Save an administrator's changes; returns the names of the changed fields (audited, without values)."""
    _require_editor(actor)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    _name_free(values.name, exclude_pk=organisation.pk)
    changed = _apply(organisation, values)
    if not changed:
        return []
    organisation.search_text = organisation_search_text(organisation)
    organisation.full_clean()
    organisation.save()
    audit_record(
        actor=Actor.staff(actor),
        action="organisation.update",
        obj=organisation,
        details={"fields": changed},
    )
    return changed
