"""Hostile files: peak memory of the worker and of its PDF reader over generated bombs.

    .venv/bin/python -m bench.hostile [--memory-mb 768] [--timeout 60]

Generates PDFs built to exhaust memory or time (strip-shaped and giant pages, thousands of
pages, a compressed image that inflates to gigabytes, a page that takes minutes to draw, a
wall of text, garbage) and images over and under the upload limit, then reads each PDF the way
the worker does (``read_pdf_bounded``: a child process with RLIMIT_AS) and makes a rendition of
each accepted image in this process. Prints, per file, what the editor is told, the time and
the child's peak RSS; then this process's own peak RSS, which is the worker's. Asserts nothing.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "imprint.settings.dev")
django.setup()

from django.conf import settings  # noqa: E402
from PIL import Image  # noqa: E402

from imprint.documents import services  # noqa: E402
from tests.documents.pdfs import raw_pdf  # noqa: E402  (one PDF writer for tests and bench)

SHAPE = b"0 0 m 595 842 l 0 842 l f\n"
HELVETICA = b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"


def inflating_image_pdf(side: int) -> bytes:
    """One page showing a side x side RGB image whose stream is a few MB of deflated zeros."""
    packer = zlib.compressobj(9)
    row_block = b"\0" * (side * 3 * 64)
    chunks = [packer.compress(row_block) for _ in range(side // 64)]
    stream = b"".join(chunks) + packer.flush()
    image = (
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
        b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream"
        % (side, side, len(stream), stream)
    )
    return raw_pdf(
        1,
        content=b"q 595 0 0 842 0 0 cm /Im1 Do Q",
        resources=b"<< /XObject << /Im1 5 0 R >> >>",
        extra=[image],
    )


def text_wall(lines: int) -> bytes:
    body = b"BT /F1 4 Tf 0 0 Td " + b"(All work and no play makes a dull brief.) ' " * lines
    return raw_pdf(1, content=body + b"ET", resources=HELVETICA)


def corpus() -> dict[str, bytes]:
    return {
        "strip page 1 x 14,400 pt (the reported bomb)": raw_pdf(1, width=1, height=14400),
        "wide page 14,400 x 1 pt": raw_pdf(1, width=14400, height=1),
        "giant page 14,400 x 14,400 pt": raw_pdf(1, width=14400, height=14400),
        "zero-size page": raw_pdf(1, width=0, height=0),
        "5,000 pages": raw_pdf(5000),
        "image inflating to 1.2 GB (20,000 px square)": inflating_image_pdf(20_000),
        "wall of text (200,000 lines on a page)": text_wall(200_000),
        "20,000 filled shapes (slow to draw)": raw_pdf(1, content=SHAPE * 20_000),
        "garbage with a PDF header": b"%PDF-1.7\n" + os.urandom(200_000),
    }  # fmt: skip


def read_like_the_worker(path: str) -> tuple[str, float, float]:
    """(what the editor is told, seconds, the reader child's peak RSS in MB).

    ``read_pdf_bounded`` step by step, with ``wait4`` to learn the child's own peak RSS.
    """
    max_pages = settings.IMPRINT_PDF_MAX_EXTRACT_PAGES
    started = time.perf_counter()
    command = [*services._reader_command(path, max_pages), "--report-memory"]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen(command, stdout=out, stderr=err)
        deadline = started + settings.IMPRINT_PDF_TIMEOUT_SECONDS
        while (waited := os.wait4(child.pid, os.WNOHANG))[0] == 0:
            if time.perf_counter() > deadline:
                child.kill()
                waited = os.wait4(child.pid, 0)
                break
            time.sleep(0.02)
        child.returncode = os.waitstatus_to_exitcode(waited[1])
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        reported = [line for line in err.read().split(b"\n") if line.startswith(b"peak-rss-kb")]
        if seconds > settings.IMPRINT_PDF_TIMEOUT_SECONDS:
            result = services._failure("too_slow", seconds=settings.IMPRINT_PDF_TIMEOUT_SECONDS)
        elif child.returncode != 0:
            result = services._failure("too_big", limit=settings.IMPRINT_PDF_MEMORY_MB)
        else:
            result = services._from_reading(json.load(out), max_pages)
    told = f"{result.status}: {(result.message or 'text stored')[:70]}"
    return told, seconds, int(reported[0].split()[1]) / 1024 if reported else float("nan")


def rendition_rss(width: int, height: int) -> str:
    """Make a PNG, check it as Wagtail's upload form does, and render it if accepted."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.forms import ValidationError
    from wagtail.images.fields import WagtailImageField
    from willow.image import Image as WillowImage

    out = io.BytesIO()
    Image.new("1", (width, height)).save(out, format="PNG")
    upload = SimpleUploadedFile("big.png", out.getvalue(), "image/png")
    try:
        WagtailImageField().clean(upload)
    except ValidationError as error:
        return f"refused at upload ({error.messages[0][:60]})"
    upload.seek(0)
    del out
    before = _current_rss()
    image = WillowImage.open(upload)
    image.resize((1600, int(1600 * height / width))).save_as_jpeg(io.BytesIO())
    after = _self_rss()
    return f"accepted; its 1600 px rendition took the process from {before:.0f} to {after:.0f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--memory-mb", type=int, default=settings.IMPRINT_PDF_MEMORY_MB)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--image", type=int, nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.image:
        width, height = args.image
        print(f"- PNG {width:,} x {height:,}: {rendition_rss(width, height)}")
        return
    settings.IMPRINT_PDF_MEMORY_MB = args.memory_mb
    settings.IMPRINT_PDF_TIMEOUT_SECONDS = args.timeout
    print(f"PDF reader limits: {args.memory_mb} MB of address space, {args.timeout:g} s")
    with tempfile.TemporaryDirectory() as folder:
        for name, data in corpus().items():
            path = Path(folder) / "hostile.pdf"
            path.write_bytes(data)
            told, seconds, child_rss = read_like_the_worker(str(path))
            print(f"- {name} ({len(data) / 1e6:.2f} MB): {seconds:.1f} s, "
                  f"reader peak RSS {child_rss:.0f} MB -> {told}")  # fmt: skip
    print(f"worker process peak RSS over the PDF corpus: {_self_rss():.0f} MB")
    sys.stdout.flush()
    for width, height in [(11_000, 11_000), (4_900, 3_260)]:
        # One process per image, so that each starts from a web process's footprint.
        subprocess.run([sys.executable, "-m", "bench.hostile", "--image", str(width), str(height)])


def _current_rss() -> float:
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def _self_rss() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    main()
