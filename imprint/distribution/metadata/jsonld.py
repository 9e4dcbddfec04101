"""schema.org objects (JSON-LD) for publications, people, the journal tree and the institute.

Every function returns a plain dict; ``head.json_ld_text`` serialises it for the page.
Empty values are left out, so a consumer never reads an empty string as a fact.
"""

from __future__ import annotations

from imprint.publications.models import PublicationType

from ..works import Creator, Work
from .head import Image

CONTEXT = "https://schema.org"

WORK_TYPES = {
    PublicationType.JOURNAL_ARTICLE: "ScholarlyArticle",
    PublicationType.POLICY_BRIEF: "Report",
    PublicationType.REPORT: "Report",
    PublicationType.WORKING_PAPER: "Report",
    PublicationType.COMMENTARY: "Article",
    PublicationType.BLOG_POST: "BlogPosting",
}


def compact(data: dict) -> dict:
    """``data`` without empty values (None, "", [], {})."""
    return {k: v for k, v in data.items() if v not in (None, "", [], {}, ())}


def organization(*, name: str, url: str, logo: Image | None = None, same_as=()) -> dict:
    """The institute, as publisher of everything on its site."""
    return compact(
        {
            "@type": "Organization",
            "@id": f"{url}#organization",
            "name": name,
            "url": url,
            "logo": image_object(logo),
            "sameAs": list(same_as),
        }
    )


def image_object(image: Image | None) -> dict:
    if image is None:
        return {}
    return compact(
        {
            "@type": "ImageObject",
            "url": image.url,
            "contentUrl": image.url,
            "width": image.width,
            "height": image.height,
            "caption": image.alt,
        }
    )


def creator(person: Creator) -> dict:
    """A person as an author of a work: names, page, ORCID and affiliation."""
    return compact(
        {
            "@type": "Person",
            "name": person.name,
            "givenName": person.given,
            "familyName": person.family,
            "url": person.url,
            "sameAs": person.orcid_url,
            "identifier": _orcid(person.orcid),
            "affiliation": compact({"@type": "Organization", "name": person.affiliation})
            if person.affiliation
            else {},
        }
    )


def _orcid(orcid: str) -> dict:
    if not orcid:
        return {}
    return {"@type": "PropertyValue", "propertyID": "ORCID", "value": orcid}


def work(item: Work, *, publisher: dict, image: Image | None) -> dict:
    """ScholarlyArticle, Report, BlogPosting or Article for a publication."""
    roles = {"editor": [], "translator": [], "author": []}
    for person in item.creators:
        roles.get(person.role.strip().lower(), roles["author"]).append(creator(person))
    data = {
        "@context": CONTEXT,
        "@type": WORK_TYPES.get(item.kind, "CreativeWork"),
        "@id": f"{item.url}#work",
        "url": item.url,
        "mainEntityOfPage": item.url,
        "headline": item.title,
        "name": item.full_title,
        "alternativeHeadline": item.subtitle,
        "author": roles["author"],
        "editor": roles["editor"],
        "translator": roles["translator"],
        "datePublished": item.date.isoformat(),
        "dateCreated": item.first_published.isoformat() if item.first_published else "",
        "dateModified": item.last_modified.isoformat() if item.last_modified else "",
        "inLanguage": item.language,
        "abstract": item.abstract,
        "description": item.abstract,
        "keywords": list(item.keywords),
        "publisher": publisher,
        "image": image_object(image),
        "identifier": _doi(item.doi),
        "sameAs": item.doi_url,
        "encoding": _pdf(item),
        "genre": item.kind_label,
    }
    data.update(_placement(item))
    return compact(data)


def _doi(doi: str) -> dict:
    if not doi:
        return {}
    return {"@type": "PropertyValue", "propertyID": "DOI", "value": doi}


def _pdf(item: Work) -> dict:
    if not item.pdf_url:
        return {}
    return compact(
        {
            "@type": "MediaObject",
            "contentUrl": item.pdf_url,
            "encodingFormat": "application/pdf",
            "numberOfPages": item.pdf_pages,
        }
    )


def _placement(item: Work) -> dict:
    """Where the work appeared: issue > volume > journal, the blog, or the series."""
    if item.kind == PublicationType.JOURNAL_ARTICLE and item.issue:
        return {
            "isPartOf": issue(
                number=item.issue,
                url=item.issue_url,
                volume=volume(
                    number=item.volume,
                    url=item.volume_url,
                    journal=periodical(
                        name=item.container_title, url=item.container_url, issn=item.issn
                    ),
                ),
            ),
            "pageStart": item.first_page,
            "pageEnd": item.last_page,
            "pagination": item.pages,
        }
    if item.kind == PublicationType.BLOG_POST and item.container_title:
        return {
            "isPartOf": compact(
                {"@type": "Blog", "name": item.container_title, "url": item.container_url}
            )
        }
    if item.series_title:
        series = {"@type": "CreativeWorkSeries", "name": item.series_title, "url": item.series_url}
        return {"isPartOf": compact(series), "reportNumber": str(item.series_number or "")}
    return {}


def periodical(*, name: str, url: str, issn=(), publisher: dict | None = None, **extra) -> dict:
    return compact(
        {
            "@type": "Periodical",
            "@id": f"{url}#periodical" if url else "",
            "name": name,
            "url": url,
            "issn": list(issn),
            "publisher": publisher or {},
            **extra,
        }
    )


def volume(*, number: str, url: str, journal: dict, **extra) -> dict:
    return compact(
        {
            "@type": "PublicationVolume",
            "@id": f"{url}#volume" if url else "",
            "volumeNumber": number,
            "url": url,
            "isPartOf": journal,
            **extra,
        }
    )


def issue(*, number: str, url: str, volume: dict, **extra) -> dict:
    return compact(
        {
            "@type": "PublicationIssue",
            "@id": f"{url}#issue" if url else "",
            "issueNumber": number,
            "url": url,
            "isPartOf": volume,
            **extra,
        }
    )


def breadcrumbs(trail: list[tuple[str, str]]) -> dict:
    """BreadcrumbList of (name, absolute URL), from the home page to the page itself."""
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": url}
            for n, (name, url) in enumerate(trail, start=1)
        ],
    }
