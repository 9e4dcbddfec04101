import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document

from .storage import document_storage


def thumbnail_upload_to(instance: "ImprintDocument", filename: str) -> str:
    """A name nobody can guess from the document's id: covers of embargoed PDFs stay unseen."""
    return f"thumbnails/{secrets.token_urlsafe(16)}.jpg"


class ExtractionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be read")
    DONE = "done", _("Text extracted")
    FAILED = "failed", _("Could not be read")
    SKIPPED = "skipped", _("Not a PDF")
    TOO_LONG = "too_long", _("Too long to read")


class ImprintDocument(AbstractDocument):
    """A document that knows its page count and, for PDFs, the text of every page.

    Extraction runs in the background (``tasks.document_extract_task``); the upload itself is
    always kept, whatever the PDF turns out to be.
    """

    # Kept in the private documents storage, never under MEDIA_ROOT (see storage.py).
    file = models.FileField(upload_to="documents", storage=document_storage, verbose_name=_("file"))
    page_count = models.PositiveIntegerField(null=True, blank=True, editable=False)
    thumbnail = models.ImageField(
        upload_to=thumbnail_upload_to,
        storage=document_storage,
        blank=True,
        editable=False,
        max_length=255,
    )
    extraction_status = models.CharField(
        max_length=16,
        choices=ExtractionStatus,
        default=ExtractionStatus.PENDING,
        editable=False,
    )
    extraction_message = models.TextField(blank=True, editable=False)
    extracted_at = models.DateTimeField(null=True, blank=True, editable=False)
    language = models.CharField(
        max_length=8,
        blank=True,
        choices=[("en", "English"), ("ko", "Korean"), ("ja", "Japanese")],
        help_text="The document's main language, if not English.",
    )

    admin_form_fields = (*Document.admin_form_fields, "language")

    @property
    def is_pdf(self) -> bool:
        return self.file_extension.lower() == "pdf"

    @property
    def text(self) -> str:
        """All extracted text, page after page."""
        return "\n\n".join(self.pages.values_list("text", flat=True))


class DocumentPage(models.Model):
    """The extracted text of one page of a document (numbered from 1)."""

    document = models.ForeignKey(ImprintDocument, on_delete=models.CASCADE, related_name="pages")
    number = models.PositiveIntegerField()
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="unique_document_page")
        ]

    def __str__(self) -> str:
        return f"{self.document.title}, page {self.number}"
