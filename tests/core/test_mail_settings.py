"""Production mail settings deliver to a real SMTP server: STARTTLS, login, the right sender."""

import shutil
import socket
import ssl
import subprocess
import sys

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from .test_settings import PRODUCTION_ENV, run


class Mailbox:
    def __init__(self) -> None:
        self.messages: list[dict] = []
        self.logins: list[tuple[bytes, bytes]] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.messages.append(
            {
                "from": envelope.mail_from,
                "to": envelope.rcpt_tos,
                "data": envelope.content.decode(),
                "tls": session.ssl is not None,
                "authenticated": session.authenticated,
            }
        )
        return "250 Message accepted"

    def authenticate(self, server, session, envelope, mechanism, auth_data) -> AuthResult:
        self.logins.append((auth_data.login, auth_data.password))
        ok = (auth_data.login, auth_data.password) == (b"news", b"smtp secret")
        return AuthResult(success=ok)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def certificate(tmp_path):
    openssl = shutil.which("openssl")
    if not openssl:
        pytest.skip("openssl is needed to make the SMTP server's certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-keyout", str(key), "-out", str(cert), "-subj", "/CN=localhost"]
        + ["-addext", "subjectAltName=DNS:localhost"],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.fixture
def smtp_server(certificate):
    cert, key = certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    mailbox = Mailbox()
    controller = Controller(
        mailbox,
        hostname="127.0.0.1",
        port=free_port(),
        server_hostname="localhost",
        tls_context=context,
        require_starttls=True,
        auth_required=True,
        authenticator=mailbox.authenticate,
    )
    controller.start()
    yield mailbox, controller.port, cert
    controller.stop()


def test_production_mail_settings_deliver_through_an_authenticated_tls_server(
    tmp_path, smtp_server
):
    mailbox, port, cert = smtp_server
    result = run(
        [sys.executable, "manage.py", "sendtestemail", "reader@example.org"],
        tmp_path,
        DJANGO_SETTINGS_MODULE="imprint.settings.production",
        **PRODUCTION_ENV,
        EMAIL_HOST="localhost",
        EMAIL_PORT=str(port),
        EMAIL_USE_TLS="1",
        EMAIL_HOST_USER="news",
        EMAIL_HOST_PASSWORD="smtp secret",
        SSL_CERT_FILE=str(cert),  # trust the test server's own certificate
    )
    assert result.returncode == 0, result.stderr
    assert mailbox.logins == [(b"news", b"smtp secret")]
    [message] = mailbox.messages
    assert message["tls"] and message["authenticated"]
    assert message["from"] == "news@example.org"
    assert message["to"] == ["reader@example.org"]
    assert "From: Example Institute <news@example.org>" in message["data"]
