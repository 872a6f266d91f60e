"""From the guide to the report form: a parent's stuck situation ends at the meldpunt with the answers carried over."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from meldpunt.guide.tests.guide_walk import PARENT_STUCK, answer_all
from meldpunt.guide.tests.html import read_page
from meldpunt.intake.progress import progress_load

pytestmark = pytest.mark.django_db


def _report_form(html: str) -> tuple[str, list[tuple[str, str]]]:
    """The action and the hidden fields of the "report to the meldpunt" form, as a browser would send them."""
    form = re.search(r'<form method="post" action="([^"]+)">(.*?)</form>', html[html.index("data-meldpunt") :], re.S)
    assert form, "no report form"
    fields = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form.group(2))
    return form.group(1), [(name, value) for name, value in fields if name != "csrfmiddlewaretoken"]


def test_a_parent_gets_advice_naming_the_right_organisations_and_lands_in_the_report_form(client: Client, network):
    """Not resolved and the child at home: the meldpunt is offered, Ouders & Onderwijs named, and the wizard
    opens at the school question with role, subject, danger, steps and attendance filled in."""
    answer_all(client, PARENT_STUCK)
    html = client.get(reverse("guide:advice")).content.decode()
    page = read_page(html)
    organisations = [e.attrs["data-organisation"] for e in page.elements if "data-organisation" in e.attrs]
    assert organisations[0] == "ouders-onderwijs"
    assert "de-kindertelefoon" not in organisations  # a line for children, not for a parent
    assert "data-emergency" not in html
    action, fields = _report_form(html)
    assert action == reverse("intake:from_guide")
    assert sorted(fields) == sorted(
        [
            ("reporter_role", "parent"),
            ("categories", "bullying_psychological"),
            ("acute_danger", "no"),
            ("steps_taken", "talked_to_teacher"),
            ("attendance", "not_attending"),
        ]
    )
    data: dict[str, list[str]] = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    response = client.post(action, data)
    assert response["Location"] == reverse("intake:school")
    progress = progress_load(client.session)
    assert progress is not None
    assert progress.answers == {
        "reporter_role": "parent",
        "categories": ["bullying_psychological"],
        "acute_danger": False,
        "steps_taken": ["talked_to_teacher"],
        "attendance": "not_attending",
    }
    role_page = client.get(reverse("intake:role")).content.decode()
    assert re.search(r'value="parent"\s+checked', role_page)


def test_a_pupil_who_is_not_stuck_is_sent_to_the_school_first(client: Client, network):
    """Nothing tried and still at school: talk to the mentor first, no meldpunt form, a line for children named."""
    answer_all(
        client,
        {
            "role": ["pupil"],
            "topics": ["discrimination"],
            "danger": ["no"],
            "tried": ["none"],
            "duration": ["under_month"],
            "attendance": ["attending"],
        },
    )
    html = client.get(reverse("guide:advice")).content.decode()
    assert "data-meldpunt" not in html
    assert 'data-step="mentor"' in html
    assert 'data-organisation="discriminatienl-jeugd"' in html or "Discriminatie.nl Jeugd" in html
