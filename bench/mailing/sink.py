"""The benchmark's mail server: aiosmtpd in a process of its own, accepting everything and
counting each message (by its Message-ID) per recipient; on SIGTERM it writes the counts
(JSON: recipient -> Message-ID -> copies) and exits. A message sent again after a crash keeps
its Message-ID, so two copies of one Message-ID are a duplicate; two Message-IDs are two
messages (say, the digest the benchmark queued and the worker's own daily digest).

    python -m bench.mailing.sink --port 2525 --out counts.json
"""

from __future__ import annotations

import argparse
import json
import signal
import threading
from collections import Counter, defaultdict
from email.parser import BytesHeaderParser

from tests.mailing.smtp_server import KeepingController


class Counting:
    def __init__(self) -> None:
        self.received: defaultdict[str, Counter] = defaultdict(Counter)
        self.headers = BytesHeaderParser()

    async def handle_DATA(self, server, session, envelope) -> str:
        message_id = self.headers.parsebytes(envelope.content)["Message-ID"] or ""
        for recipient in envelope.rcpt_tos:
            self.received[recipient][message_id] += 1
        return "250 Message accepted"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    handler = Counting()
    controller = KeepingController(handler, hostname="127.0.0.1", port=args.port)
    controller.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    print("ready", flush=True)
    stop.wait()
    controller.stop()
    with open(args.out, "w") as out:
        json.dump(handler.received, out)


if __name__ == "__main__":
    main()
