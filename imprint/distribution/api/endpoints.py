"""The read-only JSON API under /api/: publications, people, topics, series, journal issues and
documents, with the site search mounted beside them, described at /api/openapi.json.

Publications are described by ``distribution.works`` (what feeds and citations say too), a page
of them in a fixed number of queries. Every query is in ``queries`` and goes through
``live_in_site`` for the request's site.
"""

from __future__ import annotations

import datetime
from typing import Annotated

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Path, Query, Swagger
from ninja.errors import HttpError, Throttled
from pydantic import BeforeValidator
from wagtail.models import Page, Site

from imprint.distribution.works import describe_many
from imprint.documents.access import private_collection_ids
from imprint.journal.models import IssuePage, JournalPage, VolumePage
from imprint.publications.models import PublicationPage, PublicationType, SeriesPage
from imprint.topics.models import Topic

from . import queries, schemas, serialize
from .http import ClientRateThrottle
from .pagination import PageParams, page_of, paginate

# An empty value (``?type=``, as a form sends) filters nothing, as in the readers' listing.
Blank = BeforeValidator(lambda value: None if value == "" else value)
MAX_ID = 2**31 - 1  # what every database's integer key holds
ERRORS = {
    400: schemas.Error,
    404: schemas.Error,
    422: schemas.ValidationErrors,
    429: schemas.Error,
}

api = NinjaAPI(
    title="Imprint",
    version="1",
    description=(
        "Read-only: everything an anonymous reader of this site may see. Lists are paginated "
        "(`page`, `page_size` up to 100; `next` and `previous` links); details answer by id or "
        "slug. Errors answer with `detail`: a sentence (400, 404, 429) or the invalid "
        "parameters (422). Answers carry an ETag: send it back in If-None-Match for a 304."
    ),
    urls_namespace="api",
    docs=Swagger(settings={"deepLinking": True}),
    docs_url="/docs",
    openapi_url="/openapi.json",
    throttle=[ClientRateThrottle()],
)


@api.exception_handler(Throttled)
def _throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    response = api.create_response(
        request, {"detail": "Too many requests: wait a minute and try again."}, status=429
    )
    response["Retry-After"] = str(int(exc.wait or 60))
    return response


def _site(request: HttpRequest) -> Site:
    site = Site.find_for_request(request)
    if site is None:
        raise HttpError(404, "No site answers at this address.")
    return site


def _page_or_404(model: type[Page], key: str, request: HttpRequest, what: str) -> Page:
    found = queries.public_page_by_key(model.objects.all(), key, site=_site(request))
    if found is None:
        raise HttpError(404, f"There is no public {what} {key!r}.")
    return found


# Publications ---------------------------------------------------------------------------------


def _publication_filters(request: HttpRequest, **raw) -> dict:
    """Slugs and ids in the query turned into the objects they name; unknown ones are a 404.

    An empty value (``?topic=``, as a form sends) filters nothing.
    """
    language = raw.pop("language") or None
    if language and language not in dict(settings.LANGUAGES):
        codes = ", ".join(code for code, _ in settings.LANGUAGES)
        raise HttpError(400, f"There is no language {language!r}: use one of {codes}.")
    lookups = {
        "topic": lambda key: queries.topic_by_key(key),
        "person": lambda key: queries.person_by_key(key),
        "series": lambda key: _page_or_404(SeriesPage, key, request, "series"),
        "journal": lambda key: _page_or_404(JournalPage, key, request, "journal"),
    }
    filters = {"site": _site(request), "language": language, **raw}
    for name, lookup in lookups.items():
        key = raw[name]
        filters[name] = lookup(key) if key else None
        if key and filters[name] is None:
            what = "author" if name == "person" else name
            raise HttpError(404, f"There is no {what} {key!r}.")
    return filters


@api.get(
    "/publications/",
    response={200: schemas.PublicationList, **ERRORS},
    url_name="publications",
    tags=["publications"],
    summary="Publications, newest first",
)
def publications(
    request: HttpRequest,
    pages: Query[PageParams],
    kind: Annotated[PublicationType | None, Blank] = Query(None, alias="type"),  # noqa: B008
    topic: str | None = Query(None, description="A topic's slug or id."),  # noqa: B008
    author: str | None = Query(None, description="A person's slug or id."),  # noqa: B008
    series: str | None = Query(None, description="A series' id or slug."),  # noqa: B008
    journal: str | None = Query(None, description="A journal's id or slug."),  # noqa: B008
    published_after: Annotated[datetime.date | None, Blank] = Query(  # noqa: B008
        None, description="On or after."
    ),  # noqa: B008
    published_before: Annotated[datetime.date | None, Blank] = Query(  # noqa: B008
        None, description="On or before."
    ),  # noqa: B008
    language: str | None = Query(None, description="A language code, like en."),  # noqa: B008
) -> dict:
    filters = _publication_filters(
        request,
        publication_type=kind.value if kind else None,
        topic=topic,
        person=author,
        series=series,
        journal=journal,
        published_after=published_after,
        published_before=published_before,
        language=language,
    )
    page = paginate(request, queries.public_publications(**filters).values_list("pk"), pages)
    works = describe_many([pk for (pk,) in page.rows], request=request)
    return page_of(page, [serialize.publication(w, request) for w in works])


@api.get(
    "/publications/{key}/",
    response={200: schemas.Publication, **ERRORS},
    url_name="publication",
    tags=["publications"],
    summary="One publication, by id or slug",
)
def publication(request: HttpRequest, key: str) -> dict:
    page = _page_or_404(PublicationPage, key, request, "publication")
    (work,) = describe_many([page.pk], request=request)
    return serialize.publication(work, request)


# People and topics ----------------------------------------------------------------------------


