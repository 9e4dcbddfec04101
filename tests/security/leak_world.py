"""A site holding one item of every kind of content a reader must not reach, beside public work.

Every non-public item carries a marker word (in its title, theme, file or image name) that
must never appear in a public response; every item also carries ``SHARED_WORD`` so that a
search for it would find the secrets if anything let them through.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import (
    BaseViewRestriction,
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
)

from imprint.publications.models import PublicationAuthor
from tests import factories as f

SHARED_WORD = "quillwort"
PASSWORD = "open sesame"  # noqa: S105


@dataclass
class LeakWorld:
    public_urls: list[str] = field(default_factory=list)
    markers: dict[str, str] = field(default_factory=dict)  # marker -> kind of content
    closed_documents: dict[str, object] = field(default_factory=dict)  # kind -> document
    open_document: object = None
    pages: dict[str, Page] = field(default_factory=dict)  # kind -> the non-public page


def _document(name: str, collection: Collection | None = None):
    document = get_document_model()(title=name)
    if collection is not None:
        document.collection = collection
    document.file.save(f"{name}.pdf", ContentFile(f.pdf_bytes(name, pages=2)))
    return document


def _image(name: str):
    image = get_image_model()(
        title=name, file=ImageFile(get_test_image_file().file, name=f"{name}.png")
    )
    image.save()
    return image


def _restrict(page: Page, kind: str) -> None:
    restriction_type = {
        "password": BaseViewRestriction.PASSWORD,
        "login": BaseViewRestriction.LOGIN,
    }[kind]
    PageViewRestriction.objects.create(
        page=page, restriction_type=restriction_type, password=PASSWORD
    )


def _publication(world: LeakWorld, parent, kind: str, *, person, topic):
    """A publication marked ``<kind>marker`` with its own PDF, image, author and topic."""
    marker = f"{kind}marker"
    world.markers[marker] = kind
    world.markers[f"{kind}imagemarker"] = kind
    document = _document(f"{kind}pdfmarker")
    world.markers[f"{kind}pdfmarker"] = kind
    world.closed_documents[kind] = document
    page = f.PublicationPageFactory.build(
        title=f"Report {marker}",
        summary=f"<p>{SHARED_WORD} {marker}</p>",
        pdf=document,
        feature_image=_image(f"{kind}imagemarker"),
        publication_date=datetime.date(2025, 5, 2),
    )
    page.authors = [PublicationAuthor(person=person, sort_order=0)]
    page.topics = [topic]
    return page


def _add(page, parent, *, live: bool = True, go_live_at=None):
    page.live = live
    page.go_live_at = go_live_at
    parent.add_child(instance=page)
    revision = page.save_revision()
    if live or go_live_at:
        revision.publish()
    return page


def build() -> LeakWorld:
    home = f.ensure_site_tree()
    publication_index = f.PublicationIndexPageFactory(parent=home)
    journal = f.JournalPageFactory(parent=home)
    world = LeakWorld()
    topic = f.TopicFactory(name="Sanctions")
    person = f.PersonFactory(name="Hana Seo")
    _never_public(world, publication_index, person=person, topic=topic)
    revised = _revised(world, publication_index, person=person, topic=topic)
    control = _control(world, publication_index, person=person, topic=topic)
    _private_collection(world, publication_index)
    _private_menu_pages(world, home)
    issue = _journal(world, journal)
    world.public_urls = [
        "/",
        "/publications/",
        "/publications/?type=policy_brief",
        f"/publications/?topic={topic.slug}",
        f"/publications/?author={person.slug}",
        "/publications/?year=2025",
        f"/search/?q={SHARED_WORD}",
        "/search/?q=page",  # every PDF's text says "page"
        f"/search/?q={SHARED_WORD}&sort=date&type=policy_brief",
        "/search/?type=policy_brief",
        f"/api/search/?q={SHARED_WORD}",
        "/api/search/?q=page",
        "/api/search/suggest/?q=Report",
        "/api/search/openapi.json",
        "/sitemap.xml",
        "/people/",
        f"/people/{person.slug}/",
        "/topics/",
        f"/topics/{topic.slug}/",
        journal.url,
        f"{journal.url}articles/",
        issue.get_parent().url,
        issue.url,
        control.url,
        revised.url,
        "/subscribe/",  # the lists offered: topics, series, blogs, journals
        *_oai_urls(world),
        *_api_urls(topic=topic, person=person, control=control, revised=revised, issue=issue),
        *(f"/cite/publication/{control.pk}/{fmt}/" for fmt in ("bibtex", "ris", "csl-json")),
        *(f"/cite/issue/{issue.pk}/{fmt}/" for fmt in ("bibtex", "ris", "csl-json")),
        *(f"/cite/search/{fmt}/?q={SHARED_WORD}" for fmt in ("bibtex", "ris", "csl-json")),
        f"/cite/search/bibtex/?q={SHARED_WORD}&type=policy_brief&sort=date",
        # Feeds: entries, their authors and categories, their PDFs as enclosures.
        "/feeds/atom.xml",
        "/feeds/rss.xml",
        "/feeds/types/policy_brief/atom.xml",
        f"/feeds/topics/{topic.slug}/rss.xml",
        f"/feeds/people/{person.slug}/atom.xml",
        f"/feeds/journals/{journal.slug}/rss.xml",
    ]
    return world


def _oai_urls(world: LeakWorld) -> list[str]:
    """OAI-PMH: every list in both formats and each non-public page asked for by identifier."""
    lists = [
        f"/oai/?verb={verb}&metadataPrefix={prefix}"
        for verb in ("ListRecords", "ListIdentifiers")
        for prefix in ("oai_dc", "mods")
    ]
    records = [
        f"/oai/?verb=GetRecord&metadataPrefix=mods&identifier=oai:localhost:{page.pk}"
        for page in world.pages.values()
    ]
    return ["/oai/?verb=Identify", "/oai/?verb=ListSets", *lists, *records]


def _api_urls(*, topic, person, control, revised, issue) -> list[str]:
    """Every list and detail of the JSON API, its schema and docs (distribution.api)."""
    return [
        "/api/publications/?page_size=100",
        f"/api/publications/?topic={topic.slug}&page_size=100",
        f"/api/publications/?author={person.slug}&page_size=100",
        "/api/publications/?published_after=2025-01-01&language=en&page_size=100",
        f"/api/publications/{control.pk}/",
        f"/api/publications/{revised.pk}/",
        f"/api/publications/{revised.slug}/",
        "/api/people/?page_size=100",
        "/api/people/?has_publications=true",
        f"/api/people/{person.slug}/",
        "/api/topics/",
        f"/api/topics/{topic.slug}/",
        "/api/series/",
        "/api/issues/?page_size=100",
        f"/api/issues/{issue.pk}/",
        f"/api/issues/?journal={issue.get_parent().get_parent().slug}",
        "/api/documents/?page_size=100",
        f"/api/documents/{control.pdf.pk}/",
        "/api/openapi.json",
        "/api/docs",
    ]


def _never_public(world: LeakWorld, publication_index, *, person, topic) -> None:
    """Draft, scheduled, password, login: pages that never were public."""
    future = timezone.now() + datetime.timedelta(days=3)
    for kind, options in {
        "draft": {"live": False},
        "scheduled": {"live": False, "go_live_at": future},
        "password": {},
        "login": {},
    }.items():
        page = _publication(world, publication_index, kind, person=person, topic=topic)
        _add(page, publication_index, **options)
        if kind in ("password", "login"):
            _restrict(page, kind)
        world.pages[kind] = page


def _revised(world: LeakWorld, publication_index, *, person, topic):
    """A live page whose next revision (not published) brings a new title, PDF and image."""
    revised = f.PublicationPageFactory(parent=publication_index, title="Alliance costs")
    draft = _publication(world, publication_index, "revision", person=person, topic=topic)
    for name in ("title", "summary", "pdf", "feature_image"):
        setattr(revised, name, getattr(draft, name))
    revised.save_revision()
    world.pages["revision"] = revised
    return revised


def _control(world: LeakWorld, publication_index, *, person, topic):
    """The public brief; it names a draft series and a private paper, and must show neither."""
    series = f.SeriesPageFactory.build(title="Series draftseriesmarker")
    _add(series, publication_index, live=False)
    world.markers["draftseriesmarker"] = "draft"
    control = f.PublicationPageFactory(
        parent=publication_index,
        title="Open brief",
        summary=f"<p>{SHARED_WORD} openmarker</p>",
        pdf=_document("openpdf"),
        series=series,
        series_number=1,
        derived_from=world.pages["password"],
        topics=[topic],
        publication_date=datetime.date(2025, 5, 1),
    )
    f.add_authors(control, person)
    world.open_document = control.pdf
    return control


def _private_collection(world: LeakWorld, publication_index) -> None:
    """A live, public page whose PDF sits in a password-protected collection."""
    collection = Collection.get_first_root_node().add_child(name="Board papers")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=BaseViewRestriction.PASSWORD, password=PASSWORD
    )
    document = _document("collectionpdfmarker", collection)
    world.closed_documents["collection"] = document
    f.PublicationPageFactory(parent=publication_index, title="Board minutes", pdf=document)


def _private_menu_pages(world: LeakWorld, home) -> None:
    """Top-level pages shown in menus: a draft, a password-protected and a login-only one."""
    for kind in ("draft", "password", "login"):
        marker = f"menu{kind}marker"
        world.markers[marker] = kind
        page = f.BlogIndexPageFactory.build(title=f"Desk {marker}", slug=marker, show_in_menus=True)
        _add(page, home, live=kind != "draft")
        if kind != "draft":
            _restrict(page, kind)


def _journal(world: LeakWorld, journal):
    """A volume with a public issue beside a draft, a password-protected and a login-only one."""
    volume = f.VolumePageFactory(parent=journal)
    public_issue = f.IssuePageFactory(parent=volume, title="Issue open", theme="Open seas")
    for number, kind in enumerate(("draft", "password", "login"), start=10):
        marker = f"issue{kind}marker"
        world.markers[marker] = kind
        issue = f.IssuePageFactory.build(
            title=f"Issue {marker}", theme=marker, number=number, cover=_image(f"cover{marker}")
        )
        _add(issue, volume, live=kind != "draft")
        if kind != "draft":
            _restrict(issue, kind)
            # A live article inside the private issue: private with it.
            world.markers[f"article{kind}marker"] = kind
            f.ArticlePageFactory(parent=issue, title=f"Article article{kind}marker")
    # A draft article in the public issue: the issue's page and its citations leave it out.
    world.markers["issuearticledraftmarker"] = "draft"
    _add(
        f.ArticlePageFactory.build(title="Article issuearticledraftmarker"),
        public_issue,
        live=False,
    )
    return public_issue
