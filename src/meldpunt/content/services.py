"""Writes to the information pages: new pages, new versions, restoring an old version, the shipped texts.

Every change adds a version (who, when, what the editor said about it) and moves the page's current
version; nothing is overwritten. Every change by an administrator is also written to the audit log.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from meldpunt.accounts.models import User
from meldpunt.accounts.permissions import Action, role_may
from meldpunt.content.constants import SEED_PAGES
from meldpunt.content.models import NOTE_MAX, TITLE_MAX, Page, PageVersion
from meldpunt.core.errors import MeldpuntError, PermissionDenied
from meldpunt.privacy.actors import Actor
from meldpunt.privacy.services import audit_record

BODY_MAX = 50_000
SLUG_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
SLUG_MAX = 80
# The editor's own addresses under /beheer/inhoud/ use these words.
RESERVED_SLUGS = frozenset({"nieuw"})
SEED_DIR = Path(__file__).resolve().parent / "seed"


def _require_editor(actor: User) -> None:
    """Administrators only. The views let only fully signed-in staff through; this holds for any caller."""
    if not actor.is_active or not role_may(actor, Action.CONTENT_EDIT):
        raise PermissionDenied(_("U mag dit niet doen."))


@dataclass(frozen=True)
class PageText:
    title_nl: str
    body_nl: str
    title_en: str
    body_en: str


def _clean(text: PageText) -> PageText:
    """Trimmed titles, line ends as \n, no trailing spaces at the end of the text."""

    def body(value: str) -> str:
        return value.replace("\r\n", "\n").replace("\r", "\n").strip()

    return PageText(
        title_nl=" ".join(text.title_nl.split()),
        body_nl=body(text.body_nl),
        title_en=" ".join(text.title_en.split()),
        body_en=body(text.body_en),
    )


def _check(text: PageText, note: str) -> None:
    if not text.title_nl:
        raise MeldpuntError(_("Geef de pagina een Nederlandse titel."), field="title_nl")
    if not text.body_nl:
        raise MeldpuntError(_("Schrijf de Nederlandse tekst."), field="body_nl")
    if bool(text.title_en) != bool(text.body_en):
        field = "title_en" if not text.title_en else "body_en"
        raise MeldpuntError(_("Vul voor Engels de titel én de tekst in, of laat beide leeg."), field=field)
    for name, value, limit in (
        ("title_nl", text.title_nl, TITLE_MAX),
        ("title_en", text.title_en, TITLE_MAX),
        ("body_nl", text.body_nl, BODY_MAX),
        ("body_en", text.body_en, BODY_MAX),
        ("note", note, NOTE_MAX),
    ):
        if len(value) > limit:
            raise MeldpuntError(_("Dit is te lang: hoogstens %(limit)d tekens.") % {"limit": limit}, field=name)
    if any("\x00" in value for value in (text.title_nl, text.body_nl, text.title_en, text.body_en, note)):
        raise MeldpuntError(_("De tekst bevat een teken dat niet kan worden opgeslagen."))


def _version_add(
    *, page: Page, text: PageText, user: User | None, note: str, restored_from: int | None = None
) -> PageVersion:
    last = page.versions.order_by("-number").first()
    version = PageVersion(
        page=page,
        number=(last.number + 1) if last else 1,
        title_nl=text.title_nl,
        body_nl=text.body_nl,
        title_en=text.title_en,
        body_en=text.body_en,
        created_by=user,
        note=note,
        restored_from=restored_from,
    )
    version.full_clean(exclude=["page", "created_by"])
    version.save()
    page.current = version
    page.save(update_fields=["current", "updated_at"])
    return version


def _text_of(version: PageVersion) -> PageText:
    return PageText(
        title_nl=version.title_nl, body_nl=version.body_nl, title_en=version.title_en, body_en=version.body_en
    )


@transaction.atomic
def page_create(*, actor: User, slug: str, text: PageText, note: str = "") -> Page:
    """A new information page with its first version."""
    _require_editor(actor)
    slug = slug.strip().lower()
    if not SLUG_PATTERN.fullmatch(slug) or len(slug) > SLUG_MAX or slug in RESERVED_SLUGS:
        raise MeldpuntError(
            _("Gebruik voor het adres alleen kleine letters, cijfers en streepjes, bijvoorbeeld: klachten-en-vragen."),
            field="slug",
        )
    if Page.objects.filter(slug=slug).exists():
        raise MeldpuntError(_("Er is al een pagina met dit adres."), field="slug")
    text, note = _clean(text), note.strip()
    _check(text, note)
    page = Page.objects.create(slug=slug)
    version = _version_add(page=page, text=text, user=actor, note=note)
    audit_record(actor=Actor.staff(actor), action="page.create", obj=page, details={"version": version.number})
    return page


@transaction.atomic
def page_version_add(*, actor: User, page: Page, text: PageText, based_on: int, note: str = "") -> PageVersion:
    """Save an edit as the page's next version.

    `based_on` is the version the editor started from: when someone else saved in between, the
    edit is refused rather than silently undoing their change.
    """
    _require_editor(actor)
    page = Page.objects.select_for_update(of=("self",)).select_related("current").get(pk=page.pk)
    text, note = _clean(text), note.strip()
    _check(text, note)
    if page.current is None or page.current.number != based_on:
        raise MeldpuntError(
            _(
                "Iemand anders heeft deze pagina intussen veranderd. "
                "Open de pagina opnieuw en breng uw wijziging nog eens aan."
            )
        )
    if _text_of(page.current) == text:
        raise MeldpuntError(_("U heeft niets veranderd."))
    version = _version_add(page=page, text=text, user=actor, note=note)
    audit_record(actor=Actor.staff(actor), action="page.update", obj=page, details={"version": version.number})
    return version


@transaction.atomic
def page_version_restore(*, actor: User, page: Page, number: int) -> PageVersion:
    """Make an earlier version current again, as a new version with its text (the history stays whole)."""
    _require_editor(actor)
    page = Page.objects.select_for_update(of=("self",)).select_related("current").get(pk=page.pk)
    old = page.versions.filter(number=number).first()
    if old is None:
        raise MeldpuntError(_("Deze versie bestaat niet."))
    if page.current is not None and page.current.number == number:
        raise MeldpuntError(_("Dit is al de huidige versie."))
    version = _version_add(
        page=page,
        text=_text_of(old),
        user=actor,
        note=_("Versie %(number)d teruggezet.") % {"number": number},
        restored_from=number,
    )
    audit_record(
        actor=Actor.staff(actor),
        action="page.restore",
        obj=page,
        details={"version": version.number, "restored_from": number},
    )
    return version


def seed_text(slug: str) -> PageText:
    """The shipped text of a page: seed/<slug>.nl.md and seed/<slug>.en.md, the first line "# Title"."""

    def read(language: str) -> tuple[str, str]:
        lines = (SEED_DIR / f"{slug}.{language}.md").read_text(encoding="utf-8").splitlines()
        if not lines or not lines[0].startswith("# "):
            raise MeldpuntError(f"seed/{slug}.{language}.md must start with '# Title'.")
        return lines[0][2:].strip(), "\n".join(lines[1:]).strip()

    title_nl, body_nl = read("nl")
    title_en, body_en = read("en")
    return PageText(title_nl=title_nl, body_nl=body_nl, title_en=title_en, body_en=body_en)


@transaction.atomic
def content_load_if_empty() -> list[str]:
    """Create the shipped pages that do not exist yet (first start, demo); an existing page is never touched."""
    existing = set(Page.objects.filter(slug__in=SEED_PAGES).values_list("slug", flat=True))
    created: list[str] = []
    for slug in SEED_PAGES:
        if slug in existing:
            continue
        text = _clean(seed_text(slug))
        _check(text, "")
        page = Page.objects.create(slug=slug)
        _version_add(page=page, text=text, user=None, note=_("Tekst bij de start van het meldpunt."))
        audit_record(actor=Actor.system("content_load"), action="page.create", obj=page, details={"version": 1})
        created.append(slug)
    return created
