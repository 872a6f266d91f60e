"""The OpenAPI 3.1 document of CONTRACT.md's HTTP interface, built from the constants the code validates with.

Enums come from the choices in `cases.constants` and `schools.constants`, the description limit and the
field list from `intake.validation`, the code alphabet from `intake.codes`: a changed choice changes the
document, and `docs/openapi.yaml` must then be regenerated (`manage.py openapi_write`; a test compares).

The committed file is the document as indented JSON. JSON is valid YAML 1.2, so the file is YAML for
every OpenAPI tool, while the project needs no YAML package and the test can read it back with the
standard library. The texts are for integrators, in English, and not translated: the file must be the
same whoever generates it.
"""

import json
from typing import Any

from django.db.models import TextChoices

from meldpunt.api.jsonio import MAX_BODY_BYTES
from meldpunt.cases.constants import Attendance, Category, Language, ReporterRole, Status, StepTaken
from meldpunt.cases.deadlines import DueState
from meldpunt.cases.terms import ACKNOWLEDGEMENT, INTAKE_DECISION
from meldpunt.intake.codes import ALPHABET, GROUP_SIZE, GROUPS
from meldpunt.intake.validation import DESCRIPTION_MAX, FIELDS
from meldpunt.schools.constants import Sector

# The intake fields a report cannot do without (CONTRACT.md); a test checks validation agrees.
REQUIRED = ("reporter_role", "categories", "description", "attendance", "acute_danger")

Schema = dict[str, Any]


def _ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def _enum(choices: type[TextChoices], *, nullable: bool = False) -> Schema:
    values: list[Any] = list(choices.values)
    if nullable:
        return {"type": ["string", "null"], "enum": [*values, None]}
    return {"type": "string", "enum": values}


def _date(description: str) -> Schema:
    return {"type": ["string", "null"], "format": "date", "description": description}


def _code_pattern() -> str:
    symbol = f"[{ALPHABET}]"
    group = f"{symbol}{{{GROUP_SIZE}}}"
    return f"^{group}(-{group}){{{GROUPS - 1}}}$"


def _report_request() -> Schema:
    properties: dict[str, Schema] = {
        "reporter_role": {**_enum(ReporterRole), "description": "Who is reporting."},
        "categories": {
            "type": "array",
            "items": _enum(Category),
            "minItems": 1,
            "description": "What is happening; at least one. A repeated value counts once.",
        },
        "description": {
            "type": "string",
            "minLength": 1,
            "maxLength": DESCRIPTION_MAX,
            "description": (
                f"What happened, in the reporter's own words: 1 to {DESCRIPTION_MAX} characters after trimming "
                "white space. A NUL character is refused."
            ),
        },
        "attendance": {**_enum(Attendance), "description": "Whether the child is going to school."},
        "absent_since": _date(
            "Since when the child has not been going to school (not in the future). Required when attendance "
            "is not_attending, optional when partly, refused when attending."
        ),
        "acute_danger": {"type": "boolean", "description": "Whether someone is in danger now."},
        "school": {
            "type": ["string", "null"],
            "maxLength": 12,
            "examples": ["32JK00"],
            "description": (
                "The DUO location code (vestigingscode) of an open school in the registry; case and surrounding "
                "white space do not matter. Null or absent: the reporter would rather not say."
            ),
        },
        "sector": {
            **_enum(Sector, nullable=True),
            "description": "The education sector. Derived from the school when one is given; contradicting it is "
            "an error.",
        },
        "started_on": _date("Since when this has been going on (not in the future)."),
        "steps_taken": {
            "type": ["array", "null"],
            "items": _enum(StepTaken),
            "default": [],
            "description": "What the reporter already tried. 'none' cannot be combined with other steps.",
        },
        "accused_is_staff": {
            "type": ["boolean", "null"],
            "default": None,
            "description": "Whether a staff member is involved; null when unknown.",
        },
        "contact": {
            "oneOf": [_ref("Contact"), {"type": "null"}],
            "description": "How the meldpunt may reach the reporter; null or absent: only through the website.",
        },
        "share_identity_with_school": {
            "type": ["boolean", "null"],
            "default": False,
            "description": "Whether the school may know who the reporter is.",
        },
        "consent_referral": {
            "type": ["boolean", "null"],
            "default": False,
            "description": "Whether an organisation of the expertise network may be asked to support the reporter.",
        },
        "language": {
            **_enum(Language, nullable=True),
            "default": Language.NL.value,
            "description": "The reporter's language: for the answer's messages and for everything sent later.",
        },
    }
    return {
        "type": "object",
        "description": "A report. Null for an optional field means the same as leaving it out.",
        "properties": {name: properties[name] for name in FIELDS},
        "required": list(REQUIRED),
        "additionalProperties": False,
    }


