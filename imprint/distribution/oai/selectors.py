"""What a harvester of a site may see: its public publications and the deletions of those that
were public there. Everything goes through ``publications.selectors.live_in_site``; a deleted
item shows only under the site it was last public in, and only if it ever was public."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from wagtail.models import Site

from imprint.publications.models import PublicationPage, PublicationType
from imprint.publications.selectors import live_in_site

from .models import HarvestItem
from .protocol import Window, spec_lookup, spec_value

SET_KINDS = {
    "type": "Publications by type",
    "topic": "Publications by topic",
    "journal": "Journal articles by journal",
}


def _public(site: Site | None) -> QuerySet[PublicationPage]:
    return live_in_site(PublicationPage.objects.all(), site)


def _journals(site: Site | None):
    from imprint.journal.models import JournalPage

    return live_in_site(JournalPage.objects.all(), site)


def in_set(public: QuerySet[PublicationPage], spec: str, site: Site | None) -> QuerySet | None:
    """The public publications of set ``spec``; None for a set this repository does not have."""
    kind, _, value = spec.partition(":")
    if kind not in SET_KINDS or (not value and ":" in spec):
        return None
    if kind == "type":
        return public.filter(publication_type=value) if value else public
    if kind == "topic" and value:
        lookup = {f"topics__{k}": v for k, v in spec_lookup(value).items()}
        return public.filter(**lookup)
    if kind == "topic":
        return public.filter(topics__isnull=False)
    journals = _journals(site).filter(**spec_lookup(value)) if value else _journals(site)
    paths = list(journals.values_list("path", flat=True))
    if not paths:
        return public.none()
    q = Q()
    for path in paths:
        q |= Q(path__startswith=path)
    return public.filter(q)


def harvest_items(
    *,
    site: Site | None,
    window: Window | None = None,
    set_spec: str = "",
    after: tuple[datetime.datetime, int] | None = None,
) -> QuerySet[HarvestItem] | None:
    """Items of ``site`` in the window and set, after ``after``, in harvest order
    (datestamp, page id). None when the set does not exist."""
    public = _public(site)
    if set_spec:
        public = in_set(public, set_spec, site)
        if public is None:
            return None
    deleted = Q(deleted=True)
    if site is not None:
        deleted &= Q(path__startswith=site.root_page.path)
    if set_spec:
        marker = f" {set_spec} " if ":" in set_spec else f" {set_spec}:"
        deleted &= Q(sets__contains=marker)
    items = HarvestItem.objects.filter(
        Q(deleted=False, page_id__in=public.values("pk").distinct()) | deleted
    )
    if window and window.start:
        items = items.filter(datestamp__gte=window.start)
    if window and window.end:
        items = items.filter(datestamp__lte=window.end)
    if after:
        stamp, page_id = after
        items = items.filter(Q(datestamp__gt=stamp) | Q(datestamp=stamp, page_id__gt=page_id))
    return items.order_by("datestamp", "page_id")


def harvest_item(*, site: Site | None, page_id: int) -> HarvestItem | None:
    """The item ``page_id`` as this site's harvesters see it, or None."""
    items = harvest_items(site=site)
    return items.filter(page_id=page_id).first() if items is not None else None


def earliest_datestamp(*, site: Site | None) -> datetime.datetime | None:
    items = harvest_items(site=site)
    return items.values_list("datestamp", flat=True).first() if items is not None else None


def set_list(*, site: Site | None) -> list[tuple[str, str, str]]:
    """(setSpec, setName, setDescription) of every set: the three kinds, then each type,
    topic and journal that holds at least one public publication of the site."""
    from imprint.topics.models import Topic

    public = _public(site)
    out = [(kind, name, "") for kind, name in SET_KINDS.items()]
    types = set(public.values_list("publication_type", flat=True).distinct())
    out += [
        (f"type:{value}", label, f"Every {label.lower()} the institute published.")
        for value, label in PublicationType.choices
        if value in types
    ]
    topics = Topic.objects.filter(publications__in=public.values("pk")).distinct()
    out += [
        (f"topic:{spec_value(slug, pk)}", name, f"Publications on {name}.")
        for slug, name, pk in topics.order_by("slug").values_list("slug", "name", "pk")
    ]
    for journal in _journals(site).order_by("slug"):
        spec = f"journal:{spec_value(journal.slug, journal.pk)}"
        out.append((spec, journal.title, f"Articles of {journal.title}."))
    return out
