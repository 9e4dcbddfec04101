"""PDFs made by the tests themselves."""

from pathlib import Path

from fpdf import FPDF

CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def text_pdf(lines: list[str], *, password: str | None = None, cjk: bool = False) -> bytes:
    """One page per line of text."""
    pdf = FPDF()
    if cjk:
        pdf.add_font("NotoCJK", fname=str(CJK_FONT), collection_font_number=1)
        pdf.set_font("NotoCJK", size=14)
    else:
        pdf.set_font("helvetica", size=14)
    if password:
        pdf.set_encryption(owner_password="owner-" + password, user_password=password)
    for line in lines:
        pdf.add_page()
        pdf.multi_cell(w=0, text=line)
    return bytes(pdf.output())


def blank_pdf(pages: int = 1) -> bytes:
    pdf = FPDF()
    for _ in range(pages):
        pdf.add_page()
    return bytes(pdf.output())