def _errors_schema() -> Schema:
    return {
        "type": "object",
        "required": ["errors"],
        "properties": {
            "errors": {
                "type": "object",
                "description": (
                    "Messages per field, keyed by the field's JSON name; a nested field is named with a dot "
                    "(contact.email); problems with the request as a whole are under __all__. Messages are in the "
                    "request's language: the body's `language`, else the `lang` query parameter, else Dutch."
                ),
                "additionalProperties": {"type": "array", "items": {"type": "string"}, "minItems": 1},
            }
        },
        "additionalProperties": False,
        "examples": [{"errors": {"contact.email": ["Geef een geldig e-mailadres, zoals naam@voorbeeld.nl."]}}],
    }


def _schemas() -> dict[str, Schema]:
    return {
        "ReportRequest": _report_request(),
        "Contact": {
            "type": "object",
            "properties": {
                "email": {"type": ["string", "null"], "format": "email", "maxLength": 254},
                "phone": {
                    "type": ["string", "null"],
                    "description": "9 to 15 digits, optionally starting with +; spaces, dashes and brackets allowed.",
                    "examples": ["06 12345678"],
                },
            },
            "additionalProperties": False,
        },
        "ReportAccepted": {
            "type": "object",
            "required": ["reference", "access_code", "status", "status_label", "received_at", "next_steps"],
            "properties": {
                "reference": {"type": "string", "pattern": r"^MSV-\d{4}-\d{6}$", "examples": ["MSV-2026-000042"]},
                "access_code": {
                    "type": "string",
                    "pattern": _code_pattern(),
                    "description": "Shown this once and stored only as a hash: the reporter must keep it.",
                },
                "status": {"const": Status.RECEIVED.value},
                "status_label": {"type": "string", "description": "The status in plain words."},
                "received_at": {"type": "string", "format": "date-time"},
                "next_steps": {
                    "type": "array",
                    "items": _ref("NextStep"),
                    "description": "What the meldpunt does next and by when (end of the day, Europe/Amsterdam).",
                },
                "portal_url": {"type": "string", "format": "uri", "description": "Where to follow the case."},
            },
        },
        "NextStep": {
            "type": "object",
            "required": ["code", "due"],
            "properties": {
                "code": {"type": "string", "enum": [ACKNOWLEDGEMENT.code, INTAKE_DECISION.code]},
                "due": {"type": "string", "format": "date"},
            },
        },
        "Errors": _errors_schema(),
        "SessionRequest": {
            "type": "object",
            "required": ["reference", "access_code"],
            "properties": {
                "reference": {"type": "string", "examples": ["MSV-2026-000042"]},
                "access_code": {
                    "type": "string",
                    "description": "As typed: case, spaces and dashes do not matter; O reads as 0, I and L as 1.",
                },
            },
            "additionalProperties": False,
        },
        "Session": {
            "type": "object",
            "required": ["token", "expires_at"],
            "properties": {
                "token": {"type": "string", "description": "Send as `Authorization: Bearer <token>`."},
                "expires_at": {"type": "string", "format": "date-time"},
            },
        },
        "ReporterCase": {
            "type": "object",
            "description": "The reporter's own view of the case: only what the reporter may see.",
            "required": ["reference", "status", "status_label", "description", "deadlines", "messages"],
            "properties": {
                "reference": {"type": "string"},
                "status": _enum(Status),
                "status_label": {"type": "string", "description": "The status in plain words."},
                "status_explanation": {"type": "string"},
                "received_at": {"type": "string", "format": "date-time"},
                "description": {"type": "string"},
                "deadlines": {"type": "array", "items": _ref("Deadline")},
                "next_deadline": {"type": ["string", "null"], "description": "The code of the next open deadline."},
                "messages": {"type": "array", "items": _ref("Message")},
                "files": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "filename": {"type": "string"},
                            "content_type": {"type": "string"},
                            "size": {"type": "integer"},
                            "uploaded_at": {"type": "string", "format": "date-time"},
                        },
                    },
                },
                "shared_with_school": {
                    "type": "array",
                    "description": "What the school has been told about the reporter and the case.",
                    "items": {
                        "type": "object",
                        "properties": {"code": {"type": "string"}, "label": {"type": "string"}},
                    },
                },
                "timeline": {
                    "type": "array",
                    "description": "What happened, as far as the reporter may see it.",
                    "items": {
                        "type": "object",
                        "properties": {
                            "at": {"type": "string", "format": "date-time"},
                            "kind": {"type": "string"},
                            "text": {"type": "string"},
                        },
                    },
                },
                "seen_by": {
                    "type": "array",
                    "description": "Who read or changed the case (from the audit log), without names of staff.",
                    "items": {"type": "object"},
                },
            },
        },
        "Deadline": {
            "type": "object",
            "required": ["code", "due", "state"],
            "properties": {
                "code": {"type": "string", "examples": [ACKNOWLEDGEMENT.code]},
                "label": {"type": "string"},
                "explanation": {"type": "string"},
                "due": {"type": ["string", "null"], "format": "date", "description": "Null while the clock is paused."},
                "state": {"type": "string", "enum": [state.value for state in DueState]},
                "working_days_left": {"type": ["integer", "null"]},
            },
        },
        "Message": {
            "type": "object",
            "required": ["from", "body", "sent_at"],
            "properties": {
                "from": {"type": "string", "enum": ["reporter", "handler"]},
                "body": {"type": "string"},
                "sent_at": {"type": "string", "format": "date-time"},
            },
        },
        "MessageRequest": {
            "type": "object",
            "required": ["body"],
            "properties": {"body": {"type": "string", "minLength": 1}},
            "additionalProperties": False,
        },
        "Health": {
            "type": "object",
            "required": ["status", "database", "migrations"],
            "properties": {
                "status": {"type": "string", "enum": ["ok", "error"]},
                "database": {"type": "string", "description": "ok, or a value starting with error."},
                "migrations": {"type": "string", "description": "ok, or a value starting with error."},
            },
        },
    }


