"""The embedded search engine: a tantivy index under ``var/search``.

Layout: ``<path>/CURRENT`` names the live index directory (``index-<stamp>``). Changes are
applied to it in place by one writer at a time (the worker); ``rebuild`` writes a whole new
directory and swaps ``CURRENT`` atomically, so readers never see a half-built index. Every
process reopens when ``CURRENT`` changes and reloads when the index's ``meta.json`` does.

The schema, per record (a page, a person or a topic; ``kind=record``):
- searched text, each in two fields: ``<name>`` through tantivy's analyzer for space-separated
  scripts (English stems) and ``<name>_cjk`` with the CJK bigrams of ``analysis.cjk_terms``:
  title, names (authors), subjects (topics, series), text (the page's words), pdf (its PDF);
- filters and facets as fast raw fields: sites, family, type, topics, authors, series,
  language, year; ``date`` for sorting;
- what a result shows, stored: title, text (for snippets), ``display`` (JSON), digest.
Each page of a PDF is also a record of its own (``kind=pdfpage``, same key) so that a hit can
say on which page it is; the main search never returns those.
"""

from __future__ import annotations

import datetime
import fcntl
import html
import json
import os
import re
import shutil
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import tantivy
from tantivy import Filter, Index, Occur, Query, SchemaBuilder, TextAnalyzerBuilder, Tokenizer

from .. import snippets, spelling
from ..analysis import (
    CJK_RUN,
    LATIN_WORD,
    LATIN_WORD_PATTERN,
    SCRIPT_BREAK,
    bigrams,
    cjk_runs,
    cjk_terms,
    korean_stem,
    separate_scripts,
)
from ..query import ParsedQuery, Unit
from ..records import TYPE_LABELS, Record
from .base import (
    FACET_FIELDS,
    FACET_SIZES,
    FACETS,
    SEARCHED,
    FacetValue,
    Hit,
    SearchRequest,
    SearchResults,
)

ANALYZER = "imprint_words"
SPELL_ANALYZER = "imprint_spell"
WRITER_HEAP = 64_000_000


def _analyzer(stem: bool, *, tokenizer: tantivy.Tokenizer | None = None) -> tantivy.TextAnalyzer:
    builder = (
        TextAnalyzerBuilder(tokenizer or Tokenizer.regex(LATIN_WORD_PATTERN))
        .filter(Filter.remove_long(60))
        .filter(Filter.lowercase())
        .filter(Filter.ascii_fold())
    )
    if stem:
        builder = builder.filter(Filter.stemmer("english"))
    return builder.build()


def build_schema() -> tantivy.Schema:
    sb = SchemaBuilder()
    sb.add_text_field("key", stored=True, tokenizer_name="raw")
    sb.add_text_field("kind", tokenizer_name="raw", index_option="basic")
    sb.add_text_field("family", fast=True, tokenizer_name="raw", index_option="basic")
    sb.add_text_field("type", stored=True, fast=True, tokenizer_name="raw", index_option="basic")
    sb.add_unsigned_field("sites", indexed=True)
    for name, _ in SEARCHED:
        sb.add_text_field(name, stored=name in ("title", "text"), tokenizer_name=ANALYZER)
        sb.add_text_field(f"{name}_cjk", tokenizer_name="whitespace")
    sb.add_text_field("spell", tokenizer_name=SPELL_ANALYZER, index_option="basic")
    for name in ("topics", "authors", "series", "language"):
        sb.add_text_field(name, fast=True, tokenizer_name="raw", index_option="basic")
    sb.add_unsigned_field("year", indexed=True, fast=True)
    sb.add_integer_field("date", fast=True, stored=True)
    sb.add_unsigned_field("pdf_page", stored=True)
    sb.add_bytes_field("display", stored=True)
    sb.add_text_field("digest", stored=True, tokenizer_name="raw", index_option="basic")
    return sb.build()


SCHEMA = build_schema()
# The searched fields split words at anything not a letter or digit (tantivy's simple
# tokenizer, 2.4x faster than the Latin-word pattern, a quarter of the indexing time). A CJK
# run becomes one token of these fields too, never matched: the reader's Latin words never
# equal it and the CJK query goes to the bigram fields. The spelling field keeps the pattern:
# its vocabulary is what "did you mean" offers, and a CJK run is no suggestion.
_WORDS = _analyzer(stem=True, tokenizer=Tokenizer.simple())


def analyze(text: str) -> list[str]:
    """The index terms of a text's space-separated words (what the ``title`` field holds)."""
    # CJK runs are searched through the bigram fields only (see _WORDS).
    return _WORDS.analyze(CJK_RUN.sub(" ", text))


