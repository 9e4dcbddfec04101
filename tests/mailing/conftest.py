"""A real SMTP server for the mailing tests (aiosmtpd on a free port), and helpers to read
what it received and follow its links with the test client."""

from __future__ import annotations

import email
import email.policy
import re
import socket
from urllib.parse import urlsplit

import pytest
from aiosmtpd.controller import Controller


class Mailbox:
    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.refuse: list[str] = []  # SMTP replies to give to the next DATA commands

    async def handle_DATA(self, server, session, envelope) -> str:
        if self.refuse:
            return self.refuse.pop(0)
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        parsed["X-Envelope-To"] = ",".join(envelope.rcpt_tos)
        self.messages.append(parsed)
        return "250 Message accepted"

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [m for m in self.messages if m["X-Envelope-To"] == address]

    def clear(self) -> None:
        self.messages.clear()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def mailbox(settings):
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "imprint.mailing.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.DEFAULT_FROM_EMAIL = "Example Institute <news@example.org>"
    settings.IMPRINT_MAILING_RETRY_SECONDS = 0
    yield box
    controller.stop()


def text_part(message: email.message.EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def html_part(message: email.message.EmailMessage) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


def links(message: email.message.EmailMessage, name: str) -> list[str]:
    """Paths of the links to ``/mailing/<name>/…`` in the plain-text part."""
    found = re.findall(rf"https?://\S+/mailing/{name}/\S+/", text_part(message))
    return [urlsplit(url).path for url in found]