def _json(schema: str, description: str, **extra: Any) -> Schema:
    return {"description": description, "content": {"application/json": {"schema": _ref(schema)}}, **extra}


_WWW_AUTHENTICATE = {"description": "Bearer, as RFC 6750 describes.", "schema": {"type": "string"}}
_RETRY_AFTER = {"Retry-After": {"$ref": "#/components/headers/RetryAfter"}}


def _responses() -> dict[str, Schema]:
    return {
        "BadRequest": _json("Errors", "The request was refused; nothing was stored."),
        "MethodNotAllowed": _json("Errors", "This method is not allowed here; `Allow` names the ones that are."),
        "TooLarge": _json("Errors", f"The body is larger than {MAX_BODY_BYTES // 1024} kB; nothing was stored."),
        "TooManyRequests": _json("Errors", "Too many attempts; try again after Retry-After.", headers=_RETRY_AFTER),
        "Unauthorized": _json(
            "Errors", "No valid token was sent, or it expired.", headers={"WWW-Authenticate": _WWW_AUTHENTICATE}
        ),
    }


def _body(schema: str) -> Schema:
    return {"required": True, "content": {"application/json": {"schema": _ref(schema)}}}


_LANG = {
    "name": "lang",
    "in": "query",
    "required": False,
    "schema": _enum(Language),
    "description": "The language of messages when the body does not choose one. Accept-Language is ignored.",
}


def _response(name: str) -> Schema:
    return {"$ref": f"#/components/responses/{name}"}


