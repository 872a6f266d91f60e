import datetime as dt

import pytest
import time_machine

from meldpunt.cases.models import Case
from meldpunt.cases.tests.case_helpers import case_in_investigation
from meldpunt.core.errors import MeldpuntError, NotFound, PermissionDenied
from meldpunt.investigations.confidentiality import ItemKind, may_see
from meldpunt.investigations.constants import PartyRole
from meldpunt.investigations.models import ChronologyEntry, Interview
from meldpunt.investigations.services.interviews import interview_agreement_set
from meldpunt.investigations.tests.permission_rows_evidence import interview_add, party_add
from meldpunt.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 10, 13, 0, tzinfo=dt.UTC)  # 14:00 in Amsterdam
HELD = dt.datetime(2026, 3, 9, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def handler_client(staff_client):
    return staff_client("handler")


@pytest.fixture
def handler(handler_client):
    return handler_client.user


@pytest.fixture
def case(handler):
    with time_machine.travel(NOW - dt.timedelta(days=7), tick=False):
        return case_in_investigation(handler)


@pytest.fixture
def witness(case):
    return party_add(case, role=PartyRole.WITNESS, name="Meester Visser")


def _record(case, handler, party, **overrides):
    with time_machine.travel(NOW, tick=False):
        return interview_add(case, handler, party, **{"held_at": HELD, **overrides})


def _url(case, tail=""):
    return f"/behandeling/onderzoek/{case.reference}/gesprekken/{tail}"


def test_an_interview_is_recorded_with_who_when_where_present_summary_and_agreement(case, handler, witness):
    """Every part of the record is kept, the free text encrypted at rest."""
    interview = _record(
        case,
        handler,
        witness,
        location="Op school",
        present="Steunpersoon",
        summary="Hij zag het gebeuren.",
        agreed_by_interviewee=True,
    )
    interview.refresh_from_db()
    assert (interview.interviewee, interview.held_at, interview.location) == (witness, HELD, "Op school")
    assert (interview.present, interview.summary, interview.agreed_by_interviewee) == (
        "Steunpersoon",
        "Hij zag het gebeuren.",
        True,
    )
    assert (interview.recorded_by, interview.recorded_at) == (handler, NOW)
    raw = Interview.objects.filter(pk=interview.pk).values_list("summary", flat=True).query
    assert "Hij zag" not in str(raw)


def test_recording_is_audited_and_added_to_the_chronology(case, handler, witness):
    """One audit entry without the summary; one chronology entry on the day it was held."""
    interview = _record(case, handler, witness, summary="Vertrouwelijk verslag")
    entry = AuditEntry.objects.get(action="interview.recorded")
    assert entry.object_pk == str(interview.pk) and "Vertrouwelijk" not in str(entry.details)
    chronology = ChronologyEntry.objects.get(case=case, source_kind="interview", source_id=interview.pk)
    assert chronology.occurred_on == dt.date(2026, 3, 9)
    assert chronology.description == "Gesprek met Getuige: Meester Visser"


def test_an_interview_in_the_future_is_refused(case, handler, witness):
    """It can be recorded now or afterwards, never before it happened."""
    with pytest.raises(MeldpuntError) as refused:
        _record(case, handler, witness, held_at=NOW + dt.timedelta(minutes=1))
    assert refused.value.field == "held_at"


def test_an_interview_held_just_now_is_accepted(case, handler, witness):
    """Held at this very moment counts as held."""
    assert _record(case, handler, witness, held_at=NOW).held_at == NOW


def test_an_interview_before_the_report_is_refused(case, handler, witness):
    """The meldpunt cannot have interviewed anyone for a report it did not have yet."""
    with pytest.raises(MeldpuntError) as refused:
        _record(case, handler, witness, held_at=dt.datetime(2026, 2, 1, 9, 0, tzinfo=dt.UTC))
    assert refused.value.field == "held_at" and "03-03-2026" in refused.value.message


def test_an_empty_summary_is_refused(case, handler, witness):
    """The record must say what was said."""
    with pytest.raises(MeldpuntError) as refused:
        _record(case, handler, witness, summary="  ")
    assert refused.value.field == "summary"


def test_the_interviewee_must_be_a_party_of_the_case(case, handler):
    """A party of another case cannot be chosen."""
    other = party_add(case_in_investigation(handler))
    with pytest.raises(MeldpuntError) as refused:
        _record(case, handler, other)
    assert refused.value.field == "interviewee"


def test_only_the_handler_of_the_case_records_interviews(case, witness, staff_user):
    """Another handler and an unassigned coordinator are refused."""
    for intruder in (staff_user("handler"), staff_user("coordinator")):
        with pytest.raises(PermissionDenied):
            _record(case, intruder, witness)
    assert not Interview.objects.exists()


def test_the_agreement_can_be_set_later_and_is_audited(case, handler, witness):
    """Not yet known, then yes: each change is stored and audited with the old and new value."""
    interview = _record(case, handler, witness, agreed_by_interviewee=None)
    interview_agreement_set(case=case, interview_id=interview.pk, user=handler, agreed=True)
    interview.refresh_from_db()
    assert interview.agreed_by_interviewee is True
    entry = AuditEntry.objects.get(action="interview.agreement_set")
    assert entry.details == {"case": case.pk, "from": None, "to": True}


def test_the_agreement_of_an_interview_of_another_case_cannot_be_set(case, handler):
    """The interview must belong to the case."""
    other = case_in_investigation(handler)
    foreign = interview_add(other, handler)
    with pytest.raises(NotFound):
        interview_agreement_set(case=case, interview_id=foreign.pk, user=handler, agreed=True)


def test_no_party_ever_sees_an_interview_record():
    """The confidentiality table shows interview records to no role, shared or not."""
    for role in PartyRole:
        assert not may_see(role=role, item=ItemKind.INTERVIEW, shared=True)


def test_the_handler_records_an_interview_through_the_form(handler_client, case, witness):
    """Date and time in Amsterdam time become the moment it was held; then back to the list."""
    with time_machine.travel(NOW, tick=False):
        response = handler_client.post(
            _url(case, "toevoegen"),
            {
                "interviewee": str(witness.pk),
                "held_on": "09-03-2026",
                "held_time": "10:30",
                "location": "Bij het meldpunt",
                "present": "",
                "summary": "Hij zag het gebeuren.",
                "agreed": "no",
            },
        )
    assert response.status_code == 302 and response["Location"] == _url(case)
    interview = Interview.objects.get(case=case)
    assert interview.held_at == HELD + dt.timedelta(hours=0) and interview.agreed_by_interviewee is False


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"interviewee": ""}, "Kies met wie het gesprek was."),
        ({"held_on": "32-03-2026"}, "Vul een bestaande datum in als dag-maand-jaar"),
        ({"held_time": "half elf"}, "Vul een tijd in als uren:minuten, bijvoorbeeld 14:30."),
        ({"held_time": ""}, "Vul de tijd in waarop het gesprek begon"),
        ({"summary": ""}, "Schrijf een samenvatting van het gesprek."),
        ({"agreed": ""}, "Geef aan of de geïnterviewde akkoord is met het verslag."),
        ({"held_on": "10-03-2026", "held_time": "15:00"}, "Het gesprek kan niet in de toekomst liggen."),
    ],
)
def test_bad_interview_input_gets_a_specific_message(handler_client, case, witness, overrides, message):
    """Each missing or wrong answer says what to do, and nothing is stored."""
    data = {
        "interviewee": str(witness.pk),
        "held_on": "09-03-2026",
        "held_time": "10:30",
        "summary": "Verslag.",
        "agreed": "pending",
        **overrides,
    }
    with time_machine.travel(NOW, tick=False):
        response = handler_client.post(_url(case, "toevoegen"), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not Interview.objects.exists()


def test_the_list_shows_who_and_when_but_not_the_summary(handler_client, case, witness):
    """The list is a read of the case; the summary is only on the interview's own page."""
    _record(case, handler_client.user, witness, summary="Het geheime verslag.")
    page = handler_client.get(_url(case)).content.decode()
    assert "Getuige: Meester Visser" in page and "9 maart 2026" in page
    assert "Het geheime verslag." not in page
    assert AuditEntry.objects.filter(action="case.read", details={"view": "interviews"}).exists()


def test_reading_an_interview_is_audited_on_the_interview(handler_client, case, witness):
    """The whole record is shown, and the read is recorded on that record."""
    interview = _record(case, handler_client.user, witness, summary="Het geheime verslag.")
    page = handler_client.get(_url(case, str(interview.pk))).content.decode()
    assert "Het geheime verslag." in page
    read = AuditEntry.objects.get(action="interview.read")
    assert read.object_pk == str(interview.pk) and read.actor == handler_client.user


def test_the_agreement_form_updates_the_record(handler_client, case, witness):
    """Yes after reading the record; a missing choice gets a message."""
    interview = _record(case, handler_client.user, witness)
    url = _url(case, f"{interview.pk}/akkoord")
    assert "Geef aan of de geïnterviewde akkoord is" in handler_client.post(url, {}).content.decode()
    assert handler_client.post(url, {"agreed": "yes"}).status_code == 302
    interview.refresh_from_db()
    assert interview.agreed_by_interviewee is True


def test_a_closed_case_offers_no_interview_forms(handler_client, case, witness):
    """After closing the list has no add button and recording is refused."""
    Case.objects.filter(pk=case.pk).update(status="closed")
    assert "Gesprek vastleggen" not in handler_client.get(_url(case)).content.decode()
    with pytest.raises(MeldpuntError, match="afgesloten"):
        _record(Case.objects.get(pk=case.pk), handler_client.user, witness)


def test_interview_pages_refuse_everyone_but_the_handler(staff_client, case, witness):
    """Other handlers, coordinators and school contacts get 403 and read nothing."""
    interview = _record(case, Case.objects.get(pk=case.pk).assigned_handler, witness)
    for role in ("handler", "coordinator", "school_contact"):
        client = staff_client(role)
        assert client.get(_url(case)).status_code == 403
        assert client.get(_url(case, str(interview.pk))).status_code == 403
    assert not AuditEntry.objects.filter(action="interview.read").exists()
