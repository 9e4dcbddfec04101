"""imprint read_bounces [FILE ...]: suppress the hard-bounced and complaining recipients found
in delivery status notifications (one message or an mbox per file; none or "-": stdin)."""

from __future__ import annotations

import sys
from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from imprint.mailing.bounces_read import bounces_read


class Command(BaseCommand):
    help = (
        "Read delivery status notifications (RFC 3464) and complaint reports (RFC 5965) from "
        "files or standard input, one message or an mbox each, and suppress every address that "
        "bounced for good or complained. Temporary failures are ignored."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("files", nargs="*", help='files to read ("-" or none: stdin)')

    def handle(self, *args, files: list[str], **options) -> None:
        totals: Counter = Counter()
        for name in files or ["-"]:
            totals += bounces_read(_read(name), source=f"dsn {name}"[:32])
        self.stdout.write(
            f"{totals['messages']} messages read: {totals['suppressed']} addresses suppressed, "
            f"{totals['soft']} temporary failures ignored, {totals['unknown']} not on the list, "
            f"{totals['other']} messages that are no report."
        )


def _read(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    try:
        with open(name, "rb") as handle:
            return handle.read()
    except OSError as error:
        raise CommandError(f"Cannot read {name}: {error.strerror}.") from None
