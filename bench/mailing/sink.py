"""The benchmark's mail server: aiosmtpd in a process of its own, accepting everything and
counting messages per recipient; on SIGTERM it writes the counts (JSON) and exits.

    python -m bench.mailing.sink --port 2525 --out counts.json
"""

from __future__ import annotations

import argparse
import json
import signal
import threading
from collections import Counter

from aiosmtpd.controller import Controller


class Counting:
    def __init__(self) -> None:
        self.received: Counter = Counter()

    async def handle_DATA(self, server, session, envelope) -> str:
        for recipient in envelope.rcpt_tos:
            self.received[recipient] += 1
        return "250 Message accepted"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    handler = Counting()
    controller = Controller(handler, hostname="127.0.0.1", port=args.port)
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
