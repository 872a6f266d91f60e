import pytest

from meldpunt.cases.models import Case, CaseType, StatusChange, Term
from meldpunt.cases.tests.case_helpers import REPORT, case_submitted

pytestmark = pytest.mark.django_db
ADMIN = "/beheer/admin/cases/"


@pytest.fixture
def admin_client(staff_client):
    return staff_client("administrator")


def test_cases_are_shown_without_their_content(admin_client):
    """The case list and page show reference and status, never the description or contact details."""
    case = case_submitted()
    for url in (f"{ADMIN}case/", f"{ADMIN}case/{case.pk}/change/"):
        response = admin_client.get(url)
        page = response.content.decode()
        assert response.status_code == 200 and case.reference in page
        assert REPORT["description"] not in page and "ouder@example.nl" not in page and "06 12345678" not in page


def test_the_admin_cannot_change_the_state_of_a_case(admin_client):
    """Posting a new status to the case's change page is forbidden and leaves the status as it was."""
    case = case_submitted()
    response = admin_client.post(f"{ADMIN}case/{case.pk}/change/", {"status": "closed", "reference": case.reference})
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.status == "received"


def test_cases_and_their_history_cannot_be_added_or_deleted(admin_client):
    """No case or status row is added or deleted through the admin."""
    case = case_submitted()
    change = StatusChange.objects.get(case=case)
    assert admin_client.get(f"{ADMIN}case/add/").status_code == 403
    assert admin_client.post(f"{ADMIN}case/{case.pk}/delete/", {"post": "yes"}).status_code == 403
    assert admin_client.get(f"{ADMIN}statuschange/add/").status_code == 403
    assert admin_client.post(f"{ADMIN}statuschange/{change.pk}/change/", {"to_status": "closed"}).status_code == 403
    assert admin_client.post(f"{ADMIN}statuschange/{change.pk}/delete/", {"post": "yes"}).status_code == 403
    change.refresh_from_db()
    assert change.to_status == "received" and Case.objects.filter(pk=case.pk).exists()


def test_the_status_history_does_not_show_reasons(admin_client, staff_user):
    """A status row's reason is case text: the history page leaves it out."""
    case = case_submitted()
    handler = staff_user("handler")
    StatusChange.objects.create(
        case=case, from_status="received", to_status="intake", at=case.received_at, by=handler, reason="Geheime reden"
    )
    page = admin_client.get(f"{ADMIN}statuschange/").content.decode()
    assert case.reference in page and "Geheime reden" not in page


def test_administrators_configure_the_terms_of_a_case_type(admin_client):
    """A term of the default case type is changed inline: findings within 8 weeks instead of 6."""
    case_type = case_submitted().case_type
    terms = list(case_type.terms.order_by("pk"))
    data = {
        "name": case_type.name,
        "code": case_type.code,
        "is_default": "on",
        "terms-TOTAL_FORMS": str(len(terms)),
        "terms-INITIAL_FORMS": str(len(terms)),
        "terms-MIN_NUM_FORMS": "0",
        "terms-MAX_NUM_FORMS": "1000",
    }
    for index, term in enumerate(terms):
        data |= {
            f"terms-{index}-id": str(term.pk),
            f"terms-{index}-case_type": str(case_type.pk),
            f"terms-{index}-code": term.code,
            f"terms-{index}-amount": "8" if term.code == "findings" else str(term.amount),
            f"terms-{index}-unit": term.unit,
            f"terms-{index}-max_extension": str(term.max_extension or ""),
            f"terms-{index}-suspendable": "on" if term.suspendable else "",
        }
    response = admin_client.post(f"{ADMIN}casetype/{case_type.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Term.objects.get(case_type=case_type, code="findings").amount == 8
    assert CaseType.objects.get(pk=case_type.pk).is_default


@pytest.mark.parametrize("role", ["coordinator", "handler", "analyst"])
def test_only_administrators_reach_the_case_admin(staff_client, role):
    """Other roles are refused by the admin site itself."""
    assert staff_client(role).get(f"{ADMIN}casetype/", follow=True).status_code == 403
