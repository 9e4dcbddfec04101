"""The OpenSearch backend's queries, facets, hits and snippets, built as the tantivy backend
builds its own."""

from __future__ import annotations

import datetime
import html

from .. import snippets
from ..analysis import bigrams, cjk_runs
from ..query import ParsedQuery, Unit
from ..records import TYPE_LABELS
from ..snippets import SNIPPET_CHARS, mark_cjk
from .base import FACET_FIELDS, FACET_SIZES, FACETS, SEARCHED, FacetValue, Hit
from .opensearch_mapping import WORD

# Highlight markers no text contains (private-use characters): the fragment comes back raw,
# is escaped here and its CJK words marked too, as the tantivy backend does.
_PRE, _POST = "\ue000", "\ue001"
SOURCE = ["key", "type", "title", "text", "display", "date", "digest", "pdf_page"]


def cjk_query(field: str, run: str) -> dict:
    grams = bigrams(run)
    if len(run) == 1:
        return {"regexp": {field: {"value": f"{run}.|.{run}|{run}", "flags": "NONE"}}}
    if len(grams) == 1:
        return {"term": {field: grams[0]}}
    return {"match_phrase": {field: {"query": " ".join(grams), "analyzer": "whitespace"}}}


def unit_query(unit: Unit) -> dict | None:
    """A word or phrase in any searched field, each field with its weight."""
    words = WORD.findall(unit.text)
    runs = cjk_runs(unit.text)
    if not words and not runs:
        return None
    per_field = []
    for name, boost in SEARCHED:
        parts = []
        if words:
            parts.append({"match_phrase": {name: {"query": " ".join(words)}}})
        parts.extend(cjk_query(f"{name}_cjk", run) for run in runs)
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
    tokens = [t for w in words for t in WORD.findall(w)]
    if every and len(tokens) > 1 and len(parsed.groups) > 1:
        query["bool"]["should"] = [
            {"match_phrase": {name: {"query": " ".join(tokens), "boost": boost}}}
            for name, boost in (("title", 6.0), ("text", 2.0))
        ]
    return query


def facet_filter(facet: str, values: list[str] | None) -> dict | None:
    if not values:
        return None
    field = FACET_FIELDS[facet]
    if facet == "year":
        years = [int(v) for v in values if v.isascii() and v.isdigit() and len(v) <= 4]
        return {"terms": {field: years}} if years else {"match_none": {}}
    return {"terms": {field: list(values)}}


def facet_aggregations(filters: dict[str, dict]) -> dict:
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


def facets(aggregations: dict, selected: dict[str, list[str]]) -> dict[str, list[FacetValue]]:
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


def highlight() -> dict:
    return {
        "fields": {"text": {}},
        "pre_tags": [_PRE],
        "post_tags": [_POST],
        "fragment_size": SNIPPET_CHARS,
        "number_of_fragments": 1,
        "type": "unified",
    }


def hit(found: dict, parsed: ParsedQuery | None, *, lead: bool, dated: bool = True) -> Hit:
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
        snippet=snippet(found, parsed, lead=lead) if parsed is not None else "",
        pdf_document=display.get("pdf_document"),
        pdf_url=display.get("pdf_url") or "",
        score=float(found.get("_score") or 0.0),
    )


def snippet(found: dict, parsed: ParsedQuery, *, lead: bool) -> str:
    """Escaped text around the best match, the matched words in <mark>; with no match in
    the text (the title or an author matched), a page's snippet is the opening of its text."""
    text = found["_source"].get("text") or ""
    runs = [r for u in parsed.units for r in cjk_runs(u.text)]
    fragments = found.get("highlight", {}).get("text")
    marked = _marked(fragments[0], runs) if fragments else ""
    return snippets.complete(text, marked, runs, lead=lead)


def _marked(fragment: str, runs: list[str]) -> str:
    out = []
    for n, piece in enumerate(fragment.split(_PRE)):
        marked, _, rest = piece.partition(_POST) if n else ("", "", piece)
        if marked:
            out.append(f"<mark>{html.escape(marked)}</mark>")
        out.append(mark_cjk(rest, runs))
    return "".join(out)