def _documents(record: Record) -> Iterator[tantivy.Document]:
    doc = tantivy.Document()
    doc.add_text("key", record.key)
    doc.add_text("kind", "record")
    doc.add_text("family", record.family)
    doc.add_text("type", record.type)
    for site in record.sites:
        doc.add_unsigned("sites", site)
    values = {
        "title": record.title,
        "names": record.names,
        "subjects": record.subjects,
        "text": record.text,
    }
    for name, value in values.items():
        if value:
            doc.add_text(name, separate_scripts(value))
            cjk = cjk_terms(value)
            if name != "text":
                cjk = _with_length(cjk, value)
            if cjk:
                doc.add_text(f"{name}_cjk", cjk)
    doc.add_text("spell", " ".join((record.title, record.names, record.subjects)))
    for page in record.pdf_pages:
        doc.add_text("pdf", separate_scripts(page.text))
        cjk = cjk_terms(page.text)
        if cjk:
            doc.add_text("pdf_cjk", cjk)
    for name, values_ in (("topics", record.topics), ("authors", record.authors)):
        for value in values_:
            doc.add_text(name, value)
    if record.series:
        doc.add_text("series", record.series)
    if record.language:
        doc.add_text("language", record.language)
    if record.year:
        doc.add_unsigned("year", record.year)
    doc.add_integer("date", record.date.toordinal() if record.date else 0)
    display = {
        "url_path": record.url_path,
        "byline": record.byline,
        "pdf_document": record.pdf_document,
        "pdf_url": record.pdf_url,
        "family": record.family,
    }
    doc.add_bytes("display", json.dumps(display).encode())
    doc.add_text("digest", record.digest())
    yield doc
    for page in record.pdf_pages:
        child = tantivy.Document()
        child.add_text("key", record.key)
        child.add_text("kind", "pdfpage")
        for site in record.sites:
            child.add_unsigned("sites", site)
        child.add_text("text", separate_scripts(page.text))
        cjk = cjk_terms(page.text)
        if cjk:
            child.add_text("text_cjk", cjk)
        child.add_unsigned("pdf_page", page.number)
        yield child


def _with_length(cjk: str, value: str) -> str:
    """The CJK field of a short field (title, names, subjects), as long as the field itself.

    BM25 divides a field's length by the average over every record. Most titles hold no CJK,
    so the average CJK title was near zero and a Korean word in a title scored below the same
    word twice in a summary. A filler term no query produces, once a Latin word, gives each
    record's CJK field the length of its field.
    """
    words = len(LATIN_WORD.findall(value))
    return f"{cjk} {' '.join([FILLER] * words)}".strip() if words else cjk


FILLER = "\u2063"


