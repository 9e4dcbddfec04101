"""Crossref deposit XML (schema 5.3.1) for journal issues, articles, reports and working papers.

Journal articles go in one ``journal`` element per issue (``journal_metadata``, the issue with
its date, volume, number and DOI, then its articles); reports and policy briefs are
``report-paper``; working papers are ``posted_content`` of type ``working_paper``. Only works
with a DOI are deposited; the others are returned as skipped, with the reason, for the admin to
show. lxml writes the XML, so every text is escaped as XML needs.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from lxml import etree

from imprint.publications.models import PublicationType

from ..works import Creator, Work

SCHEMA_VERSION = "5.3.1"
CROSSREF_NS = f"http://www.crossref.org/schema/{SCHEMA_VERSION}"
JATS_NS = "http://www.ncbi.nlm.nih.gov/JATS1"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{CROSSREF_NS} https://www.crossref.org/schemas/crossref{SCHEMA_VERSION}.xsd"
NSMAP = {None: CROSSREF_NS, "jats": JATS_NS, "xsi": XSI_NS}

# What goes to Crossref as what; blog posts and commentaries are not deposited.
REPORT_KINDS = {PublicationType.REPORT, PublicationType.POLICY_BRIEF}
POSTED_KINDS = {PublicationType.WORKING_PAPER}
ARTICLE_KINDS = {PublicationType.JOURNAL_ARTICLE}


@dataclass(frozen=True)
class Depositor:
    name: str
    email: str
    registrant: str


@dataclass
class Batch:
    """One deposit: its XML, the DOIs it registers and what was left out (title, why)."""

    batch_id: str
    xml: bytes
    dois: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.dois


def depositable(work: Work) -> str:
    """Why ``work`` cannot be deposited, or "" when it can."""
    if not work.doi:
        return "it has no DOI"
    if work.kind not in REPORT_KINDS | POSTED_KINDS | ARTICLE_KINDS:
        kind = work.kind_label.lower()
        return f"deposits cover articles, reports, briefs and working papers, not a {kind}"
    if work.kind in ARTICLE_KINDS and (not work.container_title or work.issue_id is None):
        return "the article is not in a journal issue"
    return ""


def build_batch(
    works: Sequence[Work], *, depositor: Depositor, batch_id: str, timestamp: datetime.datetime
) -> Batch:
    """The deposit of ``works`` (those that can be deposited), as UTF-8 XML."""
    batch = Batch(batch_id=batch_id, xml=b"")
    chosen = []
    for work in works:
        why = depositable(work)
        if why:
            batch.skipped.append((work.title, why))
        else:
            chosen.append(work)
    root = etree.Element(_cr("doi_batch"), nsmap=NSMAP, version=SCHEMA_VERSION)
    root.set(f"{{{XSI_NS}}}schemaLocation", SCHEMA_LOCATION)
    root.append(_head(depositor, batch_id, timestamp))
    body = _sub(root, "body")
    for issue_works in _by_issue([w for w in chosen if w.kind in ARTICLE_KINDS]):
        body.append(_journal(issue_works))
    for work in chosen:
        if work.kind in REPORT_KINDS:
            body.append(_report(work))
        elif work.kind in POSTED_KINDS:
            body.append(_posted(work))
    batch.dois = [w.doi for w in chosen]
    batch.dois += list(dict.fromkeys(w.issue_doi for w in chosen if w.issue_doi))
    batch.xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return batch


def timestamp_value(moment: datetime.datetime) -> str:
    """Crossref's timestamp: digits that grow with every deposit of the same DOI."""
    return moment.astimezone(datetime.UTC).strftime("%Y%m%d%H%M%S%f")[:17]


# --- elements -------------------------------------------------------------------------------


def _cr(tag: str) -> str:
    return f"{{{CROSSREF_NS}}}{tag}"


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs) -> etree._Element:
    element = etree.SubElement(parent, _cr(tag), attrs)
    if text is not None:
        element.text = _clean(text)
    return element


def _clean(text: str) -> str:
    # XML 1.0 allows no control characters but tab and line breaks; lxml would refuse them.
    return "".join(c for c in str(text) if c in "\t\n\r" or ord(c) >= 0x20)


def _head(depositor: Depositor, batch_id: str, timestamp: datetime.datetime) -> etree._Element:
    head = etree.Element(_cr("head"))
    _sub(head, "doi_batch_id", batch_id)
    _sub(head, "timestamp", timestamp_value(timestamp))
    who = _sub(head, "depositor")
    _sub(who, "depositor_name", depositor.name)
    _sub(who, "email_address", depositor.email)
    _sub(head, "registrant", depositor.registrant)
    return head


