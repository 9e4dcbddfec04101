"""Find-or-create helpers for the demo: each looks for its item first and records what it adds."""

from __future__ import annotations

import io
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TextIO

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from imprint.publications.models import PublicationAuthor

from . import content, images, pdfs

FEATURE_IMAGES = 8


@dataclass
class DemoSummary:
    """What a build added; empty when everything was there already."""

    created: Counter = field(default_factory=Counter)
    admin_created: bool = False
    notes: list[str] = field(default_factory=list)


class DemoStore:
    """Shared state of one build: the seed, what was created, the people and topics."""

    def __init__(self, *, seed: int, with_pdfs: bool, stdout: TextIO | None = None) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.with_pdfs = with_pdfs
        self.stdout = stdout
        self.summary = DemoSummary()
        self.people: list = []
        self.topics: list = []
        self._feature_images: list = []

    def log(self, message: str) -> None:
        if self.stdout is not None:
            self.stdout.write(message + "\n")

    def note(self, message: str) -> None:
        """A warning worth repeating in the final report, logged once."""
        if message not in self.summary.notes:
            self.summary.notes.append(message)
            self.log(message)

    def reseed(self, *key: object) -> random.Random:
        """Give each item its own random stream, so what exists already can't shift the rest."""
        self.rng.seed(":".join(map(str, (self.seed, *key))))
        return self.rng

    def child(self, parent: Page, model: type[Page], slug: str, **fields: Any) -> tuple[Any, bool]:
        """The child of ``parent`` with ``slug``, created and published if missing.

        ``author_people``, ``topics`` and ``paper`` (a PDF to generate) are set on creation only.
        """
        existing = parent.get_children().filter(slug=slug).specific().first()
        if existing is not None:
            return existing, False
        paper = fields.pop("paper", None)
        if paper is not None:
            fields["pdf"] = self.pdf(paper)
        authors = fields.pop("author_people", None) or []
        topics = fields.pop("topics", None)
        page = model(slug=slug, **fields)
        page.authors = [PublicationAuthor(person=p, sort_order=i) for i, p in enumerate(authors)]
        if topics:
            page.topics = topics
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.summary.created[model._meta.verbose_name] += 1
        return page, True

    def image(self, title: str, data: Callable[[], bytes], *, credit="", licence="", ext="jpg"):
        """The image called ``title``; ``data`` draws it only if it is missing."""
        Image = get_image_model()
        image = Image.objects.filter(title=title).first()
        if image is None:
            upload = ImageFile(io.BytesIO(data()), name=f"{slugify(title)}.{ext}")
            image = Image(title=title, credit=credit, licence=licence, file=upload)
            image.save()
            self.summary.created["image"] += 1
        return image

    def feature_images(self) -> list:
        """A small shared pool of feature images with their credit lines."""
        if not self._feature_images:
            for n in range(FEATURE_IMAGES):
                credit, licence = content.PHOTO_CREDITS[n % len(content.PHOTO_CREDITS)]
                self._feature_images.append(
                    self.image(
                        f"Demo feature image {n + 1}",
                        lambda n=n: images.feature_image(random.Random(n)),
                        credit=credit,
                        licence=licence,
                    )
                )
        return self._feature_images

    def pdf(self, paper: pdfs.Paper):
        """The PDF document of ``paper``, generated if missing (``None`` when PDFs are off).

        Saving a document enqueues its text extraction (the documents app's signal).
        """
        Document = get_document_model()
        title = f"{paper.title} (PDF)"
        document = Document.objects.filter(title=title).first()
        if document is not None or not self.with_pdfs:
            return document
        language = paper.language if paper.language in pdfs.CJK_LANGUAGES else ""
        if language and pdfs.cjk_font() is None:
            self.note(
                "No CJK font found (install fonts-noto-cjk): Korean and Japanese PDFs are "
                "generated in English."
            )
            language = ""
        rng = random.Random(f"{self.seed}:pdf:{paper.title}")
        document = Document(title=title, language=language)
        name = f"{slugify(paper.english_title or paper.title)[:60] or 'paper'}.pdf"
        document.file.save(name, ContentFile(pdfs.publication_pdf(paper, rng)))
        self.summary.created["document"] += 1
        return document
