"""The head of a publication's page: Highwire (Google Scholar), Dublin Core, Open Graph and
Twitter, and its schema.org description, all read from one ``works.Work``.

Google Scholar's inclusion guidelines shape the ``citation_*`` tags: one page per work,
tags only on that work's own page, one ``citation_author`` per author in the order of the
byline (each followed by that author's institution and ORCID iD), dates as YYYY/MM/DD,
``citation_pdf_url`` only for a PDF a reader can open without signing in, and no tags at all
on what Scholar does not index (blog posts, commentaries: editorials and opinion).
"""

from __future__ import annotations

from imprint.publications.models import PublicationType

from ..works import Creator, Work
from . import jsonld
from .head import DUBLIN_CORE, Head, Image, shorten

SCHOLARLY_KINDS = {
    PublicationType.JOURNAL_ARTICLE,
    PublicationType.POLICY_BRIEF,
    PublicationType.REPORT,
    PublicationType.WORKING_PAPER,
}
REPORT_KINDS = {PublicationType.POLICY_BRIEF, PublicationType.REPORT, PublicationType.WORKING_PAPER}
NOT_AUTHORS = {"editor", "translator"}


def work_head(
    work: Work, *, title: str, site_name: str, publisher: dict, image: Image | None
) -> Head:
    """Every tag of a publication's page."""
    head = Head(
        title=title,
        canonical=work.url,
        description=shorten(work.abstract),
        og_type="article",
        site_name=site_name,
        image=image,
    )
    if work.kind in SCHOLARLY_KINDS:
        highwire(head, work)
    dublin_core(head, work)
    open_graph_article(head, work)
    head.json_ld.append(jsonld.work(work, publisher=publisher, image=image))
    return head


def _authors(work: Work) -> list[Creator]:
    return [c for c in work.creators if c.role.strip().lower() not in NOT_AUTHORS]


def citation_name(person: Creator) -> str:
    """ "Family, Given" where the name splits, else the name as written."""
    return person.name if person.is_literal else f"{person.family}, {person.given}"


def scholar_date(value) -> str:
    return f"{value.year:04d}/{value.month:02d}/{value.day:02d}"


def highwire(head: Head, work: Work) -> None:
    """The ``citation_*`` tags Google Scholar and reference managers (Zotero) read."""
    head.meta_name("citation_title", work.full_title)
    for person in _authors(work):
        head.meta_name("citation_author", citation_name(person))
        head.meta_name("citation_author_institution", person.affiliation)
        head.meta_name("citation_author_orcid", person.orcid_url)
    head.meta_name("citation_publication_date", scholar_date(work.date))
    if work.first_published:
        head.meta_name("citation_online_date", scholar_date(work.first_published))
    if work.kind == PublicationType.JOURNAL_ARTICLE:
        head.meta_name("citation_journal_title", work.container_title)
        for issn in work.issn:
            head.meta_name("citation_issn", issn)
        head.meta_name("citation_volume", work.volume)
        head.meta_name("citation_issue", work.issue)
        head.meta_name("citation_firstpage", work.first_page)
        head.meta_name("citation_lastpage", work.last_page)
    elif work.kind in REPORT_KINDS:
        head.meta_name("citation_technical_report_institution", work.publisher)
        head.meta_name("citation_technical_report_number", work.series_number)
        head.meta_name("citation_series_title", work.series_title)
    head.meta_name("citation_doi", work.doi)
    head.meta_name("citation_pdf_url", work.pdf_url)
    head.meta_name("citation_abstract_html_url", work.url)
    head.meta_name("citation_abstract", work.abstract)
    for keyword in work.keywords:
        head.meta_name("citation_keywords", keyword)
    head.meta_name("citation_language", work.language)
    head.meta_name("citation_publisher", work.publisher)


def dublin_core(head: Head, work: Work) -> None:
    """Dublin Core elements (``DC.*``), declared by the schema.DC link."""
    head.links.append(("schema.DC", DUBLIN_CORE))
    head.meta_name("DC.title", work.full_title)
    for person in work.creators:
        key = "DC.contributor" if person.role.strip().lower() in NOT_AUTHORS else "DC.creator"
        head.meta_name(key, citation_name(person))
    head.meta_name("DC.date", work.date.isoformat())
    head.meta_name("DC.identifier", work.doi_url)
    head.meta_name("DC.publisher", work.publisher)
    head.meta_name("DC.language", work.language)
    for keyword in work.keywords:
        head.meta_name("DC.subject", keyword)
    head.meta_name("DC.type", "Text")
    head.meta_name("DC.description", shorten(work.abstract))


def open_graph_article(head: Head, work: Work) -> None:
    """Open Graph's article properties (the common ones are the template's)."""
    head.meta_property("article:published_time", work.date.isoformat())
    if work.last_modified:
        head.meta_property("article:modified_time", work.last_modified.isoformat())
    for person in _authors(work):
        head.meta_property("article:author", person.url)
    head.meta_property("article:section", work.container_title or work.kind_label)
    for keyword in work.keywords:
        head.meta_property("article:tag", keyword)
