"""Walking the intake wizard with the Django test client, the way a browser without JavaScript does."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from django.test import Client
from django.urls import reverse
from PIL import Image

from meldpunt.intake import wizard
from meldpunt.schools import matching
from meldpunt.schools.models import School

STEP_ORDER = [step.name for step in wizard.STEPS]
SECRET_DESCRIPTION = "Mijn dochter Anouk wordt al maanden gepest door GEHEIMNAAM in groep 7."
SECRET_EMAIL = "anouk.ouder@example.nl"
SECRET_PHONE = "06 98765432"


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(out, format="PNG")
    return out.getvalue()


def date_parts(days_ago: int) -> dict[str, str]:
    day = dt.date.today() - dt.timedelta(days=days_ago)
    return {"day": str(day.day), "month": str(day.month), "year": str(day.year)}


def iso_days_ago(days_ago: int) -> str:
    return (dt.date.today() - dt.timedelta(days=days_ago)).isoformat()


def parent_answers() -> dict[str, dict[str, Any]]:
    """A parent whose child has not been at school for a month, with the school named and contact details."""
    return {
        "danger": {"acute_danger": "no"},
        "role": {"reporter_role": "parent"},
        "school": {"school": "32JK00", "continue": "1"},
        "categories": {"categories": ["bullying_psychological", "discrimination"]},
        "description": {"description": SECRET_DESCRIPTION},
        "started_on": date_parts(90),
        "steps_taken": {"steps_taken": ["talked_to_teacher", "complaint_to_board"]},
        "attendance": {"attendance": "not_attending"},
        "absent_since": date_parts(30),
        "accused_is_staff": {"accused_is_staff": "no"},
        "share_identity": {"share_identity_with_school": "yes"},
        "consent_referral": {"consent_referral": "yes"},
        "contact": {"email": SECRET_EMAIL, "phone": SECRET_PHONE},
        "attachments": {"continue": "1"},
    }


def pupil_answers() -> dict[str, dict[str, Any]]:
    """A pupil who names no school and leaves no contact details."""
    return {
        "danger": {"acute_danger": "no"},
        "role": {"reporter_role": "pupil"},
        "school": {"school": "none", "continue": "1"},
        "sector": {"sector": "vo"},
        "categories": {"categories": ["bullying_psychological"]},
        "description": {"description": "Ze lachen me elke dag uit in de klas."},
        "started_on": {"day": "", "month": "", "year": ""},
        "steps_taken": {"steps_taken": ["none"]},
        "attendance": {"attendance": "partly"},
        "absent_since": {"day": "", "month": "", "year": ""},
        "accused_is_staff": {"accused_is_staff": "unknown"},
        "share_identity": {"share_identity_with_school": "no"},
        "consent_referral": {"consent_referral": "no"},
        "contact": {"email": "", "phone": ""},
        "attachments": {"continue": "1"},
    }


def make_searchable(school: School) -> School:
    """The shared `school` fixture skips the import, which fills the folded search text; fill it here."""
    school.search_text = matching.search_text(
        name=school.name,
        place=school.place,
        municipality=school.municipality,
        code=school.code,
        institution_code=school.institution_code,
    )
    school.save()
    return school


def url(step: str) -> str:
    return reverse(f"intake:{step}")


def answer(client: Client, step: str, data: dict[str, Any]) -> Any:
    """Answer one page and insist that it was accepted (a redirect onwards)."""
    if step == "school" and data.get("school") not in (None, "none"):
        client.post(url("school"), {"q": data["school"], "search": "1"})
    response = client.post(url(step), data)
    assert response.status_code == 302, f"{step} was not accepted: {errors_in(response)}"
    return response


def walk(client: Client, answers: dict[str, dict[str, Any]], *, until: str | None = None) -> None:
    """Answer the pages in order, stopping before `until` (a step name) when given."""
    for step in STEP_ORDER:
        if step == until:
            return
        if step in answers:
            answer(client, step, answers[step])


def errors_in(response: Any) -> list[str]:
    html = response.content.decode()
    summary = re.search(r'<ul class="mp-error-summary__list">(.*?)</ul>', html, re.S)
    return re.findall(r">([^<]+)</a>", summary.group(1)) if summary else []


def title_of(response: Any) -> str:
    match = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)
    assert match, "the page has no title"
    return match.group(1).strip()


def h1_of(response: Any) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S)
    assert match, "the page has no h1"
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()
