"""Reading delivery status notifications (RFC 3464) and complaint reports (RFC 5965, ARF).

A bounce arrives as ``multipart/report; report-type=delivery-status``: a human part, a
``message/delivery-status`` part (one block of fields for the message, one per recipient:
``Final-Recipient``, ``Action``, ``Status``) and the returned message or its headers, where our
``Message-ID`` is. A complaint is ``report-type=feedback-report``. Input is one message, or an
mbox of many (lines ``From `` between them), as a mail server's bounce mailbox holds them.
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import re
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from email.parser import BytesHeaderParser

_MBOX_SEPARATOR = re.compile(rb"(?m)^From .*\r?\n")


@dataclass(frozen=True)
class Report:
    """One recipient in one report: ``hard`` when the address is to be suppressed."""

    recipient: str
    kind: str  # "bounce", "complaint"
    status: str  # the DSN's Status (5.1.1), or the complaint's Feedback-Type
    hard: bool
    message_id: str
    diagnostic: str


def messages_in(data: bytes) -> Iterator[Message]:
    """The messages of an mbox, or the one message ``data`` is."""
    if data.startswith(b"From "):
        chunks = [chunk for chunk in _MBOX_SEPARATOR.split(data) if chunk.strip()]
    else:
        chunks = [data]
    for chunk in chunks:
        yield email.message_from_bytes(chunk, policy=email.policy.compat32)


def reports_in(message: Message) -> list[Report]:
    """What one message reports; [] for anything that is not a DSN or a complaint."""
    if message.get_content_type() != "multipart/report":
        return []
    report_type = (message.get_param("report-type") or "").lower()
    if report_type == "delivery-status":
        return _delivery_status(message)
    if report_type == "feedback-report":
        return _feedback(message)
    return []


def _delivery_status(message: Message) -> list[Report]:
    status_part = _part(message, "message/delivery-status")
    if status_part is None:
        return []
    blocks = status_part.get_payload()
    if not isinstance(blocks, list):  # a report written as one text block
        blocks = _blocks(status_part.get_payload(decode=True) or b"")
    message_id = _original_message_id(message)
    reports = []
    for block in blocks[1:]:  # the first block is about the message, the others recipients
        recipient = _address(block.get("Final-Recipient") or block.get("Original-Recipient"))
        action = (block.get("Action") or "").strip().lower()
        status = (block.get("Status") or "").strip()
        if not recipient:
            continue
        reports.append(
            Report(
                recipient=recipient,
                kind="bounce",
                status=status,
                hard=action == "failed" and status.startswith("5"),
                message_id=message_id,
                diagnostic=" ".join((block.get("Diagnostic-Code") or "").split())[:200],
            )
        )
    return reports


def _feedback(message: Message) -> list[Report]:
    part = _part(message, "message/feedback-report")
    fields = _blocks(_raw(part))[0] if part is not None else Message()
    original = _original_headers(message)
    recipient = _address(fields.get("Original-Rcpt-To") or (original or {}).get("To"))
    if not recipient:
        return []
    return [
        Report(
            recipient=recipient,
            kind="complaint",
            status=(fields.get("Feedback-Type") or "abuse").strip(),
            hard=True,
            message_id=_original_message_id(message),
            diagnostic="",
        )
    ]


def _part(message: Message, content_type: str) -> Message | None:
    return next((p for p in message.walk() if p.get_content_type() == content_type), None)


def _raw(part: Message) -> bytes:
    payload = part.get_payload()
    if isinstance(payload, list):  # already parsed into header blocks
        return b"\n".join(block.as_bytes() for block in payload)
    return part.get_payload(decode=True) or b""


def _blocks(raw: bytes) -> list[Message]:
    text = raw.replace(b"\r\n", b"\n")
    return [BytesHeaderParser().parsebytes(chunk) for chunk in re.split(rb"\n\s*\n", text)] or [
        Message()
    ]


def _original_headers(message: Message) -> Message | None:
    for part in message.walk():
        kind = part.get_content_type()
        if kind == "message/rfc822":
            inner = part.get_payload()
            return inner[0] if isinstance(inner, list) and inner else None
        if kind == "text/rfc822-headers":
            return BytesHeaderParser().parsebytes(part.get_payload(decode=True) or b"")
    return None


def _original_message_id(message: Message) -> str:
    original = _original_headers(message)
    return (original.get("Message-ID") or "").strip() if original is not None else ""


def _address(field: str | None) -> str:
    """``rfc822; name@example.org`` (or a bare or bracketed address) -> the address."""
    if not field:
        return ""
    value = str(field).partition(";")[2] if ";" in str(field) else str(field)
    return email.utils.parseaddr(value.strip())[1]
