"""Who may read a document: the embargo rule, in one place.

A document is open to a reader when a live page that the reader may see uses it (a PDF field
or a link in its live content), or when a snippet uses it (people and topics are public).
Anything else is closed: a PDF attached to a draft, a scheduled page, a private page or only
to an unpublished revision stays closed until its page goes live, then opens by itself.
Collections with view restrictions are checked by Wagtail's own hook before ours.
People who can use the admin always may (they preview drafts with their PDFs).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import HttpRequest
from wagtail.documents import get_document_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    ReferenceIndex,
    get_page_models,
)


@cache
def _document_fields() -> tuple[tuple[type[Page], str], ...]:
    """(page model, field name) for each page foreign key to the document model.

    Only the model that declares the field is listed, so an inherited field is queried once.
    """
    document_model = get_document_model()
    return tuple(
        (model, f.name)
        for model in get_page_models()
        for f in model._meta.local_concrete_fields
        if isinstance(f, models.ForeignKey) and f.related_model is document_model
    )


def _referencing(document) -> tuple[set[int], bool]:
    """Pages that link the document from their stored content, and whether anything else does."""
    refs = ReferenceIndex.get_references_to(document).values_list(
        "base_content_type_id", "object_id"
    )
    page_type = ContentType.objects.get_for_model(Page).pk
    page_ids: set[int] = set()
    other = False
    for base_type, object_id in refs:
        if base_type == page_type:
            page_ids.add(int(object_id))
        else:
            other = True
    return page_ids, other


def pages_using(document, *, live_only: bool = True, linked: set[int] | None = None) -> list[Page]:
    """Pages whose stored content uses the document: live ones, or all of them.

    ``linked``: the page ids from the reference index, when the caller has read them already.
    """
    ids = set(_referencing(document)[0] if linked is None else linked)
    for model, name in _document_fields():
        ids.update(model.objects.filter(**{name: document}).values_list("pk", flat=True))
    pages = Page.objects.filter(pk__in=ids)
    return list(pages.live() if live_only else pages)


def _page_open_to(page: Page, request: HttpRequest | None) -> bool:
    restrictions = page.get_view_restrictions()
    if request is None:
        return not restrictions.exists()
    return all(r.accept_request(request) for r in restrictions)


def document_is_open(document, request: HttpRequest | None = None) -> bool:
    """Whether the document may be served (to ``request``'s reader, or to anyone if None)."""
    linked, used_by_snippet = _referencing(document)
    if used_by_snippet:
        return True
    pages = pages_using(document, linked=linked)
    return any(_page_open_to(page, request) for page in pages)


def private_collection_ids() -> set[int]:
    """Collections with a view restriction, and every collection below them."""
    paths = list(CollectionViewRestriction.objects.values_list("collection__path", flat=True))
    if not paths:
        return set()
    return {
        pk
        for pk, path in Collection.objects.values_list("pk", "path")
        if any(path.startswith(p) for p in paths)
    }


def can_preview(request: HttpRequest) -> bool:
    """Admin users see every document: they preview drafts with their PDFs."""
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated and user.has_perm("wagtailadmin.access_admin"))


def may_read(document, request: HttpRequest) -> bool:
    """The whole rule for one request: collection restrictions, then the embargo."""
    if can_preview(request):
        return True
    collection_ok = all(
        r.accept_request(request) for r in document.collection.get_view_restrictions()
    )
    return collection_ok and document_is_open(document, request)


@dataclass
class DocumentState:
    """What editors see about a document's availability."""

    is_open: bool
    summary: str
    pages: list[Page] = field(default_factory=list)


def document_state(document) -> DocumentState:
    """Open or closed to readers, and why, for the admin."""
    if document.collection.get_view_restrictions().exists():
        return DocumentState(False, "Private collection: only readers who pass its restriction.")
    if document_is_open(document):
        pages = [p for p in pages_using(document) if _page_open_to(p, None)]
        return DocumentState(True, "Open to readers: a live, public page uses it.", pages)
    pages = pages_using(document, live_only=False)
    if pages:
        return DocumentState(
            False,
            "Closed to readers until one of these pages is live and public "
            "(drafts, scheduled and private pages keep it closed).",
            pages,
        )
    return DocumentState(False, "Closed to readers: no live page uses it yet.")
