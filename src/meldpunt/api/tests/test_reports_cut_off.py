import http.client
import json
import socket
import time
from urllib.parse import urlsplit

import pytest

from meldpunt.api.tests.reports_fixtures import URL, school_fixture, valid_report_fixture  # noqa: F401  (fixtures)
from meldpunt.cases.models import Case

DECLARED_LENGTH = 5000


def _send_headers_and(live_server, part: bytes) -> socket.socket:
    """Open a raw connection that announces a 5000-byte body and sends only `part` of it."""
    address = urlsplit(live_server.url)
    sock = socket.create_connection((address.hostname, address.port), timeout=10)
    head = (
        f"POST {URL} HTTP/1.1\r\nHost: {address.netloc}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {DECLARED_LENGTH}\r\nConnection: close\r\n\r\n"
    )
    sock.sendall(head.encode() + part)
    return sock


def _server_still_accepts(live_server, body: bytes) -> None:
    address = urlsplit(live_server.url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    connection.request("POST", URL, body=body, headers={"Content-Type": "application/json"})
    assert connection.getresponse().status == 201
    connection.close()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("sent", ["half of the body", "all of a valid body, but less than announced"])
def test_a_request_cut_off_mid_body_stores_nothing(live_server, school, valid_report, sent):
    """A client that disconnects before its announced body is complete leaves no case, and the server carries on."""
    body = json.dumps(valid_report).encode()
    assert len(body) < DECLARED_LENGTH
    part = body[: len(body) // 2] if sent.startswith("half") else body
    sock = _send_headers_and(live_server, part)
    sock.close()
    time.sleep(0.5)  # the server thread reads what came, finds it short and answers into the void
    assert Case.objects.count() == 0
    _server_still_accepts(live_server, body)
    assert Case.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_body_shorter_than_announced_is_answered_400(live_server, school, valid_report):
    """A client that stops sending but still listens hears 400: the body did not arrive in full."""
    sock = _send_headers_and(live_server, json.dumps(valid_report).encode())
    sock.shutdown(socket.SHUT_WR)
    answer = b""
    while chunk := sock.recv(65536):
        answer += chunk
    sock.close()
    head, _, content = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400")
    assert list(json.loads(content)["errors"]) == ["__all__"]
    assert Case.objects.count() == 0
