"""Walking the guide with the Django test client, the way a browser without JavaScript does."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.test import Client
from django.urls import reverse

from meldpunt.guide.rules import Table, questions_asked
from meldpunt.guide.selectors import decision_table_current

# A parent whose child is bullied, who talked to the mentor without result, and whose child is at home.
PARENT_STUCK: dict[str, list[str]] = {
    "role": ["parent"],
    "topics": ["bullying_psychological"],
    "danger": ["no"],
    "tried": ["talked_to_teacher"],
    "outcome": ["not_resolved"],
    "duration": ["months"],
    "attendance": ["not_attending"],
}


def table() -> Table:
    return decision_table_current().table


def question_url(slug: str) -> str:
    return reverse("guide:question", kwargs={"slug": slug})


def answer_all(client: Client, answers: Mapping[str, Sequence[str]]) -> None:
    """Answer the questions the answers reach, in order, until one has no answer; each page must accept its answer."""
    current = table()
    for question in questions_asked(current, {key: tuple(value) for key, value in answers.items()}):
        if question.id not in answers:
            return
        response = client.post(question_url(question.slug), {"answer": list(answers[question.id])})
        assert response.status_code == 302, (question.id, response.content.decode()[:500])
