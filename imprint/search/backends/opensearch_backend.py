"""The search backend for sites on several machines: an OpenSearch cluster.

The same records, fields and queries as the tantivy backend (``tantivy_backend``'s docstring
describes the fields), so both answer a reader the same way:
- Latin-script words go through an analyzer built like tantivy's: the words the Python
  ``analysis.LATIN_WORD`` pattern takes (letters, digits and marks outside the CJK ranges),
  lower case, accents folded, Snowball English stems (tantivy's "english" stemmer is Snowball
  too; OpenSearch's ``stemmer``/``english`` would be the older Porter);
- each ``<name>_cjk`` field holds the pre-made bigrams of ``analysis.cjk_terms`` through the
  whitespace analyzer, queried as tantivy queries them (a phrase of bigrams, a term, or a
  regular expression for a lone character);
- a PDF page is a document of its own (``kind=pdfpage``, the record's key) so that a hit names
  its page; the main search never returns those.

Every site install has an alias (``IMPRINT_SEARCH["INDEX"]``, "imprint" by default) over one
concrete index ``<alias>-<stamp>``. ``rebuild`` fills a new index and moves the alias in one
``update_aliases`` call, so readers never see a half-built index; the index before stays until
the next rebuild, like tantivy's previous directory. Changes are refreshed before ``apply``
returns, so the next search sees them.
"""

from __future__ import annotations

import datetime
import html
import os
import re
import time
import unicodedata
from collections.abc import Iterable, Iterator

from opensearchpy import OpenSearch, helpers
from opensearchpy.exceptions import NotFoundError, RequestError

from ..analysis import CJK_CHARS, bigrams, cjk_runs, cjk_terms, normalize
from ..query import ParsedQuery, Unit
from ..records import TYPE_LABELS, Record
from .base import FACETS, FacetValue, Hit, SearchRequest, SearchResults
from .tantivy_backend import FACET_FIELDS, FACET_SIZES, SEARCHED, SNIPPET_CHARS
from .tantivy_backend import _cjk_window as cjk_window
from .tantivy_backend import _mark_cjk as mark_cjk

# Highlight markers no text contains (private-use characters): the fragment comes back raw,
# is escaped here and its CJK words marked too, as the tantivy backend does.
_PRE, _POST = "\ue000", "\ue001"
# Words as the index's tokenizer takes them (analysis.LATIN_WORD without the underscore).
_WORD = re.compile(f"[^\\W_{CJK_CHARS}]+")
_SOURCE = ["key", "type", "title", "text", "display", "date", "digest", "pdf_page"]


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
            "index": {"number_of_shards": 1, "number_of_replicas": replicas},
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
    for word in _WORD.findall(normalize(text)):
        folded = unicodedata.normalize("NFKD", word.lower())
        folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
        if len(folded) < 60:
            words.add(folded)
    return sorted(words)


def _documents(record: Record) -> Iterator[tuple[str, dict]]:
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


