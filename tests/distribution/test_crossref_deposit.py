"""Sending deposits: a real local HTTP server stands in for Crossref's deposit servlet (the
multipart POST Crossref documents), and others fail (HTTP 500, a timeout, a refused
connection). The outcome says why, the XML is kept, and a retry sends it again."""

from __future__ import annotations

import email.parser
import email.policy
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction
from django.test import TestCase

from imprint.distribution.cite.models import CrossrefDeposit, DepositStatus
from imprint.distribution.cite.services import crossref_deposit_create, crossref_deposit_send

from . import cite_world

pytestmark = pytest.mark.django_db


class StandIn:
    """What the stand-in received, and how it answers."""

    def __init__(self) -> None:
        self.received: list[dict] = []
        self.status = 200
        self.delay = 0.0
        self.body = (
            b"<html><body><h2>SUCCESS</h2><p>Your batch submission was received.</p></body></html>"
        )


def _handler(stand_in: StandIn):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            length = int(self.headers["Content-Length"])
            raw = self.rfile.read(length)
            message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
                f"Content-Type: {self.headers['Content-Type']}\r\n\r\n".encode() + raw
            )
            fields = {}
            for part in message.iter_parts():
                name = part.get_param("name", header="content-disposition")
                fields[name] = {
                    "filename": part.get_filename(),
                    "content_type": part.get_content_type(),
                    "value": part.get_payload(decode=True),
                }
            stand_in.received.append({"path": self.path, "fields": fields})
            time.sleep(stand_in.delay)
            self.send_response(stand_in.status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(stand_in.body)

        def log_message(self, *args) -> None:
            pass

    return Handler


@pytest.fixture
def crossref(settings) -> Iterator[StandIn]:
    stand_in = StandIn()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(stand_in))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.IMPRINT_CROSSREF_DEPOSIT_URL = f"http://127.0.0.1:{server.server_port}/servlet/deposit"
    settings.IMPRINT_CROSSREF_LOGIN_ID = "imprint-test"
    settings.IMPRINT_CROSSREF_LOGIN_PASSWORD = "s3cret&=?"
    settings.IMPRINT_CROSSREF_TIMEOUT_SECONDS = 2
    yield stand_in
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=True):
            built = cite_world.build()
        yield built
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _in_savepoint(world, db):
    """Each test runs in a savepoint of the module's world."""


