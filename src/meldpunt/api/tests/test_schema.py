import datetime as dt
import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from meldpunt.api.openapi import REQUIRED, openapi_document, openapi_text
from meldpunt.api.urls import urlpatterns
from meldpunt.cases.constants import Attendance, Category, Language, ReporterRole, StepTaken
from meldpunt.intake.validation import DESCRIPTION_MAX, FIELDS, report_validate
from meldpunt.schools.constants import Sector

COMMITTED = Path(settings.BASE_DIR) / "docs" / "openapi.yaml"


def _resolve(document: dict, ref: str) -> dict:
    node = document
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node


def _refs(node):
    if isinstance(node, dict):
        if "$ref" in node:
            yield node["$ref"]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def test_the_committed_document_is_what_the_code_generates():
    """docs/openapi.yaml equals the generated document; run `manage.py openapi_write` after changing the API."""
    assert COMMITTED.read_text(encoding="utf-8") == openapi_text(), "run: .venv/bin/python manage.py openapi_write"


def test_the_committed_file_is_json_and_therefore_yaml():
    """The file parses as JSON (a subset of YAML 1.2) into the document."""
    assert json.loads(COMMITTED.read_text(encoding="utf-8")) == openapi_document()


@pytest.mark.django_db
def test_the_schema_endpoint_serves_the_document(client):
    """GET /api/v1/schema serves the same text as JSON, and as YAML when asked."""
    response = client.get("/api/v1/schema")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response.content.decode() == openapi_text()
    yaml = client.get("/api/v1/schema?format=yaml")
    assert yaml["Content-Type"].startswith("application/yaml") and yaml.content == response.content
    assert client.post("/api/v1/schema").status_code == 405


def test_every_endpoint_of_the_contract_is_documented():
    """Every route under /api/v1/ and /health is in the document, and nothing else."""
    documented = set(openapi_document()["paths"])
    routed = {f"/api/v1/{pattern.pattern}" for pattern in urlpatterns} | {"/health"}
    assert documented == routed


def test_every_reference_resolves():
    """Each $ref points at a component that exists."""
    document = openapi_document()
    refs = set(_refs(document))
    assert refs
    for ref in refs:
        assert _resolve(document, ref), ref


def test_the_report_schema_has_every_intake_field_with_the_code_s_choices():
    """The request schema lists exactly the validated fields, refuses others, and takes its enums from the constants."""
    schema = openapi_document()["components"]["schemas"]["ReportRequest"]
    properties = schema["properties"]
    assert list(properties) == list(FIELDS)
    assert schema["additionalProperties"] is False
    assert properties["reporter_role"]["enum"] == ReporterRole.values
    assert properties["categories"]["items"]["enum"] == Category.values
    assert properties["attendance"]["enum"] == Attendance.values
    assert properties["steps_taken"]["items"]["enum"] == StepTaken.values
    assert properties["sector"]["enum"] == [*Sector.values, None]
    assert properties["language"]["enum"] == [*Language.values, None]
    assert properties["description"]["maxLength"] == DESCRIPTION_MAX
    contact = openapi_document()["components"]["schemas"]["Contact"]
    assert set(contact["properties"]) == {"email", "phone"} and contact["additionalProperties"] is False


@pytest.mark.parametrize("field", FIELDS)
def test_the_required_list_agrees_with_validation(field):
    """Leaving out a field is an error exactly when the document lists it as required."""
    minimal = {
        "reporter_role": "pupil",
        "categories": ["other"],
        "description": "Er gebeurt iets.",
        "attendance": "partly",
        "acute_danger": False,
    }
    body = {name: value for name, value in minimal.items() if name != field}
    _report, errors = report_validate(body, today=dt.date(2026, 11, 28), school_lookup=lambda code: None)
    assert (field in errors) == (field in REQUIRED)
    assert openapi_document()["components"]["schemas"]["ReportRequest"]["required"] == list(REQUIRED)


def test_the_intake_responses_are_documented_with_retry_after():
    """POST /api/v1/reports documents 201, 400, 413 and 429, and 429 carries Retry-After."""
    document = openapi_document()
    responses = document["paths"]["/api/v1/reports"]["post"]["responses"]
    assert {"201", "400", "405", "413", "429"} <= set(responses)
    too_many = _resolve(document, responses["429"]["$ref"])
    assert "Retry-After" in too_many["headers"]


def test_the_reporter_endpoints_need_the_bearer_token():
    """The reporter's case and messages are documented behind the bearer scheme; signing in is not."""
    document = openapi_document()
    assert document["components"]["securitySchemes"]["reporterToken"]["scheme"] == "bearer"
    assert document["paths"]["/api/v1/reporter/case"]["get"]["security"] == [{"reporterToken": []}]
    assert document["paths"]["/api/v1/reporter/messages"]["post"]["security"] == [{"reporterToken": []}]
    assert "security" not in document["paths"]["/api/v1/reporter/session"]["post"]


def test_openapi_write_regenerates_and_checks_the_file(tmp_path, settings):
    """`openapi_write` writes the file; `--check` passes when it is current and fails when it is not."""
    settings.BASE_DIR = tmp_path
    (tmp_path / "docs").mkdir()
    call_command("openapi_write", stdout=io.StringIO())
    written = tmp_path / "docs" / "openapi.yaml"
    assert written.read_text(encoding="utf-8") == openapi_text()
    call_command("openapi_write", "--check", stdout=io.StringIO())
    written.write_text("{}\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("openapi_write", "--check", stdout=io.StringIO())
