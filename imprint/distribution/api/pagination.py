"""Numbered pages of a list: a total, the page's items and links to the pages around it."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Schema
from ninja.errors import HttpError
from pydantic import Field

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_PAGE = 100_000  # far beyond any real list; keeps the offset a small number for the database


class PageParams(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Which page, from 1.")
    page_size: int = Field(
        DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Items per page, at most 100."
    )


@dataclass
class Page:
    rows: list
    body: dict  # everything but "results"


def paginate(request: HttpRequest, queryset: QuerySet, params: PageParams) -> Page:
    """The page ``params`` asks for; past the last page is a 404 that says which is last."""
    count = queryset.count()
    pages = max(1, math.ceil(count / params.page_size))
    if params.page > pages:
        raise HttpError(404, f"There is no page {params.page}: the last page is {pages}.")
    start = (params.page - 1) * params.page_size
    rows = list(queryset[start : start + params.page_size])
    body = {
        "count": count,
        "page": params.page,
        "pages": pages,
        "page_size": params.page_size,
        "next": _link(request, params.page + 1) if params.page < pages else None,
        "previous": _link(request, params.page - 1) if params.page > 1 else None,
    }
    return Page(rows=rows, body=body)


def _link(request: HttpRequest, number: int) -> str:
    query = request.GET.copy()
    query["page"] = str(number)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def page_of(page: Page, results: list, convert: Callable | None = None) -> dict:
    return {**page.body, "results": [convert(r) for r in results] if convert else results}
