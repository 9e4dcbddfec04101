"""The API's read queries. Every one goes through ``live_in_site`` for the request's site, so
the API shows exactly what an anonymous reader of that site may see; nothing here reads a
draft, a private page or a document that readers cannot open."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from imprint.documents.access import private_collection_ids
from imprint.journal.models import ArticlePage, IssuePage, JournalPage
from imprint.people.models import Person
from imprint.publications.models import PublicationAuthor, PublicationPage, SeriesPage
from imprint.publications.selectors import filtered_publications, live_in_site
from imprint.topics.models import Topic


def public_publications(
    *,
    site: Site,
    publication_type: str | None = None,
    topic: Topic | None = None,
    person: Person | None = None,
    series: SeriesPage | None = None,
    journal: JournalPage | None = None,
    published_after: datetime.date | None = None,
    published_before: datetime.date | None = None,
    language: str | None = None,
) -> QuerySet[PublicationPage]:
    """Public publications of ``site``, newest first, narrowed by the filters given."""
    qs = filtered_publications(
        site=site, publication_type=publication_type, topic=topic, person=person
    )
    if series is not None:
        qs = qs.filter(series=series)
    if journal is not None:
        qs = qs.descendant_of(journal)
    if published_after is not None:
        qs = qs.filter(publication_date__gte=published_after)
    if published_before is not None:
        qs = qs.filter(publication_date__lte=published_before)
    if language:
        qs = qs.filter(language=language)
    return qs.order_by("-publication_date", "-pk")


def public_page_by_key(queryset: QuerySet, key: str, *, site: Site) -> Page | None:
    """The public page of ``queryset`` whose id (digits) or else slug is ``key``.

    Slugs are unique only among siblings: of several public pages with one slug, the oldest
    answers (its id is stable, so the answer does not change as pages are added).
    """
    public = live_in_site(queryset, site)
    if _is_id(key):
        found = public.filter(pk=int(key)).first()
        if found is not None:
            return found
    return public.filter(slug=key).order_by("pk").first()


def _is_id(key: str) -> bool:
    """Whether ``key`` can be an id: ASCII digits ("²" is a digit to str.isdigit, not to int)
    within the 32-bit keys PostgreSQL refuses to compare beyond."""
    return key.isascii() and key.isdigit() and len(key) <= 10 and int(key) < 2**31


def public_people(
    *, site: Site, expert: bool | None = None, has_publications: bool | None = None
) -> QuerySet[Person]:
    """People in byline order; ``has_publications`` counts only the site's public work."""
    qs = Person.objects.select_related("photo")
    if expert is not None:
        qs = qs.filter(is_staff_expert=expert)
    if has_publications is not None:
        published = live_in_site(PublicationPage.objects.all(), site)
        authors = PublicationAuthor.objects.filter(page__in=published).values("person_id")
        qs = qs.filter(pk__in=authors) if has_publications else qs.exclude(pk__in=authors)
    return qs.order_by("sort_name", "name", "pk")


def person_by_key(key: str) -> Person | None:
    return _by_key(Person.objects.select_related("photo"), key)


def topic_by_key(key: str) -> Topic | None:
    return _by_key(Topic.objects.all(), key)


def _by_key(qs: QuerySet, key: str):
    if _is_id(key):
        found = qs.filter(pk=int(key)).first()
        if found is not None:
            return found
    return qs.filter(slug=key).first()


def public_series(*, site: Site) -> QuerySet[SeriesPage]:
    return live_in_site(SeriesPage.objects.all(), site).order_by("title", "pk")


def public_issues(*, site: Site, journal: JournalPage | None = None) -> QuerySet[IssuePage]:
    """Public issues of ``site`` (of one journal), newest first."""
    qs = live_in_site(IssuePage.objects.all(), site)
    if journal is not None:
        qs = qs.descendant_of(journal)
    return qs.select_related("cover", "pdf").order_by("-issue_date", "-number", "pk")


def public_articles_of(issues: list[IssuePage], *, site: Site) -> dict[int, list[int]]:
    """Issue id -> the ids of its public articles by first page (one query for all)."""
    if not issues:
        return {}
    by_path = {issue.path: issue.pk for issue in issues}
    q = Q()
    for issue in issues:
        q |= Q(path__startswith=issue.path, depth=issue.depth + 1)
    rows = (
        live_in_site(ArticlePage.objects.filter(q), site)
        .order_by("first_page", "pk")
        .values_list("pk", "path")
    )
    out: dict[int, list[int]] = {pk: [] for pk in by_path.values()}
    for pk, path in rows:
        out[by_path[path[: -ArticlePage.steplen]]].append(pk)
    return out


def public_documents(*, site: Site) -> QuerySet:
    """Documents readers may open: the PDF of a public publication or issue of ``site``,
    outside private collections. Documents only linked from text are left out."""
    used = Q(pk__in=_pdf_ids(PublicationPage, site)) | Q(pk__in=_pdf_ids(IssuePage, site))
    documents = get_document_model().objects.filter(used)
    return documents.exclude(collection_id__in=private_collection_ids()).order_by("-pk")


def _pdf_ids(model: type[Page], site: Site) -> QuerySet:
    return live_in_site(model.objects.filter(pdf__isnull=False), site).values("pdf_id")