def _by_issue(works: list[Work]) -> list[list[Work]]:
    groups: dict[int, list[Work]] = {}
    for work in works:
        groups.setdefault(work.issue_id, []).append(work)
    return list(groups.values())


def _journal(works: list[Work]) -> etree._Element:
    first = works[0]
    journal = etree.Element(_cr("journal"))
    metadata = _sub(journal, "journal_metadata", language=first.language or "en")
    _sub(metadata, "full_title", first.container_title)
    for issn, media in zip(first.issn, ("print", "electronic"), strict=False):
        _sub(metadata, "issn", issn, media_type=media)
    issue = _sub(journal, "journal_issue")
    _date(issue, "publication_date", first.issue_date or first.date)
    if first.volume:
        _sub(_sub(issue, "journal_volume"), "volume", first.volume)
    if first.issue:
        _sub(issue, "issue", first.issue)
    if first.issue_doi:
        _doi_data(issue, first.issue_doi, first.issue_url)
    for work in works:
        journal.append(_article(work))
    return journal


def _article(work: Work) -> etree._Element:
    article = etree.Element(
        _cr("journal_article"), publication_type="full_text", language=work.language or "en"
    )
    _titles(article, work)
    _contributors(article, work.creators)
    _abstract(article, work)
    _date(article, "publication_date", work.date)
    if work.first_page:
        pages = _sub(article, "pages")
        _sub(pages, "first_page", str(work.first_page))
        if work.last_page and work.last_page != work.first_page:
            _sub(pages, "last_page", str(work.last_page))
    _doi_data(article, work.doi, work.url)
    return article


def _report(work: Work) -> etree._Element:
    report = etree.Element(_cr("report-paper"))
    metadata = _sub(report, "report-paper_metadata", language=work.language or "en")
    _contributors(metadata, work.creators)
    _titles(metadata, work)
    _date(metadata, "publication_date", work.date)
    publisher = _sub(metadata, "publisher")
    _sub(publisher, "publisher_name", work.publisher)
    if work.publisher_place:
        _sub(publisher, "publisher_place", work.publisher_place)
    _sub(_sub(metadata, "institution"), "institution_name", work.publisher)
    _doi_data(metadata, work.doi, work.url)
    return report


def _posted(work: Work) -> etree._Element:
    posted = etree.Element(
        _cr("posted_content"), type="working_paper", language=work.language or "en"
    )
    _contributors(posted, work.creators)
    _titles(posted, work)
    _date(posted, "posted_date", work.date, media_type=None)
    _sub(_sub(posted, "institution"), "institution_name", work.publisher)
    _abstract(posted, work)
    _doi_data(posted, work.doi, work.url)
    return posted


def _titles(parent: etree._Element, work: Work) -> None:
    titles = _sub(parent, "titles")
    _sub(titles, "title", work.title)
    if work.subtitle:
        _sub(titles, "subtitle", work.subtitle)


def _contributors(parent: etree._Element, creators: Sequence[Creator]) -> None:
    if not creators:
        return
    contributors = _sub(parent, "contributors")
    authors_seen = False
    for creator in creators:
        role = (
            creator.role.lower() if creator.role.lower() in {"editor", "translator"} else "author"
        )
        sequence = "additional" if authors_seen else "first"
        authors_seen = True
        person = _sub(contributors, "person_name", sequence=sequence, contributor_role=role)
        if creator.given:
            _sub(person, "given_name", creator.given)
        # A name that cannot be split (김민준, a mononym) is Crossref's surname alone.
        _sub(person, "surname", creator.family or creator.name)
        if creator.affiliation:
            institution = _sub(_sub(person, "affiliations"), "institution")
            _sub(institution, "institution_name", creator.affiliation)
        if creator.orcid:
            _sub(person, "ORCID", creator.orcid_url, authenticated="false")


def _abstract(parent: etree._Element, work: Work) -> None:
    if work.abstract:
        abstract = etree.SubElement(parent, f"{{{JATS_NS}}}abstract")
        etree.SubElement(abstract, f"{{{JATS_NS}}}p").text = _clean(work.abstract)


def _date(
    parent: etree._Element, tag: str, day: datetime.date, media_type: str | None = "online"
) -> None:
    attrs = {"media_type": media_type} if media_type else {}
    element = _sub(parent, tag, **attrs)
    _sub(element, "month", f"{day.month:02d}")
    _sub(element, "day", f"{day.day:02d}")
    _sub(element, "year", str(day.year))


def _doi_data(parent: etree._Element, doi: str, url: str) -> None:
    data = _sub(parent, "doi_data")
    _sub(data, "doi", doi)
    _sub(data, "resource", url)
