"""Reading PDFs: page count, a cover thumbnail and the text of every page.

No permission checks here: callers are the background task and the management command.
Whatever the file turns out to be, the upload is kept and the editor gets a message.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass, field

import pypdfium2 as pdfium
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from .models import DocumentPage, ExtractionStatus, ImprintDocument

logger = logging.getLogger(__name__)

THUMBNAIL_WIDTH = 400
PASSWORD_ERROR = 4  # PDFium's FPDF_ERR_PASSWORD

MESSAGES = {
    "not_pdf": "Only PDFs are read for search; this file is stored and can be downloaded as it is.",
    "password": (
        "This PDF is password-protected, so its text can't be read for search. The file is "
        "stored and readers can download it; upload a copy without a password to make it "
        "searchable."
    ),
    "malformed": (
        "This file could not be read as a PDF: it may be damaged, incomplete or not a PDF at "
        "all. It is stored as uploaded; export the PDF again and upload the new copy."
    ),
    "empty": "The uploaded file is empty (0 bytes). Upload the PDF again.",
    "missing": "The uploaded file could not be found in storage. Upload the PDF again.",
    "too_long": (
        "This PDF has {pages:,} pages, more than the {limit:,} that are read for search, so its "
        "text was not extracted. The file is stored and readers can download it."
    ),
    "no_text": (
        "No text was found in this PDF: it seems to be scanned images. Readers can download it, "
        "but search can't find words inside it; upload a version with a text layer to fix this."
    ),
    "unexpected": "Reading this PDF failed unexpectedly. The file is stored; the error was logged.",
}

_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass
class Extraction:
    status: str
    message: str = ""
    page_count: int | None = None
    texts: list[str] = field(default_factory=list)
    thumbnail: bytes | None = None


def clean_text(raw: str) -> str:
    """Normalise PDFium's text: one newline per line break, no NULs, no runs of spaces."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    text = "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


def _page_texts(pdf: pdfium.PdfDocument) -> list[str]:
    texts = []
    for index in range(len(pdf)):
        page = pdf[index]
        try:
            textpage = page.get_textpage()
            try:
                texts.append(clean_text(textpage.get_text_bounded()))
            finally:
                textpage.close()
        finally:
            page.close()
    return texts


def _thumbnail(pdf: pdfium.PdfDocument) -> bytes:
    page = pdf[0]
    try:
        width = page.get_width() or THUMBNAIL_WIDTH
        bitmap = page.render(scale=THUMBNAIL_WIDTH / width)
        try:
            image = bitmap.to_pil().convert("RGB")
        finally:
            bitmap.close()
    finally:
        page.close()
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=82, optimize=True)
    return out.getvalue()


def read_pdf(stream, *, max_pages: int) -> Extraction:
    """Read a PDF from a binary stream. Raises pdfium.PdfiumError for unreadable files."""
    pdf = pdfium.PdfDocument(stream)
    try:
        count = len(pdf)
        thumbnail = _thumbnail(pdf)
        if count > max_pages:
            message = MESSAGES["too_long"].format(pages=count, limit=max_pages)
            return Extraction(ExtractionStatus.SKIPPED, message, count, thumbnail=thumbnail)
        texts = _page_texts(pdf)
    finally:
        pdf.close()
    message = "" if any(texts) else MESSAGES["no_text"]
    return Extraction(ExtractionStatus.DONE, message, count, texts, thumbnail)


def _failure(key: str) -> Extraction:
    return Extraction(ExtractionStatus.FAILED, MESSAGES[key])


def _extract(document: ImprintDocument) -> Extraction:
    if not document.is_pdf:
        return Extraction(ExtractionStatus.SKIPPED, MESSAGES["not_pdf"])
    try:
        with document.open_file() as stream:
            if document.file.size == 0:
                return _failure("empty")
            return read_pdf(stream, max_pages=settings.IMPRINT_PDF_MAX_EXTRACT_PAGES)
    except FileNotFoundError:
        return _failure("missing")
    except pdfium.PdfiumError as error:
        return _failure("password" if error.err_code == PASSWORD_ERROR else "malformed")
    except Exception:
        logger.exception("Reading document %s failed", document.pk)
        return _failure("unexpected")


def _fill_file_metadata(document: ImprintDocument) -> list[str]:
    """Wagtail fills size and hash in its forms; documents made in code may lack them."""
    try:
        if document.file_size is None:
            document.file_size = document.file.size
        if not document.file_hash:
            document._set_file_hash()
    except OSError:
        return []
    return ["file_size", "file_hash"]


def _save(document: ImprintDocument, result: Extraction) -> None:
    fields = ["page_count", "extraction_status", "extraction_message", "extracted_at"]
    document.page_count = result.page_count
    document.extraction_status = result.status
    document.extraction_message = result.message
    document.extracted_at = timezone.now()
    fields += _fill_file_metadata(document)
    old_thumbnail = ""
    if result.thumbnail:
        old_thumbnail = document.thumbnail.name
        document.thumbnail.save("cover.jpg", ContentFile(result.thumbnail), save=False)
        fields.append("thumbnail")
    with transaction.atomic():
        DocumentPage.objects.filter(document=document).delete()
        DocumentPage.objects.bulk_create(
            DocumentPage(document=document, number=n, text=text)
            for n, text in enumerate(result.texts, start=1)
        )
        document.save(update_fields=fields)
    if result.thumbnail and old_thumbnail:
        document.thumbnail.storage.delete(old_thumbnail)


def document_extract(*, document_id: int) -> Extraction | None:
    """Read the document's file and store what was found; None if the document is gone."""
    document = ImprintDocument.objects.filter(pk=document_id).first()
    if document is None:
        return None
    result = _extract(document)
    _save(document, result)
    return result


def document_mark_pending(*, document_id: int) -> None:
    ImprintDocument.objects.filter(pk=document_id).update(
        extraction_status=ExtractionStatus.PENDING, extraction_message=""
    )
