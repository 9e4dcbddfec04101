"""Reading one PDF in a child process with bounded memory, time and output.

``python -m imprint.documents.pdfreader FILE --max-pages N --memory-mb M`` prints one JSON
object on stdout: ``{"outcome": ..., "page_count": ..., "texts": [...], "thumbnail": b64}``.
No Django here: the child starts fast and a hostile PDF can only exhaust the child, whose
address space is capped (``RLIMIT_AS``), never the worker that started it.
"""

from __future__ import annotations

import argparse
import base64
import io
import json
import math
import re
import resource
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

THUMBNAIL_WIDTH = 400
# The cover thumbnail is at most 1:3 (or 3:1): a strip-shaped page shows its top (or left) end.
THUMBNAIL_MAX_ASPECT = 3.0
# No bitmap larger than this is ever rendered, whatever the page size says (about 1 MB of RGB).
THUMBNAIL_MAX_PIXELS = THUMBNAIL_WIDTH * int(THUMBNAIL_WIDTH * THUMBNAIL_MAX_ASPECT)
# A dense printed page holds about 5,000 characters; past this total the text is cut off.
MAX_TEXT_CHARS = 10_000_000
PASSWORD_ERROR = 4  # PDFium's FPDF_ERR_PASSWORD

_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass
class Reading:
    """What the child found. ``outcome`` is one of done, too_long, password, malformed."""

    outcome: str
    page_count: int | None = None
    texts: list[str] = field(default_factory=list)
    thumbnail: bytes | None = None
    truncated_at: int | None = None  # the page whose text hit MAX_TEXT_CHARS


def clean_text(raw: str) -> str:
    """Normalise PDFium's text: one newline per line break, no NULs, no runs of spaces."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    text = "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


def thumbnail_geometry(width: float, height: float) -> tuple[float, tuple[float, ...]] | None:
    """Scale and crop (left, bottom, right, top, in points) for a page's cover thumbnail.

    None for pages too degenerate to draw (zero, negative or non-finite sizes). The bitmap is
    at most THUMBNAIL_MAX_PIXELS, whatever the page size.
    """
    if not (math.isfinite(width) and math.isfinite(height)) or width < 1 or height < 1:
        return None
    shown_w = min(width, height * THUMBNAIL_MAX_ASPECT)
    shown_h = min(height, width * THUMBNAIL_MAX_ASPECT)
    scale = min(THUMBNAIL_WIDTH / shown_w, math.sqrt(THUMBNAIL_MAX_PIXELS / (shown_w * shown_h)))
    return scale, (0.0, height - shown_h, width - shown_w, 0.0)


def _thumbnail(pdf) -> bytes | None:
    page = pdf[0]
    try:
        width, height = page.get_width(), page.get_height()
        if page.get_rotation() in (90, 270):
            width, height = height, width
        geometry = thumbnail_geometry(width, height)
        if geometry is None:
            return None
        scale, crop = geometry
        bitmap = page.render(scale=scale, crop=crop)
        try:
            image = bitmap.to_pil().convert("RGB")
        finally:
            bitmap.close()
    finally:
        page.close()
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=82, optimize=True)
    return out.getvalue()


def _page_texts(pdf, reading: Reading) -> None:
    total = 0
    for index in range(len(pdf)):
        page = pdf[index]
        try:
            textpage = page.get_textpage()
            try:
                text = clean_text(textpage.get_text_bounded())
            finally:
                textpage.close()
        finally:
            page.close()
        if total + len(text) > MAX_TEXT_CHARS:
            reading.truncated_at = index + 1
            return
        total += len(text)
        reading.texts.append(text)


def read_pdf(source, *, max_pages: int) -> Reading:
    """Read a PDF (a path, bytes or a binary stream): page count, thumbnail, text of each page.

    Runs in the calling process with no memory bound: the worker calls it through
    ``read_pdf_bounded`` (in imprint.documents.services) instead.
    """
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(source)
    except pdfium.PdfiumError as error:
        return Reading("password" if error.err_code == PASSWORD_ERROR else "malformed")
    try:
        reading = Reading("done", page_count=len(pdf))
        reading.thumbnail = _thumbnail(pdf)
        if reading.page_count > max_pages:
            reading.outcome = "too_long"
            return reading
        _page_texts(pdf, reading)
        return reading
    except pdfium.PdfiumError:
        return Reading("malformed", page_count=reading.page_count)
    finally:
        pdf.close()


def _limit(megabytes: int, cpu_seconds: int) -> None:
    if megabytes:
        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    if cpu_seconds:
        # The parent's timeout stops us; this stops us too if the parent was killed meanwhile.
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))


def _report_peak_rss() -> None:
    # VmHWM, unlike getrusage's ru_maxrss, does not count the parent's memory before exec.
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            print(f"peak-rss-kb {line.split()[1]}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path")
    parser.add_argument("--max-pages", type=int, required=True)
    parser.add_argument("--memory-mb", type=int, default=0, help="0: no limit")
    parser.add_argument("--cpu-seconds", type=int, default=0, help="0: no limit")
    parser.add_argument(
        "--report-memory", action="store_true", help="print peak RSS on stderr (benchmarks)"
    )
    args = parser.parse_args(argv)
    _limit(args.memory_mb, args.cpu_seconds)
    try:
        reading = read_pdf(args.path, max_pages=args.max_pages)
    except MemoryError:
        return 3  # the parent reports "needed too much memory"
    finally:
        if args.report_memory:
            _report_peak_rss()
    result = asdict(reading)
    if reading.thumbnail:
        result["thumbnail"] = base64.b64encode(reading.thumbnail).decode("ascii")
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
