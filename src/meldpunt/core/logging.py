"""Log hygiene: structured logs must never carry case text, identities or request bodies."""

import logging
import re

# Email addresses, Dutch phone numbers and access codes have recognisable shapes; anything else
# sensitive must simply never be passed to a logger (STYLE.md, habit 7).
_PATTERNS = [
    re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"),
    re.compile(r"(?<!\d)(?:\+31|0031|0)[\s-]?\d(?:[\s-]?\d){8}(?!\d)"),
    re.compile(r"\b[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){3}\b"),
]
_REDACTED = "[redacted]"
_DROPPED_ATTRIBUTES = ("request", "body", "data")


def redact(text: str) -> str:
    for pattern in _PATTERNS:
        text = pattern.sub(_REDACTED, text)
    return text


class RedactFilter(logging.Filter):
    """Last line of defence: strips request objects and redacts contact details from every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        for attribute in _DROPPED_ATTRIBUTES:
            if hasattr(record, attribute):
                setattr(record, attribute, _REDACTED)
        record.msg = redact(str(record.msg))
        if record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(redact(str(arg)) for arg in args)
        return True