@api.get(
    "/people/",
    response={200: schemas.PersonList, **ERRORS},
    url_name="people",
    tags=["people"],
    summary="Authors, editors and experts, in alphabetical order",
)
def people(
    request: HttpRequest,
    pages: Query[PageParams],
    expert: Annotated[bool | None, Blank] = Query(
        None, description="Only the institute's experts (or others)."
    ),  # noqa: B008
    has_publications: Annotated[bool | None, Blank] = Query(  # noqa: B008
        None, description="Only people with (or without) public publications here."
    ),
) -> dict:
    qs = queries.public_people(
        site=_site(request), expert=expert, has_publications=has_publications
    )
    page = paginate(request, qs, pages)
    return page_of(page, page.rows, lambda row: serialize.person(row, request))


@api.get(
    "/people/{key}/",
    response={200: schemas.Person, **ERRORS},
    url_name="person",
    tags=["people"],
    summary="One person, by slug or id",
)
def person(request: HttpRequest, key: str) -> dict:
    found = queries.person_by_key(key)
    if found is None:
        raise HttpError(404, f"There is no person {key!r}.")
    return serialize.person(found, request)


@api.get(
    "/topics/",
    response={200: schemas.TopicList, **ERRORS},
    url_name="topics",
    tags=["topics"],
    summary="Regions and themes",
)
def topics(request: HttpRequest, pages: Query[PageParams]) -> dict:
    page = paginate(request, Topic.objects.order_by("kind", "name", "pk"), pages)
    return page_of(page, page.rows, lambda row: serialize.topic(row, request))


@api.get(
    "/topics/{key}/",
    response={200: schemas.Topic, **ERRORS},
    url_name="topic",
    tags=["topics"],
    summary="One topic, by slug or id",
)
def topic(request: HttpRequest, key: str) -> dict:
    found = queries.topic_by_key(key)
    if found is None:
        raise HttpError(404, f"There is no topic {key!r}.")
    return serialize.topic(found, request)


# Series, issues, documents --------------------------------------------------------------------


@api.get(
    "/series/",
    response={200: schemas.SeriesList, **ERRORS},
    url_name="series_list",
    tags=["series"],
    summary="Series of publications",
)
def series_list(request: HttpRequest, pages: Query[PageParams]) -> dict:
    page = paginate(request, queries.public_series(site=_site(request)), pages)
    return page_of(page, page.rows, lambda row: serialize.series(row, request))


@api.get(
    "/series/{key}/",
    response={200: schemas.Series, **ERRORS},
    url_name="series_detail",
    tags=["series"],
    summary="One series, by id or slug",
)
def series_detail(request: HttpRequest, key: str) -> dict:
    return serialize.series(_page_or_404(SeriesPage, key, request, "series"), request)


def _issues(request: HttpRequest, issues: list[IssuePage]) -> list[dict]:
    """Issues with their volume, journal and described articles, in a fixed number of queries."""
    site = _site(request)
    article_ids = queries.public_articles_of(issues, site=site)
    works = {
        w.page_id: serialize.publication(w, request)
        for w in describe_many([pk for ids in article_ids.values() for pk in ids], request=request)
    }
    step = IssuePage.steplen
    parents = {i.path[:-step] for i in issues} | {i.path[: -2 * step] for i in issues}
    volumes = {v.path: v for v in VolumePage.objects.filter(path__in=parents)}
    journals = {j.path: j for j in JournalPage.objects.filter(path__in=parents)}
    private = private_collection_ids() if any(i.pdf_id for i in issues) else set()
    return [
        serialize.issue(
            issue,
            request,
            volume=volumes.get(issue.path[:-step]),
            journal=journals.get(issue.path[: -2 * step]),
            articles=[works[pk] for pk in article_ids.get(issue.pk, []) if pk in works],
            pdf_open=issue.pdf is not None and issue.pdf.collection_id not in private,
        )
        for issue in issues
    ]


@api.get(
    "/issues/",
    response={200: schemas.IssueList, **ERRORS},
    url_name="issues",
    tags=["journal"],
    summary="Journal issues with their articles, newest first",
)
def issues(
    request: HttpRequest,
    pages: Query[PageParams],
    journal: str | None = Query(None, description="A journal's id or slug."),  # noqa: B008
) -> dict:
    site = _site(request)
    found = _page_or_404(JournalPage, journal, request, "journal") if journal else None
    page = paginate(request, queries.public_issues(site=site, journal=found), pages)
    return page_of(page, _issues(request, page.rows))


@api.get(
    "/issues/{key}/",
    response={200: schemas.Issue, **ERRORS},
    url_name="issue",
    tags=["journal"],
    summary="One issue with its articles, by id or slug",
)
def issue(request: HttpRequest, key: str) -> dict:
    found = _page_or_404(IssuePage, key, request, "issue")
    return _issues(request, [found])[0]


@api.get(
    "/documents/",
    response={200: schemas.DocumentList, **ERRORS},
    url_name="documents",
    tags=["documents"],
    summary="PDFs of public publications and issues that every reader may open",
)
def documents(request: HttpRequest, pages: Query[PageParams]) -> dict:
    page = paginate(request, queries.public_documents(site=_site(request)), pages)
    return page_of(page, page.rows, lambda row: serialize.document(row, request))


@api.get(
    "/documents/{key}/",
    response={200: schemas.Document, **ERRORS},
    url_name="document",
    tags=["documents"],
    summary="One document, by id",
)
def document(request: HttpRequest, key: int = Path(..., ge=1, le=MAX_ID)) -> dict:  # noqa: B008
    found = queries.public_documents(site=_site(request)).filter(pk=key).first()
    if found is None:
        raise HttpError(404, f"There is no document {key} that readers may open.")
    return serialize.document(found, request)