def _paths() -> dict[str, Schema]:
    bearer: list[dict[str, list[str]]] = [{"reporterToken": []}]
    return {
        "/api/v1/reports": {
            "post": {
                "operationId": "reports_create",
                "summary": "Send a report",
                "description": (
                    "The public intake. A 201 is sent only after the report is stored durably; any other answer "
                    "means nothing was stored. Accepted reports are limited per client (default 10 an hour); "
                    "refused bodies do not count."
                ),
                "parameters": [_LANG],
                "requestBody": _body("ReportRequest"),
                "responses": {
                    "201": _json("ReportAccepted", "The report is stored. The access code is shown only now."),
                    "400": _response("BadRequest"),
                    "405": _response("MethodNotAllowed"),
                    "413": _response("TooLarge"),
                    "429": _response("TooManyRequests"),
                    "503": _json(
                        "Errors", "The report could not be stored now; nothing was stored.", headers=_RETRY_AFTER
                    ),
                },
            }
        },
        "/api/v1/reporter/session": {
            "post": {
                "operationId": "reporter_session_create",
                "summary": "Sign in as the reporter of a case",
                "description": (
                    "Exchanges a reference and access code for a short-lived token. A wrong pair gets the same "
                    "401, byte for byte, whether the reference exists or not. Failures are limited per reference "
                    "and per client."
                ),
                "parameters": [_LANG],
                "requestBody": _body("SessionRequest"),
                "responses": {
                    "200": _json("Session", "Signed in."),
                    "400": _response("BadRequest"),
                    "401": _json(
                        "Errors",
                        "The reference and access code do not belong together.",
                        headers={"WWW-Authenticate": _WWW_AUTHENTICATE},
                    ),
                    "405": _response("MethodNotAllowed"),
                    "429": _response("TooManyRequests"),
                },
            }
        },
        "/api/v1/reporter/case": {
            "get": {
                "operationId": "reporter_case_detail",
                "summary": "The reporter's view of their case",
                "security": bearer,
                "parameters": [_LANG],
                "responses": {
                    "200": _json("ReporterCase", "The case as the reporter may see it."),
                    "401": _response("Unauthorized"),
                    "405": _response("MethodNotAllowed"),
                },
            }
        },
        "/api/v1/reporter/messages": {
            "post": {
                "operationId": "reporter_messages_create",
                "summary": "Send a message to the handler",
                "security": bearer,
                "parameters": [_LANG],
                "requestBody": _body("MessageRequest"),
                "responses": {
                    "201": _json("Message", "The message as stored."),
                    "400": _response("BadRequest"),
                    "401": _response("Unauthorized"),
                    "405": _response("MethodNotAllowed"),
                },
            }
        },
        "/api/v1/schema": {
            "get": {
                "operationId": "schema",
                "summary": "This document",
                "responses": {"200": {"description": "The OpenAPI document (JSON, which is also YAML 1.2)."}},
            }
        },
        "/health": {
            "get": {
                "operationId": "health",
                "summary": "Whether the service and its database work",
                "responses": {
                    "200": _json("Health", "Everything works."),
                    "503": _json("Health", "A part failed; its value starts with error."),
                },
            }
        },
    }


def openapi_document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Meldpunt API",
            "version": "1",
            "description": (
                "The public JSON interface of the meldpunt sociale veiligheid en gelijke behandeling: sending a "
                "report, and following it as its reporter. Every request body is UTF-8 JSON sent as "
                f"application/json, at most {MAX_BODY_BYTES // 1024} kB, without duplicate keys. Answers are "
                "never cached (Cache-Control: no-store)."
            ),
            "license": {"name": "EUPL-1.2", "identifier": "EUPL-1.2"},
        },
        "paths": _paths(),
        "components": {
            "schemas": _schemas(),
            "responses": _responses(),
            "headers": {
                "RetryAfter": {
                    "description": "Seconds to wait before trying again.",
                    "schema": {"type": "integer", "minimum": 1},
                }
            },
            "securitySchemes": {
                "reporterToken": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "The token from POST /api/v1/reporter/session; it expires after a short time.",
                }
            },
        },
    }


def openapi_text() -> str:
    """The document as committed in docs/openapi.yaml: indented JSON, which YAML 1.2 reads as it is."""
    return json.dumps(openapi_document(), indent=2, ensure_ascii=False) + "\n"
