"""The site search (``search.views``) mounted in the API, so that one schema describes it.

The answers are the search app's own, unchanged: these operations declare the parameters and
the shape for the schema and hand the request to the search views, which read the query
string themselves (a bad page number or sort falls back as it always did, never a 422).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Query, Schema
from pydantic import Field

from imprint.search import views as search_views

from . import schemas
from .endpoints import api


class SearchPdf(Schema):
    page: int
    url: str = Field(description="The PDF; add #page=N to open it there.")
    snippet: str


class SearchHit(Schema):
    url: str = Field(description="Path on this site.")
    type: str
    type_label: str
    title: str
    authors: list[str]
    date: str | None = Field(description="YYYY-MM-DD")
    snippet: str = Field(description="HTML: escaped text, matched words in <mark>.")
    pdf: SearchPdf | None = Field(description="Where the words were found in the PDF.")


class FacetValue(Schema):
    value: str = Field(description="Pass back as the facet's parameter.")
    label: str
    count: int
    selected: bool


class SearchResults(Schema):
    query: str
    total: int
    page: int
    pages: int
    per_page: int
    sort: str
    index_total: int = Field(description="Publications in the index.")
    results: list[SearchHit]
    facets: dict[str, list[FacetValue]]
    suggestion: str | None
    truncated: bool
    error: str | None = Field(None, description="Set when the search could not be run.")


class Suggestion(Schema):
    title: str
    url: str
    type_label: str


class Suggestions(Schema):
    query: str
    suggestions: list[Suggestion]


class SearchParams(Schema):
    q: str | None = Field(
        None,
        description='Words (all must match), "an exact phrase", -excluded, a OR b.',
    )
    sort: str | None = Field(None, description="relevance (the default) or date.")
    page: str | None = Field(None, description="Which page, from 1.")
    type: list[str] | None = Field(None, description="Facet: repeat for any of several.")
    topic: list[str] | None = None
    author: list[str] | None = None
    year: list[str] | None = None
    series: list[str] | None = None
    language: list[str] | None = None


@api.get(
    "/search/",
    response={200: SearchResults, 400: schemas.Error, 404: schemas.Error, 429: schemas.Error},
    url_name="search",
    tags=["search"],
    summary="Search every public page, PDF, person and topic",
)
def search(request: HttpRequest, params: Query[SearchParams]) -> HttpResponse:
    return search_views.search_api(request)


@api.get(
    "/search/suggest/",
    response={200: Suggestions, 400: schemas.Error, 429: schemas.Error},
    url_name="suggest",
    tags=["search"],
    summary="Titles, people and topics for what has been typed",
)
def suggest(
    request: HttpRequest,
    q: str | None = Query(None, description="Two characters or more."),  # noqa: B008
) -> HttpResponse:
    return search_views.suggest_api(request)
