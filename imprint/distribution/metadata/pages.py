"""The head of every public page that is not a publication: the home page, listings, series,
blogs, the journal, its volumes and issues, people and topics.

Each builder takes a ``Where`` (the request's site, institute and canonical URL) and the thing
the page shows; a publication's head is ``scholarly.work_head``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import strip_tags
from wagtail.models import Page, Site

from imprint.core.models import InstituteSettings
from imprint.search.records import strip_html

from ..works import split_name
from . import jsonld
from .head import DUBLIN_CORE, Head, Image, shorten

LOGO_SPEC = "height-96"  # the header's rendition: made once, shared
SHARE_SPEC = "width-1200"


@dataclass
class Where:
    """What every head of one request shares."""

    site: Site
    root: str  # the site's root URL, no trailing slash
    institute: InstituteSettings
    canonical: str
    publisher: dict  # the institute as a schema.org Organization

    def head(self, title: str, **kwargs) -> Head:
        return Head(title=title, canonical=self.canonical, site_name=self.institute.name, **kwargs)

    def crumbs(self, *trail: tuple[str, str]) -> dict:
        """A BreadcrumbList from the home page through ``trail`` (name, path) to this page."""
        items = [("Home", f"{self.root}/")]
        items += [
            (name, path if path.startswith("http") else self.root + path) for name, path in trail
        ]
        return jsonld.breadcrumbs(items)


def rendition(image, spec: str, root: str) -> Image | None:
    """An image for social cards, as the rendition ``spec`` (cached by Wagtail once made)."""
    if image is None:
        return None
    made = image.get_rendition(spec)
    url = made.url if made.url.startswith("http") else root + made.url
    return Image(url=url, alt=image.default_alt_text, width=made.width, height=made.height)


def publisher(institute: InstituteSettings, root: str) -> dict:
    links = [link.value["url"] for link in institute.social_links]
    logo = rendition(institute.logo, LOGO_SPEC, root)
    return jsonld.organization(name=institute.name, url=f"{root}/", logo=logo, same_as=links)


def _text(html: str) -> str:
    return shorten(strip_html(html or ""))


def page_trail(page: Page, request) -> list[tuple[str, str]]:
    """(title, URL) of the page's ancestors below the site's root, then of the page."""
    ancestors = page.get_ancestors().filter(depth__gt=2)
    trail = [(a.title, a.get_url(request)) for a in ancestors.specific(defer=True)]
    return [*trail, (page.title, page.get_full_url(request))]


def home(where: Where, page: Page) -> Head:
    institute = where.institute
    head = where.head(page.seo_title or institute.name, description=institute.tagline)
    head.image = rendition(institute.logo, SHARE_SPEC, where.root)
    website = {
        "@context": jsonld.CONTEXT,
        "@type": "WebSite",
        "@id": f"{where.root}/#website",
        "name": institute.name,
        "url": f"{where.root}/",
        "description": institute.tagline,
        "publisher": {"@id": where.publisher["@id"]},
    }
    head.json_ld += [jsonld.compact(website), {"@context": jsonld.CONTEXT, **where.publisher}]
    return head


def collection(
    where: Where, page: Page, kind: str, request, *, route_title: str = "", **extra
) -> Head:
    """A listing: the publications index, a series, a blog, the journal's articles (a route
    of the journal's page, named ``route_title``)."""
    description = _text(getattr(page, "intro", ""))
    title = f"{route_title} – {page.title}" if route_title else page.seo_title or page.title
    head = where.head(title, description=description)
    data = {
        "@context": jsonld.CONTEXT,
        "@type": kind,
        "@id": f"{where.canonical}#{kind.lower()}",
        "name": title,
        "url": where.canonical,
        "description": description,
        "publisher": where.publisher,
        **extra,
    }
    trail = page_trail(page, request)
    if route_title:
        trail.append((route_title, where.canonical))
    head.json_ld += [jsonld.compact(data), where.crumbs(*trail)]
    return head


def journal(where: Where, page, request) -> Head:
    description = _text(page.about)
    head = where.head(page.seo_title or page.title, description=description)
    data = jsonld.periodical(
        name=page.title,
        url=page.get_full_url(request),
        issn=[i for i in (page.issn_print, page.issn_online) if i],
        publisher=where.publisher,
        description=description,
    )
    head.json_ld += [{"@context": jsonld.CONTEXT, **data}, where.crumbs(*page_trail(page, request))]
    return head


