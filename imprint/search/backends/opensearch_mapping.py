"""What the OpenSearch backend stores: the index's analyzers and fields, and the documents of
a record (the backend's docstring says how they mirror the tantivy index)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from ..analysis import CJK_CHARS, cjk_terms, normalize
from ..records import Record
from .base import SEARCHED

# Words as the index's tokenizer takes them (analysis.LATIN_WORD without the underscore).
WORD = re.compile(f"[^\\W_{CJK_CHARS}]+")


def _java_ranges(ranges: str) -> str:
    """analysis.CJK_CHARS in Java's regex syntax (\\x{...} for characters past U+FFFF)."""
    out = []
    for ch in ranges.encode().decode("unicode_escape"):
        out.append(f"\\x{{{ord(ch):x}}}" if ord(ch) > 0xFFFF else ch)
    return "".join(out)


def index_settings(replicas: int = 0) -> dict:
    """The new index's settings and mappings."""
    # Letters, digits and marks (not separators, punctuation, symbols, controls) outside the
    # CJK ranges: tantivy's LATIN_WORD_PATTERN, written without a class intersection.
    words = f"[^\\p{{Z}}\\p{{P}}\\p{{S}}\\p{{C}}{_java_ranges(CJK_CHARS)}]+"
    filters = ["imprint_long", "lowercase", "asciifolding"]
    text = {"type": "text", "analyzer": "imprint_words"}
    cjk = {"type": "text", "analyzer": "whitespace"}
    keyword = {"type": "keyword"}
    properties: dict = {name: dict(keyword) for name in ("key", "kind", "family", "type")}
    for name, _ in SEARCHED:
        properties[name] = dict(text)
        properties[f"{name}_cjk"] = dict(cjk)
    properties.update(
        {
            "sites": {"type": "long"},
            # The known words for spelling, as tantivy's "spell" field holds them.
            "spell": keyword,
            "topics": keyword,
            "authors": keyword,
            "series": keyword,
            "language": keyword,
            "year": {"type": "integer"},
            "date": {"type": "integer"},
            "pdf_page": {"type": "integer"},
            "display": {"type": "object", "enabled": False},
            "digest": {"type": "keyword", "index": False},
        }
    )
    return {
        "settings": {
            # One shard: ranking statistics over the whole index, as tantivy's.
            "index": {
                "number_of_shards": 1,
                "number_of_replicas": replicas,
                # A snippet of a text past the default 1,000,000 characters would fail the
                # whole search, not just the snippet.
                "highlight.max_analyzed_offset": 5_000_000,
            },
            "analysis": {
                "tokenizer": {"imprint_words": {"type": "pattern", "pattern": words, "group": 0}},
                "filter": {
                    "imprint_long": {"type": "length", "max": 59},
                    "imprint_stem": {"type": "snowball", "language": "English"},
                },
                "analyzer": {
                    "imprint_words": {
                        "tokenizer": "imprint_words",
                        "filter": [*filters, "imprint_stem"],
                    },
                },
            },
        },
        "mappings": {
            "dynamic": "strict",
            # The PDF's whole text and the bigrams are searched, never shown.
            "_source": {"excludes": ["pdf", "*_cjk", "names", "subjects"]},
            "properties": properties,
        },
    }


def spell_words(text: str) -> list[str]:
    """The words of a text, lower case, accents folded, unstemmed (tantivy's spell analyzer)."""
    words = set()
    for word in WORD.findall(normalize(text)):
        folded = unicodedata.normalize("NFKD", word.lower())
        folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
        if len(folded) < 60:
            words.add(folded)
    return sorted(words)


def documents(record: Record) -> Iterator[tuple[str, dict]]:
    """(id, source) of the record and of each of its PDF pages."""
    doc: dict = {
        "key": record.key,
        "kind": "record",
        "family": record.family,
        "type": record.type,
        "sites": list(record.sites),
        "spell": spell_words(" ".join((record.title, record.names, record.subjects))),
        "topics": list(record.topics),
        "authors": list(record.authors),
        "date": record.date.toordinal() if record.date else 0,
        "display": {
            "url_path": record.url_path,
            "byline": record.byline,
            "pdf_document": record.pdf_document,
            "pdf_url": record.pdf_url,
            "family": record.family,
        },
        "digest": record.digest(),
    }
    values = {
        "title": record.title,
        "names": record.names,
        "subjects": record.subjects,
        "text": record.text,
    }
    for name, value in values.items():
        if value:
            doc[name] = value
            if cjk := cjk_terms(value):
                doc[f"{name}_cjk"] = cjk
    if record.pdf_pages:
        doc["pdf"] = [page.text for page in record.pdf_pages]
        doc["pdf_cjk"] = [c for page in record.pdf_pages if (c := cjk_terms(page.text))]
    for name, value in (("series", record.series), ("language", record.language)):
        if value:
            doc[name] = value
    if record.year:
        doc["year"] = record.year
    yield record.key, doc
    for page in record.pdf_pages:
        child = {
            "key": record.key,
            "kind": "pdfpage",
            "sites": list(record.sites),
            "text": page.text,
            "pdf_page": page.number,
        }
        if cjk := cjk_terms(page.text):
            child["text_cjk"] = cjk
        yield f"{record.key}#page={page.number}", child
