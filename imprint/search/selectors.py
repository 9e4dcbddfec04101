"""Searching for a request: the query, filters, page and site read from it, labels for the
facets, results ready for the page and for the JSON API."""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.http import HttpRequest
from wagtail.models import Page, Site

from imprint.core.pagination import page_number
from imprint.people.models import Person
from imprint.topics.models import Topic

from .backends import FACETS, FacetValue, Hit, SearchRequest, get_backend
from .query import MAX_QUERY_CHARS, ParsedQuery, parse
from .records import LANGUAGE_LABELS, TYPE_LABELS

logger = logging.getLogger(__name__)
PER_PAGE = 20
MAX_PAGE = 500
FACET_LABELS = {
    "type": "Type",
    "topic": "Topic",
    "author": "Author",
    "year": "Year",
    "series": "Series",
    "language": "Language",
}
MAX_FILTER_VALUES = 20


class _Window:
    """One page of hits that answers to Django's Paginator as if it were all of them."""

    def __init__(self, hits: list[Hit], total: int) -> None:
        self.hits, self.total = hits, total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, item):
        # The paginator slices out exactly the page these hits are.
        return self.hits if isinstance(item, slice) else self.hits[item]


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue] = field(default_factory=list)


@dataclass
class SearchOutcome:
    query: str
    parsed: ParsedQuery
    page: PaginatorPage | None
    total: int = 0
    facets: list[Facet] = field(default_factory=list)
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"
    suggestion: str = ""
    failed: bool = False

    @property
    def hits(self) -> list[Hit]:
        return list(self.page.object_list) if self.page else []


def read_filters(request: HttpRequest) -> dict[str, list[str]]:
    filters = {}
    for facet in FACETS:
        values = [v for v in request.GET.getlist(facet) if v and len(v) <= 100][:MAX_FILTER_VALUES]
        if values:
            filters[facet] = list(dict.fromkeys(values))
    return filters


def search_request(request: HttpRequest, *, per_page: int = PER_PAGE) -> SearchOutcome:
    raw = request.GET.get("q", "")
    parsed = parse(raw)
    query = raw.strip()[:MAX_QUERY_CHARS]
    filters = read_filters(request)
    sort = "date" if request.GET.get("sort") == "date" else "relevance"
    outcome = SearchOutcome(query=query, parsed=parsed, page=None, filters=filters, sort=sort)
    if parsed.is_empty and not filters:
        return outcome
    site = Site.find_for_request(request)
    if site is None:
        return outcome
    number = min(page_number(request), MAX_PAGE)
    backend = get_backend()

    def run(page_number: int):
        return backend.search(
            SearchRequest(
                query=parsed,
                site_id=site.pk,
                filters=filters,
                sort=sort,
                offset=(page_number - 1) * per_page,
                limit=per_page,
            )
        )

    if parsed.is_empty and "sort" not in request.GET:
        outcome.sort = sort = "date"  # filters alone: browse the newest first
    try:
        results = run(number)
        last = max(1, math.ceil(results.total / per_page))
        if number > last:
            number = last
            results = run(number)
    except ValueError:
        logger.warning("Search failed for %r", raw[:200], exc_info=True)
        outcome.failed = True
        return outcome
    window = _Window(results.hits, results.total)
    outcome.page = Paginator(window, per_page).get_page(number)
    outcome.total = results.total
    outcome.facets = labelled_facets(results.facets, site)
    if not results.total and parsed.words():
        words = parsed.words()
        corrected = backend.spelling(words, site_id=site.pk)
        if [w.lower() for w in corrected] != [w.lower() for w in words]:
            outcome.suggestion = " ".join(corrected)
    return outcome


def labelled_facets(raw: dict[str, list[FacetValue]], site: Site) -> list[Facet]:
    topics = {v.value for v in raw.get("topic", [])}
    authors = {v.value for v in raw.get("author", [])}
    series = {int(v.value) for v in raw.get("series", []) if v.value.isdigit()}
    labels = {
        "topic": dict(Topic.objects.filter(slug__in=topics).values_list("slug", "name")),
        "author": dict(Person.objects.filter(slug__in=authors).values_list("slug", "name")),
        "series": {
            str(pk): title
            for pk, title in Page.objects.filter(pk__in=series).values_list("pk", "title")
        },
        "type": TYPE_LABELS,
        "language": LANGUAGE_LABELS,
    }
    facets = []
    for name in FACETS:
        values = raw.get(name, [])
        for value in values:
            value.label = labels.get(name, {}).get(value.value, value.value)
        values = [v for v in values if v.count]
        if values:
            facets.append(Facet(name, FACET_LABELS[name], values))
    return facets


def index_total(site: Site | None) -> int:
    """How many publications the reader's site has in the index."""
    if site is None:
        return 0
    return get_backend().count(site_id=site.pk, family="publication")
