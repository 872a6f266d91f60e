import pytest

from meldpunt.content.models import AppendOnlyError, Page, PageVersion
from meldpunt.content.services import page_create, page_version_add, page_version_restore
from meldpunt.content.tests.conftest import text
from meldpunt.core.errors import MeldpuntError, PermissionDenied
from meldpunt.privacy.models import AuditEntry


@pytest.fixture
def admin(staff_user):
    return staff_user("administrator", first_name="Anton", last_name="Beheerder")


@pytest.fixture
def info_page(admin) -> Page:
    return page_create(actor=admin, slug="klagen", text=text(), note="eerste versie")


@pytest.mark.django_db
def test_create_makes_version_one_audited(admin, info_page):
    """A new page starts at version 1, made by the administrator, and the creation is audited."""
    version = info_page.current
    assert (version.number, version.created_by, version.note, version.title_nl) == (1, admin, "eerste versie", "Klagen")
    assert AuditEntry.objects.filter(action="page.create", object_pk=str(info_page.pk), actor=admin).exists()


@pytest.mark.django_db
def test_save_adds_a_version_and_keeps_the_old_one(admin, info_page):
    """Saving adds version 2 and makes it current; version 1 keeps its text."""
    version = page_version_add(
        actor=admin, page=info_page, text=text(body_nl="Nieuwe tekst."), based_on=1, note="korter"
    )
    info_page.refresh_from_db()
    assert (version.number, info_page.current, version.note) == (2, version, "korter")
    assert PageVersion.objects.get(page=info_page, number=1).body_nl == "Zo dient u een klacht in."
    assert AuditEntry.objects.filter(action="page.update", object_pk=str(info_page.pk)).count() == 1


@pytest.mark.django_db
def test_restore_adds_a_copy_of_the_old_version(admin, info_page):
    """Restoring version 1 adds version 3 with version 1's text; the history stays whole."""
    page_version_add(actor=admin, page=info_page, text=text(body_nl="Fout gemaakt."), based_on=1)
    restored = page_version_restore(actor=admin, page=info_page, number=1)
    info_page.refresh_from_db()
    assert (restored.number, restored.restored_from, restored.body_nl) == (3, 1, "Zo dient u een klacht in.")
    assert info_page.current == restored
    assert list(info_page.versions.order_by("number").values_list("number", flat=True)) == [1, 2, 3]
    entry = AuditEntry.objects.get(action="page.restore")
    assert entry.details == {"version": 3, "restored_from": 1}


@pytest.mark.django_db
def test_restoring_the_current_or_a_missing_version_is_refused(admin, info_page):
    """The current version cannot be restored onto itself, and a version that does not exist cannot be restored."""
    with pytest.raises(MeldpuntError, match="al de huidige versie"):
        page_version_restore(actor=admin, page=info_page, number=1)
    with pytest.raises(MeldpuntError, match="bestaat niet"):
        page_version_restore(actor=admin, page=info_page, number=9)


@pytest.mark.django_db
def test_edit_based_on_an_old_version_is_refused(admin, info_page):
    """When someone else saved in between, the edit is refused instead of silently undoing their change."""
    page_version_add(actor=admin, page=info_page, text=text(body_nl="Van een collega."), based_on=1)
    with pytest.raises(MeldpuntError, match="intussen veranderd"):
        page_version_add(actor=admin, page=info_page, text=text(body_nl="Van mij."), based_on=1)
    assert info_page.versions.count() == 2


@pytest.mark.django_db
def test_unchanged_text_adds_no_version(admin, info_page):
    """Saving without a change is refused, so the history only holds real changes."""
    with pytest.raises(MeldpuntError, match="niets veranderd"):
        page_version_add(actor=admin, page=info_page, text=text(body_nl="  Zo dient u een klacht in.\r\n"), based_on=1)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title_nl": "  "}, "title_nl"),
        ({"body_nl": ""}, "body_nl"),
        ({"title_en": ""}, "title_en"),
        ({"body_en": ""}, "body_en"),
        ({"title_nl": "x" * 201}, "title_nl"),
    ],
)
def test_incomplete_text_is_refused_on_its_field(admin, info_page, overrides, field):
    """Dutch title and text are required; English is both or neither; titles have a length limit."""
    with pytest.raises(MeldpuntError) as refused:
        page_version_add(actor=admin, page=info_page, text=text(**overrides), based_on=1)
    assert refused.value.field == field


@pytest.mark.django_db
def test_english_may_be_left_out(admin, info_page):
    """A version without English is allowed (English visitors then see the Dutch text)."""
    version = page_version_add(actor=admin, page=info_page, text=text(title_en="", body_en=""), based_on=1)
    assert version.body_en == ""


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["kla_gen", "met spatie", "nieuw", "-streep", "a" * 81])
def test_bad_or_reserved_address_is_refused(admin, slug):
    """The address is lower-case letters, digits and dashes, not reserved by the editor."""
    with pytest.raises(MeldpuntError) as refused:
        page_create(actor=admin, slug=slug, text=text())
    assert refused.value.field == "slug"


@pytest.mark.django_db
def test_address_is_unique(admin, info_page):
    """A second page with the same address is refused."""
    with pytest.raises(MeldpuntError, match="al een pagina"):
        page_create(actor=admin, slug="klagen", text=text())


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["coordinator", "handler", "analyst", "partner", "school_contact"])
def test_only_administrators_edit(staff_user, info_page, role):
    """Other roles may not create, edit or restore pages."""
    user = staff_user(role)
    with pytest.raises(PermissionDenied):
        page_create(actor=user, slug="nog-een", text=text())
    with pytest.raises(PermissionDenied):
        page_version_add(actor=user, page=info_page, text=text(body_nl="x"), based_on=1)
    with pytest.raises(PermissionDenied):
        page_version_restore(actor=user, page=info_page, number=1)


@pytest.mark.django_db
def test_versions_are_append_only(info_page):
    """A stored version cannot be changed or deleted, one by one or in bulk."""
    version = info_page.current
    version.body_nl = "Stiekem veranderd."
    with pytest.raises(AppendOnlyError):
        version.save()
    with pytest.raises(AppendOnlyError):
        version.delete()
    with pytest.raises(AppendOnlyError):
        PageVersion.objects.filter(page=info_page).update(body_nl="x")
    with pytest.raises(AppendOnlyError):
        PageVersion.objects.filter(page=info_page).delete()