class OpenSearchBackend:
    """One per process, URL and alias (``get_backend``); the client is thread-safe."""

    def __init__(self, url: str, alias: str = "imprint", *, replicas: int = 0) -> None:
        self.client = OpenSearch(hosts=[url], timeout=30, max_retries=2, retry_on_timeout=True)
        self.alias = alias
        self.replicas = replicas
        self._ready = False

    # --- the index -----------------------------------------------------------------------

    def _create(self, name: str) -> None:
        self.client.indices.create(index=name, body=index_settings(self.replicas))

    def _ensure(self) -> str:
        """The alias, created over a first empty index when this install has none."""
        if not self._ready:
            if not self.client.indices.exists_alias(name=self.alias):
                first = f"{self.alias}-initial"
                try:
                    self._create(first)
                except RequestError as error:  # another process made it first
                    if error.error != "resource_already_exists_exception":
                        raise
                self.client.indices.put_alias(index=first, name=self.alias)
            self._ready = True
        return self.alias

    def _indices(self) -> list[str]:
        try:
            return list(self.client.indices.get_alias(name=self.alias))
        except NotFoundError:
            return []

    def drop(self) -> None:
        """Delete the alias and every index of this install (tests, uninstall)."""
        names = set(self._indices())
        names.update(self.client.indices.get(index=f"{self.alias}-*", ignore_unavailable=True))
        for name in names:
            self.client.indices.delete(index=name, ignore_unavailable=True)
        self._ready = False

    # --- writing -------------------------------------------------------------------------

    def apply(self, records: Iterable[Record], removed: Iterable[str]) -> None:
        records = list(records)
        keys = {*removed, *(r.key for r in records)}
        if not keys:
            return
        index = self._ensure()
        actions, ids = [], []
        for record in records:
            for doc_id, source in _documents(record):
                actions.append({"_index": index, "_id": doc_id, "_source": source})
                ids.append(doc_id)
        # New versions first (a record is replaced under its id, never absent), then what
        # is left of these keys: removed records and pages a new PDF no longer has.
        if actions:
            helpers.bulk(self.client, actions, refresh=False)
        stale = {"bool": {"filter": [{"terms": {"key": sorted(keys)}}]}}
        if ids:
            stale["bool"]["must_not"] = [{"ids": {"values": ids}}]
        self.client.delete_by_query(
            index=index, body={"query": stale}, conflicts="proceed", refresh=True
        )

    def rebuild(self, batches: Iterable[list[Record]]) -> int:
        """Fill a new index, then move the alias to it (readers keep the old one until then)."""
        self._ensure()
        name = f"{self.alias}-{time.strftime('%Y%m%d%H%M%S')}-{os.getpid()}-{time.time_ns()}"
        self._create(name)
        count = 0
        try:
            self.client.indices.put_settings(index=name, body={"refresh_interval": "-1"})
            for batch in batches:
                actions = [
                    {"_index": name, "_id": doc_id, "_source": source}
                    for record in batch
                    for doc_id, source in _documents(record)
                ]
                helpers.bulk(self.client, actions, refresh=False)
                count += len(batch)
            self.client.indices.put_settings(index=name, body={"refresh_interval": None})
            self.client.indices.refresh(index=name)
        except BaseException:
            self.client.indices.delete(index=name, ignore_unavailable=True)
            raise
        previous = self._indices()
        moves = [{"remove": {"index": old, "alias": self.alias}} for old in previous]
        moves.append({"add": {"index": name, "alias": self.alias}})
        self.client.indices.update_aliases(body={"actions": moves})
        # The index before this one stays until the next rebuild; older ones go.
        every = self.client.indices.get(index=f"{self.alias}-*", ignore_unavailable=True)
        for old in every:
            if old != name and old not in previous:
                self.client.indices.delete(index=old, ignore_unavailable=True)
        return count

    def digests(self) -> dict[str, str]:
        query = {"query": {"term": {"kind": "record"}}, "_source": ["key", "digest"]}
        found = helpers.scan(self.client, index=self._ensure(), query=query, size=1000)
        return {hit["_source"]["key"]: hit["_source"]["digest"] for hit in found}

    # --- reading -------------------------------------------------------------------------

    def _scope(self, site_id: int, kind: str = "record") -> list[dict]:
        return [{"term": {"kind": kind}}, {"term": {"sites": site_id}}]

    def count(self, *, site_id: int, family: str | None = None) -> int:
        clauses = self._scope(site_id)
        if family:
            clauses.append({"term": {"family": family}})
        body = {"query": {"bool": {"filter": clauses}}}
        return self.client.count(index=self._ensure(), body=body)["count"]

    def search(self, request: SearchRequest) -> SearchResults:
        parsed = request.query
        content = {"match_all": {}} if parsed.is_empty else content_query(parsed)
        if content is None:
            return SearchResults(total=0, hits=[], facets={})
        filters = {
            facet: q for facet in FACETS if (q := _facet_filter(facet, request.filters.get(facet)))
        }
        body: dict = {
            "query": {"bool": {"must": [content], "filter": self._scope(request.site_id)}},
            "from": request.offset,
            "size": request.limit,
            "track_total_hits": True,
            "_source": _SOURCE,
            "highlight": _highlight(),
            "aggs": _facet_aggregations(filters),
        }
        if filters:
            # The hits obey every filter; each facet's counts obey all but its own.
            body["post_filter"] = {"bool": {"filter": list(filters.values())}}
        if request.sort == "date":
            body["sort"] = [{"date": "desc"}]
            body["track_scores"] = True
        found = self.client.search(index=self._ensure(), body=body)
        facets = _facets(found.get("aggregations", {}), request.filters)
        hits = [_hit(h, parsed, lead=True) for h in found["hits"]["hits"]]
        self._locate_in_pdfs(hits, parsed, content, request.site_id)
        return SearchResults(total=found["hits"]["total"]["value"], hits=hits, facets=facets)

    def _locate_in_pdfs(self, hits: list[Hit], parsed, content, site_id) -> None:
        """For each hit with a PDF, the page that matches best (every word if one page has
        them all, else any): two searches a hit, sent together."""
        with_pdf = [h for h in hits if h.pdf_document]
        if not with_pdf:
            return
        queries = [content, content_query(parsed, every=False)]
        lines = []
        for hit in with_pdf:
            for query in queries:
                scope = [*self._scope(site_id, kind="pdfpage"), {"term": {"key": hit.key}}]
                lines.append({})
                lines.append(
                    {
                        "query": {"bool": {"must": [query or {"match_none": {}}], "filter": scope}},
                        "size": 1,
                        "_source": ["pdf_page", "text"],
                        "highlight": _highlight(),
                    }
                )
        responses = self.client.msearch(index=self._ensure(), body=lines)["responses"]
        for n, hit in enumerate(with_pdf):
            for response in responses[2 * n : 2 * n + 2]:
                found = response.get("hits", {}).get("hits", [])
                if found:
                    hit.pdf_page = found[0]["_source"]["pdf_page"]
                    hit.pdf_snippet = _snippet(found[0], parsed, lead=False)
                    break

    def suggest(self, text: str, *, site_id: int, limit: int = 8) -> list[Hit]:
        """Titles, people and topics whose title starts with (or, in CJK, contains) the text."""
        words = _WORD.findall(normalize(text))
        parts = []
        if words:
            parts.append({"match_phrase_prefix": {"title": {"query": " ".join(words)}}})
        parts.extend(_cjk_query("title_cjk", run) for run in cjk_runs(text))
        if not parts:
            return []
        body = {
            "query": {"bool": {"must": parts, "filter": self._scope(site_id)}},
            "size": limit * 3,
            "_source": _SOURCE,
        }
        found = self.client.search(index=self._ensure(), body=body)["hits"]["hits"]
        hits = [_hit(h, None, lead=False, dated=False) for h in found]
        # Titles that begin with what was typed come first, then the best matches.
        typed = text.strip().lower()
        hits.sort(key=lambda h: not h.title.lower().startswith(typed))
        return hits[:limit]

    def spelling(self, words: list[str], *, site_id: int) -> list[str]:
        """The closest known word (in titles, names and topics) for each word, if any is close."""
        import difflib

        out = []
        for word in words:
            low = word.lower()
            if len(low) < 3 or not low.isalpha() or not low.isascii():
                out.append(word)
                continue
            known = self._spell_terms(low[0], site_id)
            if low in known:
                out.append(word)
                continue
            close = difflib.get_close_matches(low, known.keys(), n=3, cutoff=0.75)
            close.sort(key=lambda w: (-difflib.SequenceMatcher(None, low, w).ratio(), -known[w]))
            out.append(close[0] if close else word)
        return out

    def _spell_terms(self, first: str, site_id: int) -> dict[str, int]:
        terms = {"field": "spell", "include": f"{first}.*", "size": 4000}
        body = {
            "size": 0,
            "query": {"bool": {"filter": self._scope(site_id)}},
            "aggs": {"words": {"terms": terms}},
        }
        found = self.client.search(index=self._ensure(), body=body)
        buckets = found["aggregations"]["words"]["buckets"]
        return {b["key"]: b["doc_count"] for b in buckets}