def _create(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        deposit, batch = crossref_deposit_create(page_ids=[world.issue.pk], label="Issue 2")
    deposit.refresh_from_db()
    return deposit


def test_a_deposit_is_posted_as_crossref_takes_it_and_recorded(
    world, crossref, django_capture_on_commit_callbacks
):
    deposit = _create(world, django_capture_on_commit_callbacks)  # the worker ran it
    (request,) = crossref.received
    fields = request["fields"]
    assert request["path"] == "/servlet/deposit"
    assert fields["operation"]["value"] == b"doMDUpload"
    assert fields["login_id"]["value"] == b"imprint-test"
    assert fields["login_passwd"]["value"] == b"s3cret&=?"
    assert fields["fname"]["filename"] == f"{deposit.batch_id}.xml"
    assert fields["fname"]["value"] == deposit.xml.encode()
    assert b"<doi>10.5555/jpa.7.2.1</doi>" in fields["fname"]["value"]
    assert deposit.status == DepositStatus.SUBMITTED and deposit.http_status == 200
    assert deposit.submitted_at is not None and "SUCCESS" in deposit.response_excerpt
    assert deposit.dois == ["10.5555/jpa.7.2.1", "10.5555/jpa.7.2"]


def test_a_submitted_deposit_is_not_sent_twice(world, crossref, django_capture_on_commit_callbacks):
    deposit = _create(world, django_capture_on_commit_callbacks)
    assert crossref_deposit_send(deposit_id=deposit.pk) == "nothing to send"
    assert len(crossref.received) == 1


def test_a_server_error_is_recorded_and_a_retry_sends_the_same_xml(
    world, crossref, django_capture_on_commit_callbacks, admin_client
):
    crossref.status, crossref.body = 500, b"Internal error: database unavailable"
    deposit = _create(world, django_capture_on_commit_callbacks)
    assert deposit.status == DepositStatus.FAILED and deposit.http_status == 500
    assert deposit.error == "Crossref answered HTTP 500 Internal Server Error."
    assert "database unavailable" in deposit.response_excerpt
    listing = admin_client.get("/admin/crossref/").content.decode()
    assert "Crossref answered HTTP 500" in listing and "Retry" in listing

    crossref.status, crossref.body = 200, b"SUCCESS"
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/crossref/{deposit.pk}/retry/")
    assert response.status_code == 302
    deposit.refresh_from_db()
    assert deposit.status == DepositStatus.SUBMITTED and deposit.attempts == 2
    first, second = crossref.received
    assert first["fields"]["fname"]["value"] == second["fields"]["fname"]["value"]


def test_a_timeout_is_recorded(world, crossref, settings, django_capture_on_commit_callbacks):
    settings.IMPRINT_CROSSREF_TIMEOUT_SECONDS = 0.3
    crossref.delay = 1.0
    deposit = _create(world, django_capture_on_commit_callbacks)
    assert deposit.status == DepositStatus.FAILED and deposit.http_status is None
    assert deposit.error.startswith("Crossref could not be reached: ReadTimeout")
    assert deposit.xml  # nothing lost


def test_a_refused_connection_is_recorded(
    world, crossref, settings, django_capture_on_commit_callbacks
):
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    settings.IMPRINT_CROSSREF_DEPOSIT_URL = f"http://127.0.0.1:{port}/servlet/deposit"
    deposit = _create(world, django_capture_on_commit_callbacks)
    assert deposit.status == DepositStatus.FAILED
    assert deposit.error.startswith("Crossref could not be reached: ConnectionError")


def test_without_a_login_the_admin_says_what_to_configure(world, admin_client, settings):
    settings.IMPRINT_CROSSREF_LOGIN_ID = ""
    settings.IMPRINT_CROSSREF_LOGIN_PASSWORD = ""
    html = admin_client.get(f"/admin/crossref/prepare/?page={world.issue.pk}").content.decode()
    assert "set IMPRINT_CROSSREF_LOGIN_ID, IMPRINT_CROSSREF_LOGIN_PASSWORD" in html
    assert "Deposit to Crossref</button>" not in html
    assert "Download the XML" in html
    response = admin_client.post("/admin/crossref/deposit/", {"page": world.issue.pk})
    assert response.status_code == 302 and not CrossrefDeposit.objects.exists()


def test_the_admin_prepares_downloads_and_sends_a_deposit(
    world, admin_client, crossref, django_capture_on_commit_callbacks
):
    html = admin_client.get(
        f"/admin/crossref/prepare/?page={world.issue.pk}&page={world.post.pk}"
    ).content.decode()
    assert "10.5555/jpa.7.2.1" in html and "Notes on shipping lanes: it has no DOI" in html
    assert "Deposit to Crossref</button>" in html
    xml = admin_client.get(f"/admin/crossref/xml/?page={world.issue.pk}")
    assert xml["Content-Type"] == "application/xml; charset=utf-8"
    assert xml["Content-Disposition"].startswith('attachment; filename="imprint-')
    with django_capture_on_commit_callbacks(execute=True):
        sent = admin_client.post("/admin/crossref/deposit/", {"page": [world.issue.pk]})
    assert sent.status_code == 302
    deposit = CrossrefDeposit.objects.get()
    assert deposit.status == DepositStatus.SUBMITTED and deposit.label == "Issue 2"
    listing = admin_client.get("/admin/crossref/").content.decode()
    assert deposit.batch_id in listing and "Submitted" in listing
    stored = admin_client.get(f"/admin/crossref/{deposit.pk}/xml/")
    assert stored.content == deposit.xml.encode()


def test_the_issue_editor_has_a_crossref_button_and_pages_a_bulk_action(world, admin_client):
    html = admin_client.get(f"/admin/pages/{world.issue.pk}/edit/").content.decode()
    assert f"/admin/crossref/prepare/?page={world.issue.pk}" in html
    url = (
        f"/admin/bulk/wagtailcore/page/crossref/?id={world.brief.pk}&id={world.paper.pk}"
        f"&next=/admin/pages/"
    )
    assert "Prepare a Crossref deposit" in admin_client.get(url).content.decode()
    response = admin_client.post(url)
    assert response.status_code == 302
    assert (
        response["Location"]
        == f"/admin/crossref/prepare/?page={world.brief.pk}&page={world.paper.pk}"
    )


@pytest.mark.parametrize("query", ["", "page=x", "page=-1", "page=%00", "page=" + "9" * 40])
def test_bad_page_choices_get_a_message_not_an_error(world, admin_client, query):
    for url in ("/admin/crossref/prepare/", "/admin/crossref/xml/"):
        response = admin_client.get(f"{url}?{query}")
        assert response.status_code in {200, 400}, (url, query)


def test_editors_without_the_permission_may_download_but_not_deposit(
    world, client, django_user_model
):
    from django.contrib.auth.models import Permission

    editor = django_user_model.objects.create_user("editor", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get(f"/admin/crossref/xml/?page={world.issue.pk}").status_code == 200
    refused = client.post("/admin/crossref/deposit/", {"page": world.issue.pk})
    # Wagtail's admin answers PermissionDenied with its dashboard and a message.
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    assert not CrossrefDeposit.objects.exists()
