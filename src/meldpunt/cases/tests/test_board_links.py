import pytest

from meldpunt.accounts.constants import Role
from meldpunt.cases.constants import BoardLinkKind
from meldpunt.cases.coordination import BoardLinkRefused
from meldpunt.cases.models import BoardLink
from meldpunt.cases.services import board_link_declare, board_link_remove
from meldpunt.core.errors import NotFound, PermissionDenied
from meldpunt.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db
PAGE = "/behandeling/mijn-banden"


def test_a_handler_declares_and_removes_a_tie(staff_user, school):
    """Declaring is kept once per kind and audited; removing deletes it and is audited too."""
    handler = staff_user(Role.HANDLER)
    link = board_link_declare(handler=handler, board=school.board, kind=BoardLinkKind.CHILD_THERE)
    assert board_link_declare(handler=handler, board=school.board, kind=BoardLinkKind.CHILD_THERE) == link
    assert AuditEntry.objects.filter(action="board_link.declared").count() == 1
    board_link_remove(handler=handler, link_id=link.pk)
    assert not BoardLink.objects.exists()
    assert AuditEntry.objects.filter(action="board_link.removed").count() == 1


def test_an_unknown_kind_is_refused(staff_user, school):
    """The kind of tie is one of the listed kinds."""
    with pytest.raises(BoardLinkRefused):
        board_link_declare(handler=staff_user(Role.HANDLER), board=school.board, kind="neighbour")


@pytest.mark.parametrize("role", [Role.ANALYST, Role.ADMINISTRATOR, Role.SCHOOL_CONTACT, Role.PARTNER])
def test_only_people_who_may_hold_cases_declare_ties(staff_user, school, role):
    """Ties matter only for whoever can be assigned a case."""
    with pytest.raises(PermissionDenied):
        board_link_declare(handler=staff_user(role), board=school.board, kind=BoardLinkKind.OTHER)


def test_nobody_removes_someone_elses_tie(staff_user, school):
    """Another handler's tie is not found, and stays."""
    link = board_link_declare(handler=staff_user(Role.HANDLER), board=school.board, kind=BoardLinkKind.OTHER)
    with pytest.raises(NotFound):
        board_link_remove(handler=staff_user(Role.COORDINATOR), link_id=link.pk)
    assert BoardLink.objects.filter(pk=link.pk).exists()


def test_the_page_finds_a_school_and_declares_a_tie_with_its_board(staff_client, school):
    """Search by school name, pick the school and the kind: the tie to its board is listed afterwards."""
    client = staff_client(Role.HANDLER)
    html = client.get(PAGE, {"q": "verwondering"}).content.decode()
    assert 'value="32JK00"' in html and "BBS de Verwondering" in html
    response = client.post(PAGE, {"q": "verwondering", "school": "32JK00", "kind": BoardLinkKind.WORKED_THERE})
    assert response.status_code == 302
    link = BoardLink.objects.get(handler=client.user)
    assert (link.board, link.kind) == (school.board, BoardLinkKind.WORKED_THERE)
    listed = client.get(PAGE).content.decode()
    assert "onder meer BBS de Verwondering" in listed and "Heb er gewerkt" in listed
    assert client.post(f"{PAGE}/{link.pk}/verwijderen").status_code == 302
    assert not BoardLink.objects.exists()


def test_the_page_asks_for_the_kind_when_it_is_missing(staff_client, school):
    """Without a kind nothing is stored and the error is shown on the page."""
    client = staff_client(Role.COORDINATOR)
    response = client.post(PAGE, {"q": "verwondering", "school": "32JK00"})
    assert response.status_code == 400
    assert "Kies wat voor band u heeft." in response.content.decode()
    assert not BoardLink.objects.exists()


def test_another_persons_tie_cannot_be_removed_through_the_page(staff_client, staff_user, school):
    """The remove address of someone else's tie is a 404."""
    link = board_link_declare(handler=staff_user(Role.HANDLER), board=school.board, kind=BoardLinkKind.OTHER)
    assert staff_client(Role.HANDLER).post(f"{PAGE}/{link.pk}/verwijderen").status_code == 404