class TantivyBackend:
    """One per process and index path (``get_backend``); safe to share between threads."""

    def __init__(self, path: Path | str) -> None:
        self.root = Path(path)
        self._lock = threading.Lock()
        self._held = threading.local()
        self._name: str | None = None
        self._index: Index | None = None
        self._meta_mtime: int | None = None

    # --- the index on disk -------------------------------------------------------------

    def _open_dir(self, name: str, *, create: bool = False) -> Index:
        if create:
            (self.root / name).mkdir(parents=True, exist_ok=True)
        index = Index(SCHEMA, path=str(self.root / name), reuse=True)
        index.register_tokenizer(ANALYZER, _WORDS)
        index.register_tokenizer(SPELL_ANALYZER, _analyzer(stem=False))
        return index

    @contextmanager
    def _dir_lock(self) -> Iterator[None]:
        """The index directory's lock between processes; re-entrant within a thread (a
        second flock on a new descriptor would wait for ourselves)."""
        if getattr(self._held, "depth", 0):
            self._held.depth += 1
            try:
                yield
            finally:
                self._held.depth -= 1
            return
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            self._held.depth = 1
            try:
                yield
            finally:
                self._held.depth = 0
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _current_name(self) -> str | None:
        try:
            return (self.root / "CURRENT").read_text().strip() or None
        except FileNotFoundError:
            return None

    def _set_current(self, name: str) -> None:
        tmp = self.root / f"CURRENT.{os.getpid()}.tmp"
        tmp.write_text(name)
        os.replace(tmp, self.root / "CURRENT")

    def index(self) -> Index:
        """The live index, reopened or reloaded when another process changed it."""
        name = self._current_name()
        if name is None:
            with self._dir_lock():
                name = self._current_name()
                if name is None:
                    name = "index-0"
                    self._open_dir(name, create=True)
                    self._set_current(name)
        with self._lock:
            if name != self._name or self._index is None:
                self._index, self._name, self._meta_mtime = self._open_dir(name), name, None
            meta = self.root / name / "meta.json"
            try:
                mtime = meta.stat().st_mtime_ns
            except FileNotFoundError:
                mtime = None
            if mtime != self._meta_mtime:
                self._index.reload()
                self._meta_mtime = mtime
            return self._index

    # --- writing -----------------------------------------------------------------------

    def apply(self, records: Iterable[Record], removed: Iterable[str]) -> None:
        records = list(records)
        removed = list(removed)
        if not records and not removed:
            return
        # index() takes the directory lock to create the first index: not while holding it.
        self.index()
        with self._dir_lock():
            index = self.index()
            writer = index.writer(WRITER_HEAP, 1)
            try:
                for key in {*removed, *(r.key for r in records)}:
                    writer.delete_documents_by_term("key", key)
                for record in records:
                    for doc in _documents(record):
                        writer.add_document(doc)
                writer.commit()
                writer.wait_merging_threads()
            except BaseException:
                writer.rollback()
                raise
        self.index()  # this process sees its own change at once

    def rebuild(self, batches: Iterable[list[Record]]) -> int:
        """Write a complete new index, then swap it in (readers keep the old one until then)."""
        self.root.mkdir(parents=True, exist_ok=True)
        name = f"index-{time.strftime('%Y%m%d%H%M%S')}-{os.getpid()}"
        index = self._open_dir(name, create=True)
        writer = index.writer(WRITER_HEAP * 3, 0)
        count = 0
        try:
            for batch in batches:
                for record in batch:
                    for doc in _documents(record):
                        writer.add_document(doc)
                    count += 1
            writer.commit()
            writer.wait_merging_threads()
        except BaseException:
            writer.rollback()
            shutil.rmtree(self.root / name, ignore_errors=True)
            raise
        with self._dir_lock():
            previous = self._current_name()
            self._set_current(name)
        # The index before this one stays until the next rebuild, for a process that read
        # CURRENT just before the swap; older ones go.
        for path in self.root.glob("index-*"):
            if path.name not in (name, previous):
                shutil.rmtree(path, ignore_errors=True)
        self.index()
        return count

    def digests(self) -> dict[str, str]:
        searcher = self.index().searcher()
        query = Query.term_query(SCHEMA, "kind", "record")
        total = searcher.search(query, 1, count=True).count
        out = {}
        if total:
            for _, address in searcher.search(query, total, count=False).hits:
                doc = searcher.doc(address)
                data = doc.to_dict()
                out[data["key"][0]] = data["digest"][0]
        return out

    # --- reading -----------------------------------------------------------------------

    def _scope(self, site_id: int, kind: str = "record") -> list[tuple[Occur, Query]]:
        return [
            (Occur.Must, Query.term_query(SCHEMA, "kind", kind)),
            (Occur.Must, Query.term_query(SCHEMA, "sites", site_id)),
        ]

    def count(self, *, site_id: int, family: str | None = None) -> int:
        clauses = self._scope(site_id)
        if family:
            clauses.append((Occur.Must, Query.term_query(SCHEMA, "family", family)))
        searcher = self.index().searcher()
        return searcher.search(Query.boolean_query(clauses), 1, count=True).count

    def search(self, request: SearchRequest) -> SearchResults:
        # A query of filters alone browses everything they allow.
        parsed = request.query
        content = Query.all_query() if parsed.is_empty else content_query(parsed)
        if content is None:
            return SearchResults(total=0, hits=[], facets={})
        searcher = self.index().searcher()
        scope = self._scope(request.site_id)
        filters = {
            facet: q for facet in FACETS if (q := _facet_filter(facet, request.filters.get(facet)))
        }
        query = Query.boolean_query(
            [(Occur.Must, content), *scope, *((Occur.Must, q) for q in filters.values())]
        )
        if request.sort == "date":
            found = searcher.search(
                query,
                request.limit,
                count=True,
                order_by_field="date",
                offset=request.offset,
            )
        else:
            found = searcher.search(query, request.limit, count=True, offset=request.offset)
        facets = self._facets(searcher, content, scope, filters, request.filters)
        hits = self._hits(searcher, request.query, content, found.hits, request.site_id)
        return SearchResults(total=found.count, hits=hits, facets=facets)

    def _facets(self, searcher, content, scope, filters, selected) -> dict[str, list[FacetValue]]:
        """Counts for each facet, over the results of every other facet's filter (so that
        choosing one value of a facet still shows the others of that facet)."""

        def spec(names):
            return {n: {"terms": {"field": FACET_FIELDS[n], "size": FACET_SIZES[n]}} for n in names}

        def run(names, skip=None):
            clauses = [(Occur.Must, content), *scope]
            clauses += [(Occur.Must, q) for f, q in filters.items() if f != skip]
            return searcher.aggregate(Query.boolean_query(clauses), spec(names))

        unselected = [f for f in FACETS if f not in filters]
        raw = run(unselected) if unselected else {}
        for facet in filters:
            raw.update(run([facet], skip=facet))
        facets = {}
        for facet in FACETS:
            chosen = set(selected.get(facet) or [])
            buckets = raw.get(facet, {}).get("buckets", [])
            values = [
                FacetValue(
                    value=_bucket_key(b["key"]),
                    count=int(b["doc_count"]),
                    selected=_bucket_key(b["key"]) in chosen,
                )
                for b in buckets
            ]
            if facet == "year":
                values.sort(key=lambda v: v.value, reverse=True)
            facets[facet] = values
        return facets

    def _hits(self, searcher, parsed, content, found, site_id) -> list[Hit]:
        if not found:
            return []
        generator = tantivy.SnippetGenerator.create(searcher, content, SCHEMA, "text")
        generator.set_max_num_chars(snippets.SNIPPET_CHARS)
        runs = [r for u in parsed.units for r in cjk_runs(u.text)]
        hits = []
        for score, address in found:
            doc = searcher.doc(address)
            data = doc.to_dict()
            hit = _hit(data, score)
            hit.snippet = _snippet(generator, doc, data, runs, lead=True)
            if hit.pdf_document:
                self._locate_in_pdf(searcher, hit, parsed, content, generator, runs, site_id)
            hits.append(hit)
        return hits

    def _locate_in_pdf(self, searcher, hit, parsed, content, generator, runs, site_id) -> None:
        """The PDF page that matches best (every word if one page has them all)."""
        for query in (content, content_query(parsed, every=False)):
            if query is None:
                continue
            clauses = [
                (Occur.Must, query),
                *self._scope(site_id, kind="pdfpage"),
                (Occur.Must, Query.term_query(SCHEMA, "key", hit.key)),
            ]
            found = searcher.search(Query.boolean_query(clauses), 1, count=False).hits
            if found:
                doc = searcher.doc(found[0][1])
                data = doc.to_dict()
                hit.pdf_page = data["pdf_page"][0]
                hit.pdf_snippet = _snippet(generator, doc, data, runs, lead=False)
                return

    def suggest(self, text: str, *, site_id: int, limit: int = 8) -> list[Hit]:
        """Titles, people and topics whose title starts with (or, in CJK, contains) the text."""
        tokens = analyze(text)
        runs = cjk_runs(text)
        parts = []
        if tokens:
            parts.append(Query.phrase_prefix_query(SCHEMA, "title", tokens))
        for run in runs:
            parts.append(_cjk_query("title_cjk", run))
        if not parts:
            return []
        query = Query.boolean_query([*((Occur.Must, p) for p in parts), *self._scope(site_id)])
        searcher = self.index().searcher()
        hits = []
        for score, address in searcher.search(query, limit * 3, count=False).hits:
            hits.append(_hit(searcher.doc(address).to_dict(), score))
        # Titles that begin with what was typed come first, then the best matches.
        typed = text.strip().lower()
        hits.sort(key=lambda h: not h.title.lower().startswith(typed))
        return hits[:limit]

    def spelling(self, words: list[str], *, site_id: int) -> list[str]:
        """The closest known word (in titles, names and topics) for each word, if any is close."""
        searcher = self.index().searcher()
        scope = Query.boolean_query(self._scope(site_id))

        def known_for(first: str) -> dict[str, int]:
            return dict(searcher.terms_with_prefix("spell", first, filter_query=scope, limit=4000))

        return spelling.correct(words, known_for)


