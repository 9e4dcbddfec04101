"""Bounces and complaints suppress the address: delivery status notifications fed to
``imprint read_bounces`` (one message, an mbox, stdin) and a provider's tracking webhook
through django-anymail. Temporary failures suppress nobody."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from imprint.mailing import services
from imprint.mailing.models import ConsentEvent, OutboundMessage, Subscriber
from imprint.mailing.sending import outbound_send
from tests import factories as f

from .helpers import confirmed_subscriber

pytestmark = pytest.mark.django_db
REPORTS = Path(__file__).parent / "reports"


def _report(name: str, **values: str) -> bytes:
    text = (REPORTS / name).read_text()
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text.encode()


def _mbox(*messages: bytes) -> bytes:
    return b"".join(b"From MAILER-DAEMON Tue Dec  1 09:14:03 2026\n" + m + b"\n" for m in messages)


@pytest.fixture
def sent(mailbox, publication_index):
    """Three readers who each received the announcement of a publication."""
    for address in ("gone@example.net", "slow@example.com", "annoyed@example.com"):
        confirmed_subscriber(address)
    page = f.PublicationPageFactory(parent=publication_index, title="Sea lanes")
    services.publication_announce(page_id=page.pk)
    outbound_send(holder="test")
    return page


def _run(*args: str, stdin: bytes | None = None, monkeypatch=None) -> str:
    out = io.StringIO()
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    call_command("read_bounces", *args, stdout=out)
    return out.getvalue()


def test_an_mbox_of_reports_suppresses_hard_bounces_and_complaints_only(sent, tmp_path):
    bounced = OutboundMessage.objects.get(kind="publication", subscriber__email="gone@example.net")
    mbox = tmp_path / "bounces.mbox"
    mbox.write_bytes(
        _mbox(
            _report("hard-bounce.eml", MESSAGE_ID=bounced.message_id),
            _report("delayed.eml"),
            _report("complaint.eml"),
            _report("not-a-report.eml"),
        )
    )
    output = _run(str(mbox))
    assert "4 messages read: 2 addresses suppressed, 1 temporary failures ignored" in output
    suppressed = dict(Subscriber.objects.values_list("email", "suppressed"))
    assert suppressed == {
        "gone@example.net": True,
        "annoyed@example.com": True,
        "slow@example.com": False,
    }
    gone = Subscriber.objects.get(email="gone@example.net")
    assert "5.1.1" in gone.suppressed_reason
    event = ConsentEvent.objects.filter(subscriber=gone).last()
    assert event.action == "suppress" and "User unknown" in event.detail
    bounced.refresh_from_db()
    assert bounced.bounced_at is not None  # the message it answers, found by its Message-ID


def test_a_suppressed_address_is_never_mailed_again(sent, mailbox, publication_index, tmp_path):
    (tmp_path / "bounce.eml").write_bytes(_report("hard-bounce.eml", MESSAGE_ID="<x@y>"))
    _run(str(tmp_path / "bounce.eml"))
    mailbox.clear()
    later = f.PublicationPageFactory(parent=publication_index, title="Straits")
    services.publication_announce(page_id=later.pk)
    outbound_send(holder="test")
    assert sorted(m["X-Envelope-To"] for m in mailbox.messages) == [
        "annoyed@example.com",
        "slow@example.com",
    ]
    # Signing up again changes nothing either: the address stays suppressed, unmailed.
    services.subscriber_signup(
        email="gone@example.net", lists=services.mailing_lists_for(["all"]), source="test"
    )
    outbound_send(holder="test")
    assert mailbox.to("gone@example.net") == []


def test_reports_are_read_from_standard_input(sent, monkeypatch):
    output = _run(stdin=_report("complaint.eml"), monkeypatch=monkeypatch)
    assert "1 messages read: 1 addresses suppressed" in output
    assert Subscriber.objects.get(email="annoyed@example.com").suppressed


def test_a_report_about_an_address_not_on_the_list_changes_nothing(db, tmp_path):
    (tmp_path / "bounce.eml").write_bytes(_report("hard-bounce.eml", MESSAGE_ID="<x@y>"))
    assert "0 addresses suppressed" in _run(str(tmp_path / "bounce.eml"))
    assert "1 not on the list" in _run(str(tmp_path / "bounce.eml"))


def test_a_missing_file_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read .*nowhere.mbox: No such file"):
        _run(str(tmp_path / "nowhere.mbox"))


POSTMARK_BOUNCE = {
    "RecordType": "Bounce",
    "ID": 4323372036854775807,
    "Type": "HardBounce",
    "TypeCode": 1,
    "Name": "Hard bounce",
    "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
    "Description": "The server was unable to deliver your message (ex: unknown user).",
    "Details": "smtp;550 5.1.1 The email account that you tried to reach does not exist.",
    "Email": "gone@example.net",
    "From": "news@example.org",
    "BouncedAt": "2026-12-01T09:14:03Z",
    "Inactive": True,
    "CanActivate": True,
    "Subject": "Sea lanes",
    "Content": "",
    "Metadata": {},
    "MessageStream": "outbound",
    "Tag": "",
}


def _auth(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(secret.encode()).decode()}


def test_a_providers_bounce_webhook_suppresses_the_address(client, settings, home):
    settings.ANYMAIL = {"WEBHOOK_SECRET": "postmark:s3cret-words"}
    reader = confirmed_subscriber("gone@example.net")
    row = OutboundMessage.objects.create(
        subscriber=reader, key="publication:1", kind="publication", message_id="<m@example.org>",
        status="sent", provider_id=POSTMARK_BOUNCE["MessageID"],
    )  # fmt: skip
    response = client.post(
        "/anymail/postmark/tracking/",
        json.dumps(POSTMARK_BOUNCE),
        content_type="application/json",
        **_auth("postmark:s3cret-words"),
    )
    assert response.status_code == 200
    reader.refresh_from_db()
    assert reader.suppressed and "Postmark bounced" in reader.suppressed_reason
    row.refresh_from_db()
    assert row.bounced_at is not None


def test_a_soft_bounce_or_a_forged_call_suppresses_nobody(client, settings, home):
    settings.ANYMAIL = {"WEBHOOK_SECRET": "postmark:s3cret-words"}
    confirmed_subscriber("gone@example.net")
    soft = {**POSTMARK_BOUNCE, "Type": "Transient", "TypeCode": 2}
    url, body = "/anymail/postmark/tracking/", json.dumps(POSTMARK_BOUNCE)
    assert client.post(url, json.dumps(soft), content_type="application/json",
                       **_auth("postmark:s3cret-words")).status_code == 200  # fmt: skip
    forged = client.post(url, body, content_type="application/json", **_auth("postmark:guess"))
    assert forged.status_code == 400
    unsigned = client.post(url, body, content_type="application/json")
    assert unsigned.status_code == 400
    assert not Subscriber.objects.get(email="gone@example.net").suppressed


def test_without_a_secret_the_webhooks_are_not_there(client, settings, home):
    settings.ANYMAIL = {"WEBHOOK_SECRET": ""}
    response = client.post(
        "/anymail/postmark/tracking/", json.dumps(POSTMARK_BOUNCE), content_type="application/json"
    )
    assert response.status_code == 404