def _journal_of(page, request) -> dict:
    parent = page.get_parent().specific
    issn = [i for i in (getattr(parent, "issn_print", ""), getattr(parent, "issn_online", "")) if i]
    return jsonld.periodical(name=parent.title, url=parent.get_full_url(request), issn=issn)


def volume(where: Where, page, request) -> Head:
    head = where.head(
        page.seo_title or page.title, description=f"Volume {page.number}, {page.year}"
    )
    data = jsonld.volume(
        number=str(page.number),
        url=page.get_full_url(request),
        journal=_journal_of(page, request),
        name=page.title,
        datePublished=str(page.year),
    )
    head.json_ld += [{"@context": jsonld.CONTEXT, **data}, where.crumbs(*page_trail(page, request))]
    return head


def issue(where: Where, page, request) -> Head:
    parent = page.get_parent().specific
    description = _text(page.editors_introduction) or page.theme
    head = where.head(page.seo_title or page.title, description=description)
    head.image = rendition(page.cover, SHARE_SPEC, where.root)
    doi_url = f"https://doi.org/{page.doi}" if page.doi else ""
    data = jsonld.issue(
        number=str(page.number),
        url=page.get_full_url(request),
        volume=jsonld.volume(
            number=str(parent.number),
            url=parent.get_full_url(request),
            journal=_journal_of(parent, request),
        ),
        name=page.title,
        alternativeName=page.theme,
        description=description,
        datePublished=page.issue_date.isoformat(),
        publisher=where.publisher,
        image=jsonld.image_object(head.image),
        identifier={"@type": "PropertyValue", "propertyID": "DOI", "value": page.doi}
        if page.doi
        else {},
        sameAs=doi_url,
    )
    head.links.append(("schema.DC", DUBLIN_CORE))
    head.meta_name("DC.title", f"{page.title}: {page.theme}" if page.theme else page.title)
    head.meta_name("DC.date", page.issue_date.isoformat())
    head.meta_name("DC.identifier", doi_url)
    head.meta_name("DC.publisher", where.institute.name)
    head.meta_name("DC.type", "Collection")
    head.json_ld += [{"@context": jsonld.CONTEXT, **data}, where.crumbs(*page_trail(page, request))]
    return head


def person(where: Where, person) -> Head:
    description = _text(person.bio) or ", ".join(p for p in (person.role, person.affiliation) if p)
    head = where.head(person.name, description=description, og_type="profile")
    head.image = rendition(person.photo, "fill-400x400", where.root)
    given, family = split_name(person.name, person.sort_name)
    head.meta_property("profile:first_name", given)
    head.meta_property("profile:last_name", family)
    data = {
        "@context": jsonld.CONTEXT,
        "@type": "Person",
        "@id": f"{where.canonical}#person",
        "name": person.name,
        "givenName": given,
        "familyName": family,
        "honorificPrefix": person.honorific,
        "jobTitle": person.role,
        "affiliation": {"@type": "Organization", "name": person.affiliation}
        if person.affiliation
        else {},
        "worksFor": {"@id": where.publisher["@id"]} if person.is_staff_expert else {},
        "description": description,
        "url": where.canonical,
        "mainEntityOfPage": where.canonical,
        "image": jsonld.image_object(head.image),
        "sameAs": [person.orcid_url] if person.orcid else [],
        "identifier": {"@type": "PropertyValue", "propertyID": "ORCID", "value": person.orcid}
        if person.orcid
        else {},
    }
    head.json_ld += [
        jsonld.compact(data),
        where.crumbs(("People", "/people/"), (person.name, where.canonical)),
    ]
    return head


def topic(where: Where, topic) -> Head:
    description = _text(topic.description) or f"Publications on {topic.name}"
    head = where.head(topic.name, description=description)
    data = {
        "@context": jsonld.CONTEXT,
        "@type": "CollectionPage",
        "@id": f"{where.canonical}#collection",
        "name": topic.name,
        "url": where.canonical,
        "description": description,
        "about": {"@type": "DefinedTerm", "name": topic.name, "termCode": topic.slug},
        "publisher": where.publisher,
    }
    head.json_ld += [data, where.crumbs(("Topics", "/topics/"), (topic.name, where.canonical))]
    return head


def plain(where: Where, title: str, trail: list[tuple[str, str]] | None = None) -> Head:
    """A page with a title and nothing more to say (the people and topic indexes)."""
    head = where.head(title, description=strip_tags(where.institute.tagline))
    if trail:
        head.json_ld.append(where.crumbs(*trail))
    return head
