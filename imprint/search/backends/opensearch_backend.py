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

import os
import re
import time
from collections.abc import Iterable

from opensearchpy import OpenSearch, helpers
from opensearchpy.exceptions import NotFoundError, RequestError

from .. import spelling
from ..analysis import cjk_runs, normalize
from ..records import Record
from . import opensearch_queries as queries
from .base import FACETS, Hit, SearchRequest, SearchResults
from .opensearch_mapping import WORD, documents, index_settings


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

    def _own(self) -> list[str]:
        """This install's indices (not another alias's that begins with the same name)."""
        pattern = re.compile(re.escape(self.alias) + r"-(initial|\d{14}-\d+-\d+)")
        found = self.client.indices.get(index=f"{self.alias}-*", ignore_unavailable=True)
        return [name for name in found if pattern.fullmatch(name)]

    def drop(self) -> None:
        """Delete the alias and every index of this install (tests, uninstall)."""
        for name in {*self._indices(), *self._own()}:
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
            for doc_id, source in documents(record):
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
                    for doc_id, source in documents(record)
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
        for old in self._own():
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
        content = {"match_all": {}} if parsed.is_empty else queries.content_query(parsed)
        if content is None:
            return SearchResults(total=0, hits=[], facets={})
        filters = {
            facet: query
            for facet in FACETS
            if (query := queries.facet_filter(facet, request.filters.get(facet)))
        }
        body: dict = {
            "query": {"bool": {"must": [content], "filter": self._scope(request.site_id)}},
            "from": request.offset,
            "size": request.limit,
            "track_total_hits": True,
            "_source": queries.SOURCE,
            "highlight": queries.highlight(),
            "aggs": queries.facet_aggregations(filters),
        }
        if filters:
            # The hits obey every filter; each facet's counts obey all but its own.
            body["post_filter"] = {"bool": {"filter": list(filters.values())}}
        if request.sort == "date":
            body["sort"] = [{"date": "desc"}]
            body["track_scores"] = True
        found = self.client.search(index=self._ensure(), body=body)
        facets = queries.facets(found.get("aggregations", {}), request.filters)
        hits = [queries.hit(h, parsed, lead=True) for h in found["hits"]["hits"]]
        self._locate_in_pdfs(hits, parsed, content, request.site_id)
        return SearchResults(total=found["hits"]["total"]["value"], hits=hits, facets=facets)

    def _locate_in_pdfs(self, hits: list[Hit], parsed, content, site_id) -> None:
        """For each hit with a PDF, the page that matches best (every word if one page has
        them all, else any): two searches a hit, sent together."""
        with_pdf = [h for h in hits if h.pdf_document]
        if not with_pdf:
            return
        tries = [content, queries.content_query(parsed, every=False)]
        lines = []
        for hit in with_pdf:
            for query in tries:
                scope = [*self._scope(site_id, kind="pdfpage"), {"term": {"key": hit.key}}]
                lines.append({})
                lines.append(
                    {
                        "query": {"bool": {"must": [query or {"match_none": {}}], "filter": scope}},
                        "size": 1,
                        "_source": ["pdf_page", "text"],
                        "highlight": queries.highlight(),
                    }
                )
        responses = self.client.msearch(index=self._ensure(), body=lines)["responses"]
        for n, hit in enumerate(with_pdf):
            for response in responses[2 * n : 2 * n + 2]:
                found = response.get("hits", {}).get("hits", [])
                if found:
                    hit.pdf_page = found[0]["_source"]["pdf_page"]
                    hit.pdf_snippet = queries.snippet(found[0], parsed, lead=False)
                    break

    def suggest(self, text: str, *, site_id: int, limit: int = 8) -> list[Hit]:
        """Titles, people and topics whose title starts with (or, in CJK, contains) the text."""
        words = WORD.findall(normalize(text))
        parts = []
        if words:
            parts.append({"match_phrase_prefix": {"title": {"query": " ".join(words)}}})
        parts.extend(queries.cjk_query("title_cjk", run) for run in cjk_runs(text))
        if not parts:
            return []
        body = {
            "query": {"bool": {"must": parts, "filter": self._scope(site_id)}},
            "size": limit * 3,
            "_source": queries.SOURCE,
        }
        found = self.client.search(index=self._ensure(), body=body)["hits"]["hits"]
        hits = [queries.hit(h, None, lead=False, dated=False) for h in found]
        # Titles that begin with what was typed come first, then the best matches.
        typed = text.strip().lower()
        hits.sort(key=lambda h: not h.title.lower().startswith(typed))
        return hits[:limit]

    def spelling(self, words: list[str], *, site_id: int) -> list[str]:
        """The closest known word (in titles, names and topics) for each word, if any is close."""
        return spelling.correct(words, lambda first: self._spell_terms(first, site_id))

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
