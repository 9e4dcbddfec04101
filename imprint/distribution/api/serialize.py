"""Rows and descriptions turned into the API's JSON shapes (``schemas``), without queries of
their own: whatever a list needs was fetched by the caller in a fixed number of queries."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import reverse

from imprint.distribution.works import Work
from imprint.search.records import strip_html


def absolute(request: HttpRequest, path: str) -> str:
    return path if path.startswith(("http://", "https://")) else request.build_absolute_uri(path)


def api_url(request: HttpRequest, name: str, *, key: int | str | None = None, **query) -> str:
    path = reverse(f"api:{name}", kwargs={"key": key} if key is not None else None)
    return absolute(request, path + (f"?{urlencode(query)}" if query else ""))


def publication(work: Work, request: HttpRequest) -> dict:
    container = None
    if work.container_title:
        container = {
            "title": work.container_title,
            "url": work.container_url,
            "volume": work.volume or None,
            "issue": work.issue or None,
            "issue_title": work.issue_title or None,
            "pages": work.pages or None,
            "issn": list(work.issn),
        }
    return {
        "id": work.page_id,
        "slug": work.slug,
        "url": work.url,
        "api_url": api_url(request, "publication", key=work.page_id),
        "title": work.title,
        "subtitle": work.subtitle or None,
        "type": work.kind,
        "type_label": work.kind_label,
        "date": work.date,
        "first_published": work.first_published,
        "last_modified": work.last_modified,
        "language": work.language,
        "creators": [
            {
                "name": c.name,
                "given": c.given or None,
                "family": c.family or None,
                "affiliation": c.affiliation or None,
                "orcid": c.orcid or None,
                "orcid_url": c.orcid_url or None,
                "role": c.role or None,
                "url": c.url,
            }
            for c in work.creators
        ],
        "abstract": work.abstract,
        "keywords": list(work.keywords),
        "topics": [{"slug": slug, "name": name} for slug, name in work.topics],
        "publisher": work.publisher,
        "doi": work.doi or None,
        "doi_url": work.doi_url or None,
        "pdf": {"url": work.pdf_url, "pages": work.pdf_pages} if work.pdf_url else None,
        "image_url": work.image_url or None,
        "container": container,
        "series": (
            {"title": work.series_title, "number": work.series_number}
            if work.series_title
            else None
        ),
        "csl": work.csl_json(),
    }


def person(row, request: HttpRequest) -> dict:
    return {
        "id": row.pk,
        "slug": row.slug,
        "name": row.name,
        "honorific": row.honorific or None,
        "role": row.role or None,
        "affiliation": row.affiliation or None,
        "bio": strip_html(row.bio or ""),
        "orcid": row.orcid or None,
        "orcid_url": row.orcid_url or None,
        "is_expert": row.is_staff_expert,
        "photo_url": absolute(request, row.photo.file.url) if row.photo else None,
        "url": absolute(request, row.get_absolute_url()),
        "api_url": api_url(request, "person", key=row.slug),
        "publications_url": api_url(request, "publications", author=row.slug),
    }


def topic(row, request: HttpRequest) -> dict:
    return {
        "id": row.pk,
        "slug": row.slug,
        "name": row.name,
        "kind": row.kind,
        "description": strip_html(row.description or ""),
        "url": absolute(request, row.get_absolute_url()),
        "api_url": api_url(request, "topic", key=row.slug),
        "publications_url": api_url(request, "publications", topic=row.slug),
    }


def series(page, request: HttpRequest) -> dict:
    return {
        "id": page.pk,
        "slug": page.slug,
        "title": page.title,
        "intro": strip_html(page.intro or ""),
        "is_limited": page.is_limited,
        "url": absolute(request, page.get_url(request=request) or page.url_path),
        "api_url": api_url(request, "series_detail", key=page.pk),
        "publications_url": api_url(request, "publications", series=page.pk),
    }


def issue(
    page, request: HttpRequest, *, volume, journal, articles: list[dict], pdf_open: bool
) -> dict:
    pdf = page.pdf if pdf_open else None
    return {
        "id": page.pk,
        "slug": page.slug,
        "title": page.title,
        "number": page.number,
        "date": page.issue_date,
        "theme": page.theme or None,
        "doi": page.doi or None,
        "doi_url": f"https://doi.org/{page.doi}" if page.doi else None,
        "url": absolute(request, page.get_url(request=request) or page.url_path),
        "api_url": api_url(request, "issue", key=page.pk),
        "cover_url": absolute(request, page.cover.file.url) if page.cover else None,
        "pdf": {"url": absolute(request, pdf.url), "pages": pdf.page_count} if pdf else None,
        "volume": {"number": volume.number, "year": volume.year} if volume else None,
        "journal": (
            {
                "id": journal.pk,
                "slug": journal.slug,
                "title": journal.title,
                "url": absolute(request, journal.get_url(request=request) or journal.url_path),
                "issn_print": journal.issn_print or None,
                "issn_online": journal.issn_online or None,
            }
            if journal
            else None
        ),
        "articles": articles,
    }


def document(row, request: HttpRequest) -> dict:
    return {
        "id": row.pk,
        "title": row.title,
        "url": absolute(request, row.url),
        "pages": row.page_count,
        "language": row.language or None,
        "file_extension": row.file_extension,
        "file_size": row.file_size,
    }
