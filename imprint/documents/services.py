"""Reading PDFs: page count, a cover thumbnail and the text of every page.

No permission checks here: callers are the background task and the management command.
Whatever the file turns out to be, the upload is kept and the editor gets a message.
"""

from __future__ import annotations

import base64
import json
import logging
import math
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from .models import DocumentPage, ExtractionStatus, ImprintDocument
from .pdfreader import MAX_TEXT_CHARS

logger = logging.getLogger(__name__)

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
        "Too long to read: {pages:,} pages, the limit is {limit:,}. The page count and cover "
        "are shown but the text was not extracted for search; the file is stored and readers "
        "can download it."
    ),
    "too_big": (
        "Reading this PDF needed more than {limit:,} MB of memory, so it was stopped. The file is "
        "stored and readers can download it, but its text is not searchable; a PDF exported "
        "again (smaller pages, fewer or flattened graphics) can usually be read."
    ),
    "too_slow": (
        "Reading this PDF took longer than {seconds:g} seconds, so it was stopped. The file is "
        "stored and readers can download it, but its text is not searchable."
    ),
    "truncated": (
        "Only the text before page {page:,} was stored for search: past it the text is longer "
        "than {chars:,} characters. The whole file is stored and can be downloaded."
    ),
    "no_text": (
        "No text was found in this PDF: it seems to be scanned images. Readers can download it, "
        "but search can't find words inside it; upload a version with a text layer to fix this."
    ),
    "unexpected": "Reading this PDF failed unexpectedly. The file is stored; the error was logged.",
    "gave_up": (
        "Reading this PDF was interrupted {attempts} times (the background worker stopped or "
        "failed) and was given up. The file is stored and readers can download it; upload it "
        "again, or ask an administrator to run `imprint extract_documents {document_id}`."
    ),
}


@dataclass
class Extraction:
    status: str
    message: str = ""
    page_count: int | None = None
    texts: list[str] = field(default_factory=list)
    thumbnail: bytes | None = None


def _reader_command(path: str, max_pages: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "imprint.documents.pdfreader",
        path,
        "--max-pages",
        str(max_pages),
        "--memory-mb",
        str(settings.IMPRINT_PDF_MEMORY_MB),
        "--cpu-seconds",
        str(math.ceil(settings.IMPRINT_PDF_TIMEOUT_SECONDS) + 5),
    ]


def read_pdf_bounded(path: str, *, max_pages: int) -> Extraction:
    """Read the PDF at ``path`` in a child process bounded in memory and time.

    Whatever the file does to the child (too much memory, too long, a crash), this process
    stays as it was and the result says what happened.
    """
    timeout = settings.IMPRINT_PDF_TIMEOUT_SECONDS
    try:
        child = subprocess.run(  # noqa: S603  (our own module, arguments we built)
            _reader_command(path, max_pages), capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return _failure("too_slow", seconds=timeout)
    if child.returncode != 0:
        logger.warning("PDF reader exited with %s: %s", child.returncode, child.stderr[-2000:])
        return _failure("too_big", limit=settings.IMPRINT_PDF_MEMORY_MB)
    return _from_reading(json.loads(child.stdout), max_pages)


def _from_reading(reading: dict, max_pages: int) -> Extraction:
    outcome, count = reading["outcome"], reading["page_count"]
    thumbnail = base64.b64decode(reading["thumbnail"]) if reading["thumbnail"] else None
    if outcome in ("password", "malformed"):
        return _failure(outcome)
    if outcome == "too_long":
        message = MESSAGES["too_long"].format(pages=count, limit=max_pages)
        return Extraction(ExtractionStatus.TOO_LONG, message, count, thumbnail=thumbnail)
    texts = reading["texts"]
    if reading["truncated_at"]:
        message = MESSAGES["truncated"].format(page=reading["truncated_at"], chars=MAX_TEXT_CHARS)
    else:
        message = "" if any(texts) else MESSAGES["no_text"]
    return Extraction(ExtractionStatus.DONE, message, count, texts, thumbnail)


def _failure(key: str, **values) -> Extraction:
    return Extraction(ExtractionStatus.FAILED, MESSAGES[key].format(**values))


@contextmanager
def _local_path(document: ImprintDocument) -> Iterator[str]:
    """A path to the file on this machine: storage's own, or a temporary copy."""
    try:
        path = document.file.path
    except NotImplementedError:  # remote storage
        path = None
    if path:
        if not Path(path).exists():
            raise FileNotFoundError(path)
        yield path
        return
    with document.open_file() as stream, tempfile.NamedTemporaryFile(suffix=".pdf") as copy:
        shutil.copyfileobj(stream, copy)
        copy.flush()
        yield copy.name


def _extract(document: ImprintDocument) -> Extraction:
    if not document.is_pdf:
        return Extraction(ExtractionStatus.SKIPPED, MESSAGES["not_pdf"])
    try:
        with _local_path(document) as path:
            if Path(path).stat().st_size == 0:
                return _failure("empty")
            return read_pdf_bounded(path, max_pages=settings.IMPRINT_PDF_MAX_EXTRACT_PAGES)
    except FileNotFoundError:
        return _failure("missing")
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


def document_mark_failed(*, document_id: int, attempts: int, worker_lost: bool) -> None:
    """The extraction task itself failed: a document still waiting gets a final state."""
    key = "gave_up" if worker_lost else "unexpected"
    message = MESSAGES[key].format(attempts=attempts, document_id=document_id)
    ImprintDocument.objects.filter(
        pk=document_id, extraction_status=ExtractionStatus.PENDING
    ).update(
        extraction_status=ExtractionStatus.FAILED,
        extraction_message=message,
        extracted_at=timezone.now(),
    )
