"""The engine on its own: index the generated corpus with ``TantivyBackend.rebuild``, then time
``TantivyBackend.search`` (total, facets, ten hits with snippets) query by query."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from tantivy import Occur, Query

from imprint.search.backends import SearchRequest
from imprint.search.backends.tantivy_backend import TantivyBackend, content_query
from imprint.search.query import parse

from .corpus import Corpus
from .queries import Timings

# Up to this many records are made before indexing starts, so that the indexing figure is the
# engine's alone; larger corpora are made while they are indexed (the figure is then a floor).
PREMADE_LIMIT = 200_000


@dataclass
class IndexingResult:
    records: int
    pdf_pages: int
    text_mb: float
    generate_seconds: float
    index_seconds: float
    overlapped: bool  # True: generation ran inside the indexing time

    @property
    def docs_per_second(self) -> float:
        return self.records / self.index_seconds

    def line(self) -> str:
        how = "records made while indexing (a floor)" if self.overlapped else "records made first"
        return (
            f"{self.records:,} records, {self.pdf_pages:,} PDF pages, {self.text_mb:,.0f} MB of "
            f"text: indexed in {self.index_seconds:.1f} s = {self.docs_per_second:,.0f} "
            f"records/s ({how}; generating took {self.generate_seconds:.1f} s)"
        )


def build_index(corpus: Corpus, count: int, path: Path) -> tuple[TantivyBackend, IndexingResult]:
    backend = TantivyBackend(path)
    overlapped = count > PREMADE_LIMIT
    started = time.perf_counter()
    if overlapped:
        pdf_pages = chars = 0

        def batches():
            nonlocal pdf_pages, chars
            for batch in corpus.batches(count):
                pdf_pages += sum(len(r.pdf_pages) for r in batch)
                chars += sum(len(r.text) + sum(len(p.text) for p in r.pdf_pages) for r in batch)
                yield batch

        indexed = backend.rebuild(batches())
        generated = float("nan")
    else:
        made = list(corpus.batches(count))
        generated = time.perf_counter() - started
        pdf_pages = sum(len(r.pdf_pages) for b in made for r in b)
        chars = sum(len(r.text) + sum(len(p.text) for p in r.pdf_pages) for b in made for r in b)
        started = time.perf_counter()
        indexed = backend.rebuild(made)
    return backend, IndexingResult(
        records=indexed,
        pdf_pages=pdf_pages,
        text_mb=chars / 1e6,
        generate_seconds=generated,
        index_seconds=time.perf_counter() - started,
        overlapped=overlapped,
    )


def _engine_only(backend: TantivyBackend, request: SearchRequest) -> int:
    """What ``search`` does without reading the ten hits (stored fields, snippets)."""
    searcher = backend.index().searcher()
    content = content_query(request.query)
    if content is None:
        return 0
    scope = backend._scope(request.site_id)
    query = Query.boolean_query([(Occur.Must, content), *scope])
    found = searcher.search(query, request.limit, count=True)
    backend._facets(searcher, content, scope, {}, {})
    return found.count


def time_queries(
    backend: TantivyBackend, queries: list[str], site_id: int, *, snippets: bool = True
) -> Timings:
    """One query after the other, in this thread; ``snippets=False``: the engine part only."""
    timings = Timings("")
    for text in queries:
        request = SearchRequest(query=parse(text), site_id=site_id, limit=10)
        started = time.perf_counter()
        total = backend.search(request).total if snippets else _engine_only(backend, request)
        timings.seconds.append(time.perf_counter() - started)
        timings.totals.append(total)
    return timings
