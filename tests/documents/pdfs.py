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


def raw_pdf(
    pages: int = 1,
    *,
    width: float = 595,
    height: float = 842,
    content: bytes = b"",
    resources: bytes = b"<< >>",
    extra: list[bytes] | None = None,
) -> bytes:
    """A minimal PDF written byte by byte: ``pages`` pages of any size (hostile ones too);
    ``extra`` objects are numbered from 4 + pages."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{4 + n} 0 R" for n in range(pages))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    box = f"[0 0 {width:g} {height:g}]".encode()
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Resources %s /Contents 3 0 R >>"
    objects += [page % (box, resources)] * pages + (extra or [])
    return _assemble(objects)


def _assemble(objects: list[bytes]) -> bytes:
    """Objects numbered from 1 (the first is the catalog), a cross-reference table, a trailer."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def bulky_pdf(pages: int, page_bytes: int) -> bytes:
    """A large PDF of ``pages`` pages, each "Page N" over its own content stream padded to
    about ``page_bytes`` (a long report with scans, as far as a reader's download goes)."""
    helvetica = b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"
    filler = (b"% " + b"0123456789abcdef" * 4 + b"\n") * (page_bytes // 67 + 1)
    streams = []
    for number in range(1, pages + 1):
        text = b"BT /F1 48 Tf 72 700 Td (Page %d) Tj ET\n" % number
        content = text + filler[:page_bytes]
        streams.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    first_stream = 3 + pages + 1
    kids = " ".join(f"{3 + n} 0 R" for n in range(1, pages + 1))
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources %s /Contents %d 0 R >>"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    objects.append(b"<< /Producer (Imprint tests) >>")
    objects += [page % (helvetica, first_stream + n) for n in range(pages)] + streams
    return _assemble(objects)


def linearized(pdf: bytes) -> bytes:
    """The same PDF saved for "fast web view" (qpdf, through pikepdf): what a viewer needs to
    show the first page, and where every page lies, comes first in the file."""
    import io

    import pikepdf

    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(pdf)) as document:
        document.save(
            out,
            linearize=True,
            compress_streams=False,
            stream_decode_level=pikepdf.StreamDecodeLevel.none,
            object_stream_mode=pikepdf.ObjectStreamMode.disable,
        )
    return out.getvalue()
