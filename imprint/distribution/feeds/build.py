"""Atom 1.0 and RSS 2.0 documents from descriptions of publications (``works.Work``), with
feedgen. Every string is cleaned of what XML 1.0 forbids first: an editor's pasted control
character must not turn the whole feed into something feed readers refuse."""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.utils import timezone
from django.utils.html import escape
from feedgen.entry import FeedEntry
from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from imprint.distribution.works import Work

# Characters XML 1.0 allows (https://www.w3.org/TR/xml/#charsets); everything else goes,
# lone surrogates included (they cannot be encoded in UTF-8 at all).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
CONTRIBUTOR_ROLES = {"editor", "translator"}
FORMATS = {"atom": "application/atom+xml", "rss": "application/rss+xml"}


def xml_text(value: object) -> str:
    """``value`` as text XML 1.0 can carry (markup and ``]]>`` are escaped by the writer)."""
    return _NOT_XML.sub("", str(value or ""))


@dataclass(frozen=True)
class FeedInfo:
    """The feed itself: what it is called and where it and the page it follows live."""

    title: str
    subtitle: str
    feed_url: str  # absolute; also the feed's id
    html_url: str  # absolute
    language: str
    publisher: str
    root_url: str  # the site's, for category schemes and tag URIs


def render(info: FeedInfo, works: Sequence[Work], *, fmt: str) -> bytes:
    """The feed document, UTF-8 encoded; entries in the order given (newest first)."""
    generator = _generator(info, works)
    for work in works:
        _entry(generator.add_entry(order="append"), work, info)
    if fmt == "rss":
        return generator.rss_str(pretty=True)
    return generator.atom_str(pretty=True)


def feed_updated(works: Sequence[Work]) -> datetime.datetime | None:
    """When the newest change to any entry was published (the feed's ``updated``)."""
    return max((entry_dates(w)[1] for w in works), default=None)


def entry_dates(work: Work) -> tuple[datetime.datetime, datetime.datetime]:
    """(published, updated). Published is the date readers see, at the moment the page first
    went live when that was on the same day (else midnight in the site's time zone); updated
    is the last publication of a change, never before published."""
    first = work.first_published
    if first is not None and timezone.localdate(first) == work.date:
        published = first
    else:
        midnight = datetime.datetime.combine(work.date, datetime.time())
        published = timezone.make_aware(midnight)
    updated = max(published, work.last_modified or published)
    return published, updated


def _generator(info: FeedInfo, works: Sequence[Work]) -> FeedGenerator:
    generator = FeedGenerator()
    # Dublin Core says in RSS what Atom says itself (authors, language): RSS only.
    generator.load_extension("dc", atom=False)
    generator.register_extension("imprint", BaseExtension, _AtomEntryDetails, rss=False)
    generator.id(xml_text(info.feed_url))
    generator.title(xml_text(info.title))
    generator.subtitle(xml_text(info.subtitle) or xml_text(info.title))  # RSS needs one
    generator.link(href=info.feed_url, rel="self")
    generator.link(href=info.html_url, rel="alternate", type="text/html")  # RSS takes the last
    generator.language(info.language)
    generator.author({"name": xml_text(info.publisher), "uri": info.root_url})
    generator.generator("Imprint")
    generator.updated(feed_updated(works) or timezone.now())
    generator.lastBuildDate(feed_updated(works) or timezone.now())
    return generator


def _entry(entry: FeedEntry, work: Work, info: FeedInfo) -> None:
    published, updated = entry_dates(work)
    entry.id(tag_uri(work, info.root_url))
    entry.title(xml_text(work.full_title) or f"Untitled {work.kind_label.lower()}")
    entry.link(href=work.url, rel="alternate", type="text/html", hreflang=work.language)
    entry.published(published)
    entry.updated(updated)
    for creator in work.creators:
        person = {"name": xml_text(creator.name) or "Anonymous", "uri": creator.url}
        if creator.role.lower() in CONTRIBUTOR_ROLES:
            entry.contributor(person)
            entry.dc.dc_contributor(person["name"])
        else:
            entry.author(person)
            entry.dc.dc_creator(person["name"])  # RSS's own author needs an email address
    for slug, name in work.topics:
        entry.category(term=xml_text(slug), label=xml_text(name), scheme=f"{info.root_url}/topics/")
    entry.category(
        term=work.kind, label=work.kind_label, scheme=f"{info.root_url}/publications/?type="
    )
    if work.abstract:
        # Escaped HTML, not text: RSS readers read a description as HTML, so a "<" an author
        # wrote must arrive as "&lt;" to be shown rather than taken for markup.
        entry.summary(escape(xml_text(work.abstract)), type="html")
    if work.pdf_url:  # only when readers may open it (works.describe decides)
        entry.enclosure(work.pdf_url, work.pdf_size or 0, "application/pdf")
    entry.dc.dc_language(work.language)
    if work.doi:
        entry.link(href=work.doi_url, rel="related", title="DOI")
        entry.dc.dc_identifier(f"doi:{xml_text(work.doi)}")
    entry.imprint.links = list(entry.link())
    entry.imprint.language = work.language


class _AtomEntryDetails(BaseEntryExtension):
    """The entry's language (``xml:lang``), and rel, type, hreflang and length put back on its
    links: feedgen 1.0 writes them as bare ``<link href>`` (it reads the attributes from the
    element it has just made), leaving readers unable to tell the page from the PDF."""

    links: list[dict] = []
    language = ""

    def extend_atom(self, entry):
        if self.language:
            entry.set("{http://www.w3.org/XML/1998/namespace}lang", self.language)
        elements = [e for e in entry if etree.QName(e).localname == "link"]
        for element, link in zip(elements, self.links, strict=False):
            for name in ("rel", "type", "hreflang", "title", "length"):
                if link.get(name):
                    element.set(name, str(link[name]))
        return entry


def tag_uri(work: Work, root_url: str) -> str:
    """A tag URI (RFC 4151) that survives moves, renames and new slugs: the site's host, the
    year the page first went live and its id. ``tag:example.org,2025:publication-42``."""
    host = urlsplit(work.url).hostname or urlsplit(root_url).hostname or "localhost"
    first = work.first_published
    year = first.year if first is not None else work.date.year
    return f"tag:{host},{year}:publication-{work.page_id}"
