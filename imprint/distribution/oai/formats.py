"""The metadata formats: ``oai_dc`` (every OAI-PMH repository must offer it) and ``mods``.

Why MODS rather than JATS front matter: most of what Imprint publishes is not a journal
article (briefs, reports, working papers, commentaries, blog posts), and JATS describes journal
articles. MODS describes every genre alike and still says all a journal article needs: the host
journal with its ISSN, volume, issue and pages (``relatedItem type="host"``), the series and its
number (``relatedItem type="series"``), authors with their affiliation and ORCID iD
(``nameIdentifier``), the DOI; and the library catalogues that harvest institutional
repositories read it.

Both are built from ``distribution.works.Work``, the one description every channel shares.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from imprint.distribution.works import Creator, Work

XSI = "http://www.w3.org/2001/XMLSchema-instance"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
MODS = "http://www.loc.gov/mods/v3"
# Characters XML 1.0 cannot hold: an editor's stray control character must not break a harvest.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: object) -> str:
    return _NOT_XML.sub("", str(text))


@dataclass(frozen=True)
class Format:
    prefix: str
    schema: str
    namespace: str
    build: Callable[[Work], etree._Element]


def sub(parent: etree._Element, tag: str, text: object = "", **attrib: str) -> etree._Element:
    element = etree.SubElement(parent, tag, attrib)
    if text not in ("", None):
        element.text = clean(text)
    return element


def _dc_name(creator: Creator) -> str:
    return creator.name if creator.is_literal else f"{creator.family}, {creator.given}"


def _is_author(creator: Creator) -> bool:
    return creator.role.lower() not in {"editor", "translator"}


def _source(work: Work) -> str:
    """ "Journal of Pacific Affairs, vol. 3, no. 2, pp. 12-30": where an article appeared."""
    parts = [work.container_title]
    parts += [f"vol. {work.volume}"] if work.volume else []
    parts += [f"no. {work.issue}"] if work.issue else []
    parts += [f"pp. {work.pages}"] if work.pages else []
    return ", ".join(p for p in parts if p) if work.container_title else ""


def oai_dc(work: Work) -> etree._Element:
    """Simple Dublin Core, as the OAI-PMH's section 5 and its oai_dc schema say."""
    root = etree.Element(f"{{{OAI_DC}}}dc", nsmap={"oai_dc": OAI_DC, "dc": DC, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{OAI_DC} {OAI_DC_FORMAT.schema}")

    def dc(name: str, value: object) -> None:
        if value:
            sub(root, f"{{{DC}}}{name}", value)

    dc("title", work.full_title)
    for creator in work.creators:
        dc("creator" if _is_author(creator) else "contributor", _dc_name(creator))
    for keyword in work.keywords:
        dc("subject", keyword)
    dc("description", work.abstract)
    dc("publisher", work.publisher)
    dc("date", work.date.isoformat())
    dc("type", "Text")
    dc("type", work.kind_label)
    dc("format", "text/html")
    if work.pdf_url:
        dc("format", "application/pdf")
    dc("identifier", work.url)
    dc("identifier", work.doi_url)
    dc("identifier", work.pdf_url)
    dc("source", _source(work))
    dc("language", work.language)
    if work.series_title:
        number = f" {work.series_number}" if work.series_number else ""
        dc("relation", f"{work.series_title}{number}")
    dc("relation", work.container_url)
    return root


def mods(work: Work) -> etree._Element:
    """MODS 3.7: the same work with its structure kept (names, host, series, identifiers)."""
    m = f"{{{MODS}}}"
    root = etree.Element(f"{m}mods", nsmap={None: MODS, "xsi": XSI}, version="3.7")
    root.set(f"{{{XSI}}}schemaLocation", f"{MODS} {MODS_FORMAT.schema}")
    title = sub(root, f"{m}titleInfo")
    sub(title, f"{m}title", work.title)
    if work.subtitle:
        sub(title, f"{m}subTitle", work.subtitle)
    for creator in work.creators:
        _mods_name(root, creator)
    sub(root, f"{m}typeOfResource", "text")
    sub(root, f"{m}genre", work.kind_label, authority="local")
    origin = sub(root, f"{m}originInfo")
    sub(origin, f"{m}publisher", work.publisher)
    sub(origin, f"{m}dateIssued", work.date.isoformat(), encoding="w3cdtf", keyDate="yes")
    language = sub(root, f"{m}language")
    sub(language, f"{m}languageTerm", work.language, type="code", authority="rfc5646")
    physical = sub(root, f"{m}physicalDescription")
    sub(physical, f"{m}internetMediaType", "text/html")
    if work.pdf_url:
        sub(physical, f"{m}internetMediaType", "application/pdf")
        if work.pdf_pages:
            sub(physical, f"{m}extent", f"{work.pdf_pages} pages")
    if work.abstract:
        sub(root, f"{m}abstract", work.abstract)
    for keyword in work.keywords:
        sub(sub(root, f"{m}subject"), f"{m}topic", keyword)
    _mods_host(root, work)
    if work.series_title:
        series = sub(sub(root, f"{m}relatedItem", type="series"), f"{m}titleInfo")
        sub(series, f"{m}title", work.series_title)
        if work.series_number:
            sub(series, f"{m}partNumber", work.series_number)
    if work.doi:
        sub(root, f"{m}identifier", work.doi, type="doi")
    sub(root, f"{m}identifier", work.url, type="uri")
    location = sub(root, f"{m}location")
    sub(location, f"{m}url", work.url, usage="primary display", access="object in context")
    if work.pdf_url:
        sub(location, f"{m}url", work.pdf_url, access="raw object")
    return root


def _mods_name(root: etree._Element, creator: Creator) -> None:
    m = f"{{{MODS}}}"
    name = sub(root, f"{m}name", type="personal")
    if creator.is_literal:
        sub(name, f"{m}namePart", creator.name)
    else:
        sub(name, f"{m}namePart", creator.given, type="given")
        sub(name, f"{m}namePart", creator.family, type="family")
    if creator.orcid:
        sub(name, f"{m}nameIdentifier", creator.orcid_url, type="orcid")
    sub(name, f"{m}displayForm", creator.name)
    if creator.affiliation:
        sub(name, f"{m}affiliation", creator.affiliation)
    role = sub(name, f"{m}role")
    term = creator.role.lower() if creator.role and not _is_author(creator) else "author"
    sub(role, f"{m}roleTerm", term, type="text", authority="marcrelator")


def _mods_host(root: etree._Element, work: Work) -> None:
    """The journal (with volume, issue, pages) or the blog the work appeared in."""
    if not work.container_title:
        return
    m = f"{{{MODS}}}"
    host = sub(root, f"{m}relatedItem", type="host")
    sub(sub(host, f"{m}titleInfo"), f"{m}title", work.container_title)
    for issn in work.issn:
        sub(host, f"{m}identifier", issn, type="issn")
    if work.container_url:
        sub(sub(host, f"{m}location"), f"{m}url", work.container_url)
    if not (work.volume or work.issue or work.first_page):
        return
    part = sub(host, f"{m}part")
    for kind, number in (("volume", work.volume), ("issue", work.issue)):
        if number:
            detail = sub(part, f"{m}detail", type=kind)
            sub(detail, f"{m}number", number)
            if kind == "issue" and work.issue_title:
                sub(detail, f"{m}title", work.issue_title)
    if work.first_page:
        extent = sub(part, f"{m}extent", unit="pages")
        sub(extent, f"{m}start", work.first_page)
        if work.last_page:
            sub(extent, f"{m}end", work.last_page)


OAI_DC_FORMAT = Format("oai_dc", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd", OAI_DC, oai_dc)
MODS_FORMAT = Format("mods", "http://www.loc.gov/standards/mods/v3/mods-3-7.xsd", MODS, mods)
FORMATS = {f.prefix: f for f in (OAI_DC_FORMAT, MODS_FORMAT)}
