"""Publication listings: the index's filters, and the pages of a person's or a topic's work.

The person and topic pages live here, not in ``people`` or ``topics``: they list
publications, and those apps sit below this one (docs/architecture.md).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from wagtail.models import Site

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
    site = Site.find_for_request(request)
    queryset = base_queryset
    if queryset is None:
        queryset = publication_list(site=site, **filters)
    return {
        "filters": filters,
        "items": paginate(request, queryset),
        "querystring": querystring_without_page(request),
        "type_choices": [(t.value, PUBLICATION_TYPE_PLURALS[t]) for t in PublicationType],
        "topic_choices": Topic.objects.all(),
        "year_choices": publication_years(site=site),
    }


def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(Person.objects.select_related("photo"), slug=slug)
    work = publication_list(site=Site.find_for_request(request), person=person)
    context = {
        "person": person,
        "items": paginate(request, work),
        "querystring": querystring_without_page(request),
    }
    return render(request, "people/person_detail.html", context)


def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    topic = get_object_or_404(Topic, slug=slug)
    work = publication_list(site=Site.find_for_request(request), topic=topic)
    context = {
        "topic": topic,
        "items": paginate(request, work),
        "querystring": querystring_without_page(request),
    }
    return render(request, "topics/topic_detail.html", context)
