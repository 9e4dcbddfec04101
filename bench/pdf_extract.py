"""PDF extraction benchmark: pages per second and peak memory for one long generated PDF.

    .venv/bin/python -m bench.pdf_extract [--pages 200]

Times the function the background task runs in its child process (``read_pdf``: page count,
cover thumbnail, text of every page), outside the database. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import resource
import time
import tracemalloc

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "imprint.settings.dev")
django.setup()

from imprint.demo.pdfs import Paper, publication_pdf  # noqa: E402
from imprint.documents.pdfreader import read_pdf  # noqa: E402


def long_pdf(pages: int) -> bytes:
    """A generated paper of exactly ``pages`` pages, made the way the demo makes its PDFs."""
    paper = Paper(
        title="Alliance burden-sharing in the Indo-Pacific",
        authors=["Hana Seo"],
        institute="Meridian Institute",
        pages=pages,
    )
    return publication_pdf(paper, random.Random(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    data = long_pdf(args.pages)
    print(f"PDF: {args.pages} pages, {len(data) / 1e6:.1f} MB")
    timings, cpu = [], []
    for _ in range(args.rounds):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = read_pdf(io.BytesIO(data), max_pages=10_000)
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    # Allocations are traced in a round of their own: tracing slows every allocation.
    tracemalloc.start()
    read_pdf(io.BytesIO(data), max_pages=10_000)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    best = min(timings)
    chars = sum(len(t) for t in result.texts)
    print(
        f"extract (count + thumbnail + text): best {best * 1000:.0f} ms, "
        f"{args.pages / best:.0f} pages/s over {args.rounds} rounds; {chars:,} characters"
    )
    # CPU time too: on a shared machine the wall clock measures the neighbours as well.
    print(f"CPU: best {min(cpu) * 1000:.0f} ms, {args.pages / min(cpu):.0f} pages/s of one core")
    print(
        f"peak Python allocations {peak / 1e6:.1f} MB; "
        f"process max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )


if __name__ == "__main__":
    main()