def _hit(data: dict, score) -> Hit:
    """A result from a record's stored fields (its snippet is the caller's)."""
    display = json.loads(bytes(data["display"][0]))
    kind = data["type"][0]
    ordinal = data["date"][0] if data.get("date") else 0
    return Hit(
        key=data["key"][0],
        family=display["family"],
        type=kind,
        type_label=TYPE_LABELS.get(kind, kind),
        title=data["title"][0].replace(SCRIPT_BREAK, "") if data.get("title") else "",
        url_path=display["url_path"],
        date=datetime.date.fromordinal(ordinal) if ordinal else None,
        byline=display["byline"],
        snippet="",
        pdf_document=display.get("pdf_document"),
        pdf_url=display.get("pdf_url", ""),
        score=score if isinstance(score, float) else 0.0,
    )


# --- queries ---------------------------------------------------------------------------


def _cjk_query(field: str, run: str) -> Query:
    grams = bigrams(run)
    if len(run) == 1:
        ch = re.escape(run)
        return Query.regex_query(SCHEMA, field, f"{ch}.|.{ch}|{ch}")
    if len(grams) == 1:
        return Query.term_query(SCHEMA, field, grams[0])
    return Query.phrase_query(SCHEMA, field, grams)


def _cjk_run_query(field: str, run: str) -> Query:
    """A CJK run as typed, or (Korean) its noun without a particle, ranked below the run."""
    stem = korean_stem(run)
    if stem is None:
        return _cjk_query(field, run)
    return Query.boolean_query(
        [
            (Occur.Should, Query.boost_query(_cjk_query(field, run), 1.5)),
            (Occur.Should, _cjk_query(field, stem)),
        ]
    )


