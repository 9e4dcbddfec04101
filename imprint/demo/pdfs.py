"""Multi-page PDFs made by the demo with fpdf2."""

from __future__ import annotations

import random
from pathlib import Path

from fpdf import FPDF

from . import text

# Places where a CJK font is commonly installed (Debian's fonts-noto-cjk, macOS, Windows).
CJK_FONTS = [
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc"),
    Path("/System/Library/Fonts/AppleSDGothicNeo.ttc"),
    Path("C:/Windows/Fonts/malgun.ttf"),
]


def cjk_font() -> Path | None:
    return next((path for path in CJK_FONTS if path.exists()), None)


class _Paper(FPDF):
    running_title = ""

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(self.body_font, size=9)
        self.cell(0, 10, f"{self.running_title}  |  {self.page_no()}", align="C")


def publication_pdf(
    *,
    title: str,
    authors: list[str],
    institute: str,
    rng: random.Random,
    pages: int,
    language: str = "en",
) -> bytes:
    """A paper of roughly ``pages`` pages: a title page, then headed sections of prose."""
    pdf = _Paper()
    pdf.body_font = "helvetica"
    font = cjk_font() if language in ("ko", "ja") else None
    if font is not None:
        pdf.add_font("cjk", fname=str(font), collection_font_number=1 if language == "ko" else 0)
        pdf.body_font = "cjk"
    pdf.running_title = institute if font is None and language != "en" else title[:60]
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font(pdf.body_font, size=22)
    pdf.multi_cell(0, 11, title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font(pdf.body_font, size=13)
    pdf.multi_cell(0, 8, ", ".join(authors), new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 8, institute, new_x="LMARGIN", new_y="NEXT")
    paragraphs = _paragraphs(language if font is not None else "en", rng)
    section = 1
    while pdf.page_no() < pages:
        pdf.add_page()
        pdf.set_font(pdf.body_font, size=15)
        pdf.multi_cell(
            0,
            9,
            f"{section}. {rng.choice(text.RECOMMENDATION_HEADS)}",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.set_font(pdf.body_font, size=11)
        for _ in range(6):
            pdf.multi_cell(0, 6, next(paragraphs), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
        section += 1
    return bytes(pdf.output())


def _paragraphs(language: str, rng: random.Random):
    pool = {"ko": text.KOREAN_PARAGRAPHS, "ja": text.JAPANESE_PARAGRAPHS}.get(language)
    while True:
        yield rng.choice(pool) if pool else text.paragraph(rng, (4, 7))
