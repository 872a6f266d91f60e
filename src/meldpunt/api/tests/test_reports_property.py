import json

import pytest
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from meldpunt.api.jsonio import MAX_BODY_BYTES
from meldpunt.api.tests.reports_fixtures import closed_school_fixture, post_json, school_fixture, valid_report_fixture  # noqa: F401  (fixtures)
from meldpunt.cases.constants import Attendance, Category, Language, ReporterRole, StepTaken
from meldpunt.cases.models import Case, StatusChange
from meldpunt.intake.validation import FIELDS
from meldpunt.schools.constants import Sector

TRICKY_STRINGS = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\u202e",
    "\ufeff",
    "<script>alert(1)</script>",
    "'; DROP TABLE cases_case; --",
    "32JK00",
    "32jk00",
    "99ZZ00",
    "2026-02-30",
    "2026-10-01",
    "9999-12-31",
    "0001-01-01",
    "2026-W40-1",
    "null",
    "true",
    "NaN",
    "ouder@example.nl",
    "06 12345678",
    "💥" * 50,
]
ALL_CHOICES = [
    *ReporterRole.values,
    *Category.values,
    *Attendance.values,
    *StepTaken.values,
    *Sector.values,
    *Language.values,
]

# Lone surrogates are no Unicode text; json.dumps escapes them, so they reach the server as "\udxxx".
any_text = st.text(max_size=40) | st.text(st.characters(categories=["Cs", "Cc", "Zs", "So"]), max_size=10)
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | any_text
    | st.sampled_from(TRICKY_STRINGS + ALL_CHOICES)
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(FIELDS) | any_text, inner, max_size=5),
    max_leaves=12,
)
# Long strings: over the description limit but under the body limit, and over the body limit.
huge_strings = st.integers(20_001, 30_000).map(lambda n: "é" * n) | st.integers(MAX_BODY_BYTES, 2 * MAX_BODY_BYTES).map(
    lambda n: "x" * n
)


def mostly(usual, rare=json_values):
    """The first strategy nine times out of ten: valid values, so that many whole bodies pass and reach the database."""
    # one_of() would treat nine copies of one strategy as one branch, so the odds are drawn explicitly.
    return st.sampled_from(range(10)).flatmap(lambda pick: usual if pick < 9 else rare)


ABSENT = object()


@st.composite
def plausible_bodies(draw):
    """Bodies built from the allowed values, with a rare bad one: about half of them are accepted."""
    body = {
        "reporter_role": draw(mostly(st.sampled_from(ReporterRole.values))),
        "categories": draw(mostly(st.lists(st.sampled_from(Category.values), min_size=1, max_size=3))),
        "description": draw(mostly(st.text(min_size=1, max_size=200), any_text | huge_strings)),
        "acute_danger": draw(mostly(st.booleans())),
    }
    attendance, absent_since = draw(
        mostly(
            st.sampled_from(
                [("attending", ABSENT), ("partly", ABSENT), ("partly", "2025-01-31"), ("not_attending", "2026-10-01")]
            ),
            st.tuples(json_values, json_values | st.just(ABSENT)),
        )
    )
    body["attendance"] = attendance
    if absent_since is not ABSENT:
        body["absent_since"] = absent_since
    optional = {
        "school": mostly(st.sampled_from(["32JK00", " 32jk00 ", None]), st.sampled_from(["99ZZ00", "99XX00", ""])),
        "sector": mostly(st.none(), st.sampled_from(Sector.values)),
        "started_on": mostly(st.sampled_from(["2026-09-01", None])),
        "steps_taken": mostly(st.lists(st.sampled_from(StepTaken.values[:-1]), max_size=3)),
        "accused_is_staff": mostly(st.sampled_from([True, False, None])),
        "contact": mostly(
            st.none()
            | st.fixed_dictionaries(
                {},
                optional={
                    "email": mostly(st.sampled_from(["ouder@example.nl", "", None]), st.sampled_from(["nope", "a@b"])),
                    "phone": mostly(st.sampled_from(["06 12345678", "+31 20 123 4567", None]), st.just("bel me")),
                },
            )
        ),
        "share_identity_with_school": mostly(st.booleans()),
        "consent_referral": mostly(st.booleans()),
        "language": mostly(st.sampled_from(Language.values)),
    }
    for name in draw(st.lists(st.sampled_from(sorted(optional)), unique=True)):
        body[name] = draw(optional[name])
    return body


@st.composite
def valid_with_one_field_mutated(draw, base):
    body = dict(base)
    name = draw(st.sampled_from([*FIELDS, "unknown_field"]))
    if draw(st.booleans()) and name in body:
        del body[name]
    else:
        body[name] = draw(mostly(json_values, huge_strings))
    return body


@st.composite
def damaged(draw, raw: bytes) -> bytes:
    """JSON bytes cut short, or with a byte changed (often into invalid UTF-8)."""
    if not raw:
        return raw
    at = draw(st.integers(0, len(raw) - 1))
    if draw(st.booleans()):
        return raw[:at]
    return raw[:at] + bytes([draw(st.integers(0, 255))]) + raw[at + 1 :]


def _bodies(base: dict):
    values = (
        json_values
        | st.dictionaries(st.sampled_from(FIELDS) | any_text, json_values, max_size=16)
        | valid_with_one_field_mutated(base)
        | plausible_bodies()
    )
    encoded = values.map(lambda value: json.dumps(value).encode())
    raw = st.binary(max_size=300) | encoded.flatmap(damaged)
    return mostly(encoded, raw)


CONTENT_TYPES = mostly(
    st.just("application/json"),
    st.sampled_from(["text/plain", "application/json; charset=latin-1", "application/x-www-form-urlencoded", ""]),
)
BASE = {
    "reporter_role": "parent",
    "categories": ["bullying_psychological"],
    "description": "Mijn zoon wordt gepest.",
    "attendance": "not_attending",
    "absent_since": "2026-10-01",
    "acute_danger": False,
    "school": "32JK00",
    "contact": {"email": "ouder@example.nl"},
}


# Most bodies are refused within milliseconds; the accepted ones pay one Argon2id hash (~25 ms) each.
THOUSANDS = hypothesis_settings(
    max_examples=2000,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)


@pytest.mark.django_db
def test_random_bodies_never_give_5xx_and_store_nothing_unless_201(school, closed_school, settings):
    """Thousands of random bodies never get a 5xx; a 201 stores exactly one case and any other answer none."""
    settings.INTAKE_REPORTS_PER_HOUR = 1_000_000
    client = Client()
    answered: dict[int, int] = {}

    @THOUSANDS
    @given(body=_bodies(BASE), content_type=CONTENT_TYPES)
    def post_random(body: bytes, content_type: str) -> None:
        cases, changes = Case.objects.count(), StatusChange.objects.count()
        response = post_json(client, body, content_type=content_type)
        status = response.status_code
        answered[status] = answered.get(status, 0) + 1
        assert status < 500, response.content[:500]
        assert response["Content-Type"] == "application/json"
        stored = 1 if status == 201 else 0
        assert Case.objects.count() == cases + stored
        assert StatusChange.objects.count() == changes + stored
        if status != 201:
            assert response.json()["errors"]

    post_random()
    # The mixture must reach the database often enough to mean something, and refuse most bodies.
    assert answered.get(201, 0) >= 50, answered
    assert set(answered) <= {201, 400, 413}, answered
