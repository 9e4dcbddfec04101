"""The service behind ``imprint read_bounces``: every report in the input, acted on."""

from __future__ import annotations

from collections import Counter

from .bounces import address_suppress
from .dsn import messages_in, reports_in


def bounces_read(data: bytes, *, source: str) -> Counter:
    """Suppress every hard-bounced or complaining recipient reported in ``data`` (a message or
    an mbox); returns counts: messages, suppressed, soft, unknown, other."""
    counts: Counter = Counter()
    for message in messages_in(data):
        counts["messages"] += 1
        reports = reports_in(message)
        if not reports:
            counts["other"] += 1
        for report in reports:
            if not report.hard:
                counts["soft"] += 1
                continue
            reason = f"{report.kind} {report.status} {report.diagnostic}".strip()
            found = address_suppress(
                email=report.recipient, reason=reason, source=source, message_id=report.message_id
            )
            counts["suppressed" if found else "unknown"] += 1
    return counts
