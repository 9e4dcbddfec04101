"""What the search index holds: one record per public page, person and topic, read from the
database (the source of truth), and one per page of a public PDF.

Only what a reader may see becomes a record: live pages with no view restriction on them or
above them, PDFs outside private collections, people who author public work or are listed as
experts. Whatever is not built here is absent from the index, so neither results nor counts
can show it.
"""

from __future__ import annotations

import datetime
import hashlib
import html
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.db import models
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageViewRestriction, Site

from imprint.documents.access import private_collection_ids
from imprint.documents.models import DocumentPage, ImprintDocument
from imprint.people.models import Person
from imprint.publications.models import PublicationAuthor, PublicationPage, PublicationType
from imprint.topics.models import Topic

from .analysis import guess_language

# Fields every page model inherits from Page: indexed by name (title) or not at all.
_PAGE_FIELDS = {f.name for f in Page._meta.get_fields()}
_TAGS = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")

# Record types that are not publications, with their labels.
OTHER_TYPES = {
    "issue": "Journal issue",
    "series": "Series",
    "journal": "Journal",
    "volume": "Journal volume",
    "page": "Page",
    "person": "Person",
    "topic": "Topic",
}
TYPE_LABELS = {**{t.value: t.label for t in PublicationType}, **OTHER_TYPES}


@dataclass
class PdfPageRecord:
    number: int
    text: str


@dataclass
class Record:
    """One searchable thing, ready for any backend."""

    key: str  # "page:12", "person:3", "topic:4"
    family: str  # "publication", "page", "person" or "topic"
    type: str
    title: str
    url_path: str  # for pages: Wagtail's url_path; else the path under every site
    sites: list[int]
    date: datetime.date | None = None
    names: str = ""  # authors' names (or a person's own)
    subjects: str = ""  # topic and series names
    text: str = ""
    authors: list[str] = field(default_factory=list)  # slugs, for the facet
    byline: list[str] = field(default_factory=list)  # names, for display
    topics: list[str] = field(default_factory=list)  # slugs
    series: str = ""  # the series page's id
    language: str = ""
    pdf_document: int | None = None
    pdf_url: str = ""
    pdf_pages: list[PdfPageRecord] = field(default_factory=list)

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None

    @property
    def type_label(self) -> str:
        return TYPE_LABELS.get(self.type, self.type)

    def digest(self) -> str:
        """A fingerprint of everything indexed, to find records that drifted."""
        data = json.dumps(
            {k: v for k, v in self.__dict__.items() if k != "pdf_pages"},
            default=str,
            sort_keys=True,
        )
        h = hashlib.blake2b(data.encode(), digest_size=16)
        for page in self.pdf_pages:
            h.update(f"\x00{page.number}\x00{page.text}".encode())
        return h.hexdigest()


def strip_html(value: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAGS.sub(" ", value))).strip()


def _stream_text(raw: object, out: list[str]) -> None:
    """Every string in a StreamField's raw data (rich text stripped of its tags)."""
    if isinstance(raw, str):
        if raw and not raw.startswith(("http://", "https://")) and not _is_identifier(raw):
            out.append(strip_html(raw) if "<" in raw else raw)
    elif isinstance(raw, dict):
        # A block's "type" and "id" are the schema's, not the author's words.
        for key, value in raw.items():
            if key not in ("type", "id", "level", "format", "align"):
                _stream_text(value, out)
    elif isinstance(raw, list):
        for item in raw:
            _stream_text(item, out)


_IDENTIFIER = re.compile(r"^[0-9a-f-]{36}$|^h[1-6]$")


def _is_identifier(value: str) -> bool:
    return bool(_IDENTIFIER.match(value))


def _text_fields(model: type[models.Model]) -> list[models.Field]:
    """A page model's own text fields (rich text, streams, plain text and short text)."""
    fields = []
    for f in model._meta.get_fields():
        if f.name in _PAGE_FIELDS or not getattr(f, "concrete", False):
            continue
        if isinstance(f, (RichTextField, StreamField, models.TextField, models.CharField)):
            if f.choices or f.name in ("language", "publication_type", "issn_print", "issn_online"):
                continue
            fields.append(f)
    return fields