# --- queries ---------------------------------------------------------------------------


def _cjk_query(field: str, run: str) -> dict:
    grams = bigrams(run)
    if len(run) == 1:
        return {"regexp": {field: {"value": f"{run}.|.{run}|{run}", "flags": "NONE"}}}
    if len(grams) == 1:
        return {"term": {field: grams[0]}}
    return {"match_phrase": {field: {"query": " ".join(grams), "analyzer": "whitespace"}}}


def unit_query(unit: Unit) -> dict | None:
    """A word or phrase in any searched field, each field with its weight."""
    words = _WORD.findall(unit.text)
    runs = cjk_runs(unit.text)
    if not words and not runs:
        return None
    per_field = []
    for name, boost in SEARCHED:
        parts = []
        if words:
            parts.append({"match_phrase": {name: {"query": " ".join(words)}}})
        parts.extend(_cjk_query(f"{name}_cjk", run) for run in runs)
        per_field.append({"bool": {"must": parts, "boost": boost}})
    return {"dis_max": {"queries": per_field, "tie_breaker": 0.3}}


def content_query(parsed: ParsedQuery, *, every: bool = True) -> dict | None:
    """The query's words: every group (``every``) or any of them, none of the excluded ones.

    None when nothing in it can be searched (only punctuation, say).
    """
    groups = []
    for group in parsed.groups:
        alternatives = [q for u in group if (q := unit_query(u)) is not None]
        if alternatives:
            groups.append(
                alternatives[0]
                if len(alternatives) == 1
                else {"bool": {"should": alternatives, "minimum_should_match": 1}}
            )
    excluded = [q for u in parsed.excluded if (q := unit_query(u)) is not None]
    if not groups and not excluded:
        return None
    query: dict = {"bool": {}}
    if every or not groups:
        query["bool"]["must"] = groups or [{"match_all": {}}]
    else:
        query["bool"].update(should=groups, minimum_should_match=1)
    if excluded:
        query["bool"]["must_not"] = excluded
    # Scattered words match; the same words side by side rank higher.
    words = [u.text for g in parsed.groups if len(g) == 1 for u in g if not u.phrase]
    tokens = [t for w in words for t in _WORD.findall(w)]
    if every and len(tokens) > 1 and len(parsed.groups) > 1:
        query["bool"]["should"] = [
            {"match_phrase": {name: {"query": " ".join(tokens), "boost": boost}}}
            for name, boost in (("title", 6.0), ("text", 2.0))
        ]
    return query


