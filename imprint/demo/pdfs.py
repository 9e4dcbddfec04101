"""Multi-page PDFs made by the demo with fpdf2: a title page, then headed sections of prose."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import functools
import hashlib
import logging
import os
import pickle
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import fpdf
from django.conf import settings
from fpdf import FPDF

from . import text

# Places where a CJK font is commonly installed (Debian's fonts-noto-cjk, macOS, Windows).
# Noto's .ttc holds one face per region; fpdf2 picks one with collection_font_number.
CJK_FONTS = [
    (Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"), {"ja": 0, "ko": 1}),
    (Path("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc"), {"ja": 0, "ko": 1}),
    (Path("/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc"), {"ja": 0, "ko": 1}),
    (Path("/System/Library/Fonts/AppleSDGothicNeo.ttc"), {"ja": 0, "ko": 0}),
]
CJK_LANGUAGES = ("ko", "ja")
# A fixed creation date keeps re-generated files byte-for-byte identical.
CREATED = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
# Start a new section rather than begin a paragraph this close to the bottom (mm).
SECTION_END_MARGIN = 75


def cjk_font() -> tuple[Path, dict[str, int]] | None:
    """The first CJK font found on this machine, with its face number per language."""
    return next(((path, faces) for path, faces in CJK_FONTS if path.exists()), None)


@dataclass
class Paper:
    """What goes into a PDF; ``english_title`` stands in when no CJK font is available."""

    title: str
    authors: list[str]
    institute: str
    pages: int
    language: str = "en"
    english_title: str = ""
    date: datetime.date | None = None
    summary: str = ""


class _Document(FPDF):
    paper_title = ""
    running_title = ""
    body_font = "helvetica"

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(self.body_font, size=9)
        self.cell(0, 10, f"{self.running_title}  |  {self.page_no()}", align="C")


@contextlib.contextmanager
def _quiet_font_subsetting() -> Iterator[None]:
    """fontTools logs every table it subsets at INFO; that is noise in a build's output."""
    logger = logging.getLogger("fontTools")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


def _setup(paper: Paper) -> tuple[_Document, str]:
    """A document with a font able to set the paper's language; returns it and that language."""
    pdf = _Document()
    pdf.set_creation_date(CREATED)
    pdf.set_auto_page_break(True, margin=20)
    language = paper.language if paper.language in CJK_LANGUAGES else "en"
    found = cjk_font() if language != "en" else None
    if found is not None:
        path, faces = found
        pdf.add_font("cjk", fname=str(path), collection_font_number=faces[language])
        pdf.body_font = "cjk"
    else:
        language = "en"
    title = paper.title if language == paper.language else paper.english_title or paper.title
    pdf.paper_title = title
    pdf.running_title = title if len(title) <= 60 else title[:57] + "..."
    pdf.set_title(title)
    pdf.set_author(", ".join(paper.authors))
    return pdf, language


def _write(pdf: _Document, size: int, line_height: float, content: str) -> None:
    pdf.set_font(pdf.body_font, size=size)
    if pdf.body_font != "helvetica":  # CJK text breaks between any two characters: fpdf2's
        pdf.multi_cell(0, line_height, content, new_x="LMARGIN", new_y="NEXT")
        return
    # Prose in the core font is broken into lines here, a word at a time, each word measured
    # once: fpdf2's multi_cell measures its line again for every character it adds, which was
    # most of a demo build.
    space, width = pdf.get_string_width(" "), pdf.epw
    line: list[str] = []
    used = 0.0
    for word in content.split():
        measured = pdf.get_string_width(word)
        if line and used + space + measured > width:
            pdf.cell(0, line_height, " ".join(line), new_x="LMARGIN", new_y="NEXT")
            line, used = [], 0.0
        used += measured + (space if line else 0.0)
        line.append(word)
    if line:
        pdf.cell(0, line_height, " ".join(line), new_x="LMARGIN", new_y="NEXT")


def _title_page(pdf: _Document, paper: Paper, language: str, rng: random.Random) -> None:
    pdf.add_page()
    _write(pdf, 22, 11, pdf.paper_title)
    pdf.ln(4)
    _write(pdf, 13, 8, ", ".join(paper.authors))
    _write(pdf, 13, 8, paper.institute)
    if paper.date:
        _write(pdf, 11, 7, paper.date.isoformat())
    pdf.ln(10)
    _write(pdf, 15, 9, text.SUMMARY_LABEL[language])
    # The summary is written in the paper's language; without a font for it, generate one.
    summary = paper.summary if language == paper.language else None
    _write(pdf, 11, 6, summary or _paragraph(language, rng))


def _paragraph(language: str, rng: random.Random) -> str:
    pool = {"ko": text.KOREAN_PARAGRAPHS, "ja": text.JAPANESE_PARAGRAPHS}.get(language)
    if pool:
        return " ".join(rng.sample(pool, 3))
    return text.paragraph(rng, (4, 7))


def _section(pdf: _Document, number: int, heading: str, language: str, rng) -> None:
    """One section on a page of its own, filled with paragraphs but never spilling over."""
    pdf.add_page()
    _write(pdf, 15, 9, f"{number}. {heading}")
    pdf.ln(2)
    while pdf.get_y() < pdf.h - SECTION_END_MARGIN:
        _write(pdf, 11, 6, _paragraph(language, rng))
        pdf.ln(3)


def publication_pdf(paper: Paper, rng: random.Random) -> bytes:
    """A PDF of exactly ``paper.pages`` pages, title and authors on the first.

    Laying the text out with fpdf2 is most of a demo build (about 35 of its 50 s), and a
    build makes the same files again and again (``make demo`` run twice, the tests). So each
    file is kept under ``IMPRINT_DEMO_PDF_CACHE`` with the state ``rng`` was left in, named by
    a hash of everything that makes it: the paper, ``rng``'s state, this code, the text
    generator's, fpdf2's version and the CJK font. A hit gives the same bytes and leaves
    ``rng`` as making the file would have.
    """
    directory = getattr(settings, "IMPRINT_DEMO_PDF_CACHE", None)
    path = Path(directory) / f"{_cache_key(paper, rng)}.pickle" if directory else None
    if path is not None:
        with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, ValueError):
            state, data = pickle.loads(path.read_bytes())  # noqa: S301 (written only here)
            rng.setstate(state)
            return data
    data = _publication_pdf(paper, rng)
    if path is not None:
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            partial.write_bytes(pickle.dumps((rng.getstate(), data)))
            os.replace(partial, path)  # whole or not at all, whoever writes at the same time
    return data


def _cache_key(paper: Paper, rng: random.Random) -> str:
    digest = hashlib.sha256()
    digest.update(pickle.dumps((dataclasses.astuple(paper), rng.getstate())))
    digest.update(_code())
    font = cjk_font()  # looked up each time: without one, another file is made
    digest.update(f"{fpdf.__version__}:{font[0] if font else ''}".encode())
    if font:
        digest.update(str(font[0].stat().st_size).encode())
    return digest.hexdigest()[:32]


@functools.cache
def _code() -> bytes:
    """This module's and the text generator's source, read once a process."""
    return Path(__file__).read_bytes() + Path(text.__file__).read_bytes()


def _publication_pdf(paper: Paper, rng: random.Random) -> bytes:
    with _quiet_font_subsetting():
        pdf, language = _setup(paper)
        _title_page(pdf, paper, language, rng)
        headings = text.SECTION_HEADINGS[language]
        for number in range(1, paper.pages):
            _section(pdf, number, headings[(number - 1) % len(headings)], language, rng)
        return bytes(pdf.output())