def page_text(page: Page) -> str:
    """The words a page shows of its own, in reading order of its fields."""
    out: list[str] = []
    if page.search_description:
        out.append(page.search_description)
    for f in _text_fields(type(page)):
        value = getattr(page, f.name)
        if not value:
            continue
        if isinstance(f, StreamField):
            _stream_text(value.raw_data, out)
        elif isinstance(f, RichTextField):
            out.append(strip_html(value))
        else:
            out.append(str(value))
    return "\n".join(s for s in out if s)


def _page_type(page: Page) -> tuple[str, str]:
    """(type, family) of a specific page."""
    if isinstance(page, PublicationPage):
        return page.publication_type, "publication"
    name = type(page).__name__
    return {
        "IssuePage": ("issue", "page"),
        "SeriesPage": ("series", "page"),
        "JournalPage": ("journal", "page"),
        "VolumePage": ("volume", "page"),
    }.get(name, ("page", "page"))


def _page_date(page: Page) -> datetime.date | None:
    for name in ("publication_date", "issue_date"):
        value = getattr(page, name, None)
        if value:
            return value
    when = page.first_published_at or page.last_published_at
    return when.date() if when else None


class PageRecords:
    """Builds the records of many pages with a fixed number of queries."""

    def __init__(self) -> None:
        self.sites = [(s.pk, s.root_page.path) for s in Site.objects.select_related("root_page")]
        self.restricted_paths = list(
            PageViewRestriction.objects.values_list("page__path", flat=True)
        )
        self.private_collections = private_collection_ids()

    def _site_ids(self, page: Page) -> list[int]:
        return sorted(pk for pk, path in self.sites if page.path.startswith(path))

    def _is_public(self, page: Page) -> bool:
        return page.live and not any(page.path.startswith(p) for p in self.restricted_paths)

    def build(self, page_ids: Iterable[int]) -> tuple[list[Record], list[int]]:
        """(records of the ids that are public, ids that must leave the index)."""
        ids = set(page_ids)
        pages = list(Page.objects.filter(pk__in=ids, depth__gt=1).specific(defer=False))
        public = [p for p in pages if self._is_public(p) and self._site_ids(p)]
        keep = {p.pk for p in public}
        pub_ids = [p.pk for p in public if isinstance(p, PublicationPage)]
        authors = defaultdict(list)
        for a in (
            PublicationAuthor.objects.filter(page_id__in=pub_ids)
            .select_related("person")
            .order_by("page_id", "sort_order")
        ):
            authors[a.page_id].append(a.person)
        topics = defaultdict(list)
        through = PublicationPage.topics.through
        for page_id, slug, name in through.objects.filter(
            publicationpage_id__in=pub_ids
        ).values_list("publicationpage_id", "topic__slug", "topic__name"):
            topics[page_id].append((slug, name))
        series_ids = {p.series_id for p in public if getattr(p, "series_id", None)}
        series_titles = dict(
            Page.objects.filter(pk__in=series_ids).live().values_list("pk", "title")
        )
        pdf_ids = {p.pdf_id for p in public if getattr(p, "pdf_id", None)}
        pdfs = self._pdf_pages(pdf_ids)
        records = []
        for page in public:
            kind, family = _page_type(page)
            record = Record(
                key=f"page:{page.pk}",
                family=family,
                type=kind,
                title=page.title,
                url_path=page.url_path,
                sites=self._site_ids(page),
                date=_page_date(page),
                text=page_text(page),
                language=getattr(page, "language", "") or "",
            )
            people = authors.get(page.pk, [])
            # One person twice (author and translator) is one name and one facet value.
            seen = list(dict.fromkeys(people))
            record.authors = [p.slug for p in seen]
            record.byline = [p.name for p in seen]
            record.names = " ".join(record.byline)
            page_topics = topics.get(page.pk, [])
            record.topics = [slug for slug, _ in page_topics]
            subjects = [name for _, name in page_topics]
            series_id = getattr(page, "series_id", None)
            if series_id in series_titles:
                record.series = str(series_id)
                subjects.append(series_titles[series_id])
            record.subjects = " ".join(subjects)
            pdf_id = getattr(page, "pdf_id", None)
            if pdf_id in pdfs:
                record.pdf_document = pdf_id
                record.pdf_url, record.pdf_pages = pdfs[pdf_id]
            if not record.language:
                record.language = guess_language(record.text) if record.text else "en"
            records.append(record)
        return records, sorted(ids - keep)

    def _pdf_pages(self, document_ids: set[int]) -> dict[int, tuple[str, list[PdfPageRecord]]]:
        """(url, text pages) of each document readers may open (none in a private collection)."""
        if not document_ids:
            return {}
        documents = {
            d.pk: d
            for d in ImprintDocument.objects.filter(pk__in=document_ids).exclude(
                collection_id__in=self.private_collections
            )
        }
        open_ids = set(documents)
        pages: dict[int, list[PdfPageRecord]] = defaultdict(list)
        rows = (
            DocumentPage.objects.filter(document_id__in=open_ids)
            .order_by("document_id", "number")
            .values_list("document_id", "number", "text")
        )
        for document_id, number, text in rows.iterator(chunk_size=500):
            if text.strip():
                pages[document_id].append(PdfPageRecord(number, text))
        return {pk: (documents[pk].url, found) for pk, found in pages.items()}