def _latin_query(field: str, tokens: list[str]) -> Query:
    if len(tokens) == 1:
        return Query.term_query(SCHEMA, field, tokens[0])
    return Query.phrase_query(SCHEMA, field, tokens)


def unit_query(unit: Unit) -> Query | None:
    """A word or phrase in any searched field, each field with its weight."""
    tokens = analyze(unit.text)
    runs = cjk_runs(unit.text)
    if not tokens and not runs:
        return None
    per_field = []
    for name, boost in SEARCHED:
        parts = []
        if tokens:
            parts.append(_latin_query(name, tokens))
        parts.extend(_cjk_run_query(f"{name}_cjk", run) for run in runs)
        query = (
            parts[0] if len(parts) == 1 else Query.boolean_query([(Occur.Must, p) for p in parts])
        )
        per_field.append(Query.boost_query(query, boost))
    return Query.disjunction_max_query(per_field, 0.3)


def content_query(parsed: ParsedQuery, *, every: bool = True) -> Query | None:
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
                else Query.boolean_query([(Occur.Should, q) for q in alternatives])
            )
    excluded = [q for u in parsed.excluded if (q := unit_query(u)) is not None]
    if not groups and not excluded:
        return None
    occur = Occur.Must if every else Occur.Should
    clauses = [(occur, q) for q in groups] or [(Occur.Must, Query.all_query())]
    clauses += [(Occur.MustNot, q) for q in excluded]
    # Scattered words match; the same words side by side rank higher.
    words = [u.text for g in parsed.groups if len(g) == 1 for u in g if not u.phrase]
    tokens = [t for w in words for t in analyze(w)]
    if every and len(tokens) > 1 and len(parsed.groups) > 1:
        for name, boost in (("title", 6.0), ("text", 2.0)):
            clauses.append(
                (Occur.Should, Query.boost_query(Query.phrase_query(SCHEMA, name, tokens), boost))
            )
    return Query.boolean_query(clauses)


def _facet_filter(facet: str, values: list[str] | None) -> Query | None:
    if not values:
        return None
    field = FACET_FIELDS[facet]
    terms = []
    for value in values:
        if facet == "year":
            if not (value.isascii() and value.isdigit() and len(value) <= 4):
                continue
            terms.append(Query.term_query(SCHEMA, field, int(value)))
        else:
            terms.append(Query.term_query(SCHEMA, field, value))
    if not terms:
        return Query.empty_query()
    if len(terms) == 1:
        return terms[0]
    return Query.boolean_query([(Occur.Should, q) for q in terms])


def _bucket_key(key) -> str:
    if isinstance(key, float) and key.is_integer():
        return str(int(key))
    return str(key)


# --- snippets --------------------------------------------------------------------------


def _snippet(generator, doc, data: dict, runs: list[str], *, lead: bool) -> str:
    """tantivy marks the words of space-separated scripts (byte ranges in its fragment);
    ``snippets`` does the rest."""
    text = data["text"][0] if data.get("text") else ""
    if not text:
        return ""
    snippet = generator.snippet_from_doc(doc)
    ranges = [(r.start, r.end) for r in snippet.highlighted()]
    marked = _mark_bytes(snippet.fragment(), ranges, runs) if ranges else ""
    return snippets.complete(text, marked, runs, lead=lead).replace(SCRIPT_BREAK, "")


def _mark_bytes(fragment: str, ranges: list[tuple[int, int]], runs: list[str]) -> str:
    data = fragment.encode()
    out, last = [], 0
    for start, end in sorted(ranges):
        out.append(snippets.mark_cjk(data[last:start].decode(errors="ignore"), runs))
        out.append(f"<mark>{html.escape(data[start:end].decode(errors='ignore'))}</mark>")
        last = end
    out.append(snippets.mark_cjk(data[last:].decode(errors="ignore"), runs))
    return "".join(out)
