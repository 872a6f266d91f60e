"""Form field set-ups that several apps declare the same way. Pure Django forms; no domain app."""

from collections.abc import Iterable
from typing import Any

from django import forms


def radio_choice_field(
    label: Any, choices: Iterable[tuple[Any, Any]], *, message: Any, **kwargs: Any
) -> forms.ChoiceField:
    """A group of radio buttons where no choice and an unknown choice get the same `message`."""
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
        **kwargs,
    )
