"""An SMTP server for the crash tests that keeps what a killed client had already sent
(tests/mailing/test_send_crashes.py, bench/mailing)."""

from __future__ import annotations

import asyncio

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP


class KeepsFinishedData(SMTP):
    """aiosmtpd, except that a client closing the connection does not throw away what it has
    already sent. aiosmtpd cancels its reading at end of file, even when the final line of a
    message's DATA is in its buffer unread; a client killed right after writing that line then
    loses the message, which an MTA such as Postfix, having received it, would deliver (RFC
    5321 4.1.1.4). Here the buffered lines are read first."""

    def eof_received(self):
        return asyncio.StreamReaderProtocol.eof_received(self)

    def connection_lost(self, error) -> None:
        if self._timeout_handle is not None:
            self._timeout_handle.cancel()
        asyncio.StreamReaderProtocol.connection_lost(self, error)


class KeepingController(Controller):
    def factory(self):
        return KeepsFinishedData(self.handler, **self.SMTP_kwargs)
