"""Listing logic shared by the publications index and landing pages."""

from __future__ import annotations

from django.http import Http404

from imprint.core.pagination import paginate, querystring_without_page
from imprint.people.models import Person
from imprint.topics.models import Topic

from .models import PUBLICATION_TYPE_PLURALS, PublicationType
from .selectors import publication_list, publication_years


def _lookup(model, slug: str | None, what: str):
    if not slug:
        return None
    try:
        return model.objects.get(slug=slug)
    except model.DoesNotExist:
        raise Http404(f"There is no {what} called {slug!r}.") from None


def _year(raw: str | None) -> int | None:
    if not raw:
        return None
    # isascii: "²" and other Unicode digits pass isdigit() but not int().
    if not (raw.isascii() and raw.isdigit()) or not 1800 <= int(raw) <= 2200:
        raise Http404("The year must be a four-digit year.")
    return int(raw)


def parse_filters(request) -> dict:
    """Read ?type=&topic=&author=&year= into filter values; unknown values are a 404."""
    get = request.GET
    kind = get.get("type") or None
    if kind and kind not in PublicationType.values:
        raise Http404(f"There is no publication type {kind!r}.")
    return {
        "publication_type": kind,
        "topic": _lookup(Topic, get.get("topic"), "topic"),
        "person": _lookup(Person, get.get("author"), "author"),
        "year": _year(get.get("year")),
    }


def listing_context(request, *, base_queryset=None) -> dict:
    filters = parse_filters(request)
    queryset = base_queryset if base_queryset is not None else publication_list(**filters)
    return {
        "filters": filters,
        "items": paginate(request, queryset),
        "querystring": querystring_without_page(request),
        "type_choices": [(t.value, PUBLICATION_TYPE_PLURALS[t]) for t in PublicationType],
        "topic_choices": Topic.objects.all(),
        "year_choices": publication_years(),
    }