def _facet_filter(facet: str, values: list[str] | None) -> dict | None:
    if not values:
        return None
    field = FACET_FIELDS[facet]
    if facet == "year":
        years = [int(v) for v in values if v.isascii() and v.isdigit() and len(v) <= 4]
        return {"terms": {field: years}} if years else {"match_none": {}}
    return {"terms": {field: list(values)}}


def _facet_aggregations(filters: dict[str, dict]) -> dict:
    """Each facet counted under every chosen filter but its own."""
    aggs = {}
    for facet in FACETS:
        others = [q for f, q in filters.items() if f != facet]
        terms = {"terms": {"field": FACET_FIELDS[facet], "size": FACET_SIZES[facet]}}
        aggs[facet] = {
            "filter": {"bool": {"filter": others}} if others else {"match_all": {}},
            "aggs": {"values": terms},
        }
    return aggs


def _facets(aggregations: dict, selected: dict[str, list[str]]) -> dict[str, list[FacetValue]]:
    facets = {}
    for facet in FACETS:
        chosen = set(selected.get(facet) or [])
        buckets = aggregations.get(facet, {}).get("values", {}).get("buckets", [])
        values = [
            FacetValue(
                value=str(b["key"]), count=int(b["doc_count"]), selected=str(b["key"]) in chosen
            )
            for b in buckets
        ]
        if facet == "year":
            values.sort(key=lambda v: v.value, reverse=True)
        facets[facet] = values
    return facets


# --- hits and snippets -----------------------------------------------------------------


def _highlight() -> dict:
    return {
        "fields": {"text": {}},
        "pre_tags": [_PRE],
        "post_tags": [_POST],
        "fragment_size": SNIPPET_CHARS,
        "number_of_fragments": 1,
        "type": "unified",
    }


def _hit(found: dict, parsed: ParsedQuery | None, *, lead: bool, dated: bool = True) -> Hit:
    source = found["_source"]
    display = source["display"]
    ordinal = source.get("date") or 0
    kind = source["type"]
    return Hit(
        key=source["key"],
        family=display["family"],
        type=kind,
        type_label=TYPE_LABELS.get(kind, kind),
        title=source.get("title", ""),
        url_path=display["url_path"],
        date=datetime.date.fromordinal(ordinal) if ordinal and dated else None,
        byline=display["byline"],
        snippet=_snippet(found, parsed, lead=lead) if parsed is not None else "",
        pdf_document=display.get("pdf_document"),
        pdf_url=display.get("pdf_url") or "",
        score=float(found.get("_score") or 0.0),
    )


def _snippet(found: dict, parsed: ParsedQuery, *, lead: bool) -> str:
    """Escaped text around the best match, the matched words in <mark>; with no match in
    the text (the title or an author matched), a page's snippet is the opening of its text."""
    text = found["_source"].get("text") or ""
    if not text:
        return ""
    runs = [r for u in parsed.units for r in cjk_runs(u.text)]
    fragments = found.get("highlight", {}).get("text")
    if fragments:
        return _marked(fragments[0], runs)
    if runs and (window := cjk_window(text, runs)):
        return window
    if not lead:
        return ""
    opening = text[:SNIPPET_CHARS]
    if len(text) > SNIPPET_CHARS:
        opening = opening.rsplit(" ", 1)[0] + " …"
    return html.escape(opening)


def _marked(fragment: str, runs: list[str]) -> str:
    out = []
    for n, piece in enumerate(fragment.split(_PRE)):
        marked, _, rest = piece.partition(_POST) if n else ("", "", piece)
        if marked:
            out.append(f"<mark>{html.escape(marked)}</mark>")
        out.append(mark_cjk(rest, runs))
    return "".join(out)
