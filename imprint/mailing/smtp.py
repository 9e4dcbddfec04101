"""Django's SMTP backend, with one moment made visible: the last line of a message's DATA.

RFC 5321 (4.1.1.4): a message is the server's to deliver once it has received the line "."
that ends the data; a connection lost before that line leaves the server with nothing. That
line is the only point where a message changes hands, so the list's sender records the
hand-over just before it (``before_final_dot``, set on the message) and sends the line just
after; sending.py says what that buys when the sender is killed. Every other message (password
resets, error reports) goes exactly as with Django's backend.
"""

from __future__ import annotations

import re
import smtplib
import socket
from collections.abc import Callable

from django.core.mail.backends import smtp

_LEADING_DOT = re.compile(rb"(?m)^\.")


class HandOverRefused(smtplib.SMTPException):
    """The hand-over was refused (another sender holds the message now): the connection was
    closed before the final line, so the server dropped what it had."""


class _HandOverMixin:
    before_final_dot: Callable[[], bool] | None = None

    def _get_socket(self, host, port, timeout):
        sock = super()._get_socket(host, port, timeout)
        # The data and its final line are two writes before a read: with Nagle's algorithm the
        # second waits for the server's delayed ACK of the first (40 ms on Linux) every message.
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock

    def data(self, msg):
        hook = self.before_final_dot
        if hook is None:
            return super().data(msg)
        self.putcmd("data")
        code, reply = self.getreply()
        if code != 354:
            raise smtplib.SMTPDataError(code, reply)
        quoted = _LEADING_DOT.sub(b"..", msg)  # as smtplib.SMTP.data quotes bytes
        if quoted[-2:] != b"\r\n":
            quoted += b"\r\n"
        self.send(quoted)
        try:
            handed = hook()
        except BaseException:
            self.close()  # mid-DATA a QUIT would be read as data: drop the connection instead
            raise
        if not handed:
            self.close()
            raise HandOverRefused("another sender holds this message now")
        self.send(b".\r\n")
        return self.getreply()


class SMTP(_HandOverMixin, smtplib.SMTP):
    pass


class SMTP_SSL(_HandOverMixin, smtplib.SMTP_SSL):  # noqa: N801 (smtplib's name)
    pass


class EmailBackend(smtp.EmailBackend):
    """``EMAIL_BACKEND = "imprint.mailing.smtp.EmailBackend"``: Django's SMTP backend whose
    connection calls a message's ``before_final_dot()`` (when it has one) before the final
    line; the message is not sent when it returns False."""

    @property
    def connection_class(self):
        return SMTP_SSL if self.use_ssl else SMTP

    def _send(self, email_message) -> bool:
        if self.connection is not None:
            self.connection.before_final_dot = getattr(email_message, "before_final_dot", None)
        try:
            return super()._send(email_message)
        finally:
            if self.connection is not None:
                self.connection.before_final_dot = None
