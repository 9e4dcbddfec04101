"""What every search backend offers (tantivy embedded, OpenSearch for sites on many machines)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from ..query import ParsedQuery
from ..records import Record

FACETS = ("type", "topic", "author", "year", "series", "language")
# The searched texts, each with its weight: a title match ranks above a passing mention.
SEARCHED = (("title", 4.0), ("names", 3.0), ("subjects", 2.0), ("text", 1.0), ("pdf", 0.8))
# Facet -> the record field it counts, and how many values it shows.
FACET_FIELDS = {
    "type": "type",
    "topic": "topics",
    "author": "authors",
    "year": "year",
    "series": "series",
    "language": "language",
}
FACET_SIZES = {"type": 20, "topic": 40, "author": 40, "year": 60, "series": 40, "language": 10}


@dataclass
class SearchRequest:
    query: ParsedQuery
    site_id: int
    filters: dict[str, list[str]] = field(default_factory=dict)  # facet -> values (OR)
    sort: str = "relevance"  # or "date"
    offset: int = 0
    limit: int = 10


@dataclass
class Hit:
    key: str
    family: str
    type: str
    type_label: str
    title: str
    url_path: str
    date: datetime.date | None
    byline: list[str]
    snippet: str  # safe HTML: escaped text with <mark> around matched words
    pdf_page: int | None = None
    pdf_snippet: str = ""
    pdf_document: int | None = None
    pdf_url: str = ""
    score: float = 0.0
    url: str = ""  # the address on the reader's site, set by the view


@dataclass
class FacetValue:
    value: str
    count: int
    label: str = ""
    selected: bool = False


@dataclass
class SearchResults:
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]


class SearchBackend(Protocol):
    def search(self, request: SearchRequest) -> SearchResults: ...

    def suggest(self, text: str, *, site_id: int, limit: int = 8) -> list[Hit]: ...

    def spelling(self, words: list[str], *, site_id: int) -> list[str]: ...

    def count(self, *, site_id: int, family: str | None = None) -> int: ...

    def apply(self, records: Iterable[Record], removed: Iterable[str]) -> None:
        """Replace the records with these keys (removed: keys that must be gone)."""
        ...

    def digests(self) -> dict[str, str]:
        """key -> digest of every record in the index."""
        ...

    def rebuild(self, batches: Iterable[list[Record]]) -> int:
        """A new index from these records, swapped in whole when complete."""
        ...