def _gone(asked: set[int] | None, records: list[Record]) -> list[int]:
    """Ids asked for that have no record (no longer public, or deleted)."""
    kept = {int(r.key.split(":")[1]) for r in records}
    return sorted((asked or set()) - kept)


def _all_site_ids() -> list[int]:
    return sorted(Site.objects.values_list("pk", flat=True))


def person_records(person_ids: Iterable[int] | None = None) -> tuple[list[Record], list[int]]:
    """People readers can find: experts and authors of live, public publications."""
    people = Person.objects.all()
    if person_ids is not None:
        person_ids = set(person_ids)
        people = people.filter(pk__in=person_ids)
    published_authors = set(
        PublicationAuthor.objects.filter(
            page__in=PublicationPage.objects.live().public()
        ).values_list("person_id", flat=True)
    )
    sites = _all_site_ids()
    records = []
    for person in people:
        if not (person.is_staff_expert or person.pk in published_authors):
            continue
        records.append(
            Record(
                key=f"person:{person.pk}",
                family="person",
                type="person",
                title=person.name,
                url_path=f"/people/{person.slug}/",
                sites=sites,
                names=person.name,
                text=" ".join(
                    s for s in (person.role, person.affiliation, strip_html(person.bio)) if s
                ),
            )
        )
    return records, _gone(person_ids, records)


def topic_records(topic_ids: Iterable[int] | None = None) -> tuple[list[Record], list[int]]:
    topics = Topic.objects.all()
    if topic_ids is not None:
        topic_ids = set(topic_ids)
        topics = topics.filter(pk__in=topic_ids)
    sites = _all_site_ids()
    records = [
        Record(
            key=f"topic:{topic.pk}",
            family="topic",
            type="topic",
            title=topic.name,
            url_path=f"/topics/{topic.slug}/",
            sites=sites,
            subjects=topic.name,
            text=strip_html(topic.description),
        )
        for topic in topics
    ]
    return records, _gone(topic_ids, records)


def all_page_ids() -> Iterator[list[int]]:
    """Every page id but the tree's root, in batches."""
    ids = list(Page.objects.filter(depth__gt=1).order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), 500):
        yield ids[start : start + 500]


LANGUAGE_LABELS = dict(settings.LANGUAGES)
