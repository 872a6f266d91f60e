import json
import logging

from meldpunt.core.logging import RedactFilter, redact


def test_redact_removes_email_phone_and_access_code():
    """Contact details and access codes never reach a log line, whatever a caller passes."""
    text = "mail jan.jansen@example.nl, bel 06-12345678 of +31 20 123 4567, code ABCD-EFGH-JKMN-PQRS"
    cleaned = redact(text)
    assert "jan.jansen" not in cleaned
    assert "12345678" not in cleaned
    assert "123 4567" not in cleaned
    assert "ABCD-EFGH" not in cleaned
    assert cleaned.count("[redacted]") == 4


def test_log_records_are_json_and_redacted(caplog):
    """The configured handler writes JSON and the filter redacts arguments and drops request bodies."""
    from pythonjsonlogger.json import JsonFormatter

    record = logging.LogRecord("meldpunt", logging.INFO, __file__, 1, "sent to %s", ("a@b.nl",), None)
    record.request = object()
    assert RedactFilter().filter(record)
    line = JsonFormatter("%(levelname)s %(message)s").format(record)
    payload = json.loads(line)
    assert payload["message"] == "sent to [redacted]"
    assert "a@b.nl" not in line
