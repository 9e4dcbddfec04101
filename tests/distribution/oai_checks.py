"""What every OAI-PMH answer must look like, checked with lxml element by element (the
protocol's XML schemas cannot be fetched here), and golden files made comparable."""

from __future__ import annotations

import os
import re
from pathlib import Path

from lxml import etree

OAI = "http://www.openarchives.org/OAI/2.0/"
DC = "http://purl.org/dc/elements/1.1/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
MODS = "http://www.loc.gov/mods/v3"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
GOLDEN = Path(__file__).parent / "golden" / "oai"

UTC_SECONDS = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
SET_SPEC = re.compile(r"[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*")
IDENTIFIER = re.compile(r"oai:[a-zA-Z][a-zA-Z0-9\-.]*:\d+")
ERRORS = {
    "badArgument",
    "badResumptionToken",
    "badVerb",
    "cannotDisseminateFormat",
    "idDoesNotExist",
    "noRecordsMatch",
    "noMetadataFormats",
    "noSetHierarchy",
}
DC_ELEMENTS = {
    "title", "creator", "subject", "description", "publisher", "contributor", "date", "type",
    "format", "identifier", "source", "language", "relation", "coverage", "rights",
}  # fmt: skip
IDENTIFY = [
    "repositoryName",
    "baseURL",
    "protocolVersion",
    "adminEmail",
    "earliestDatestamp",
    "deletedRecord",
    "granularity",
]


def q(name: str, namespace: str = OAI) -> str:
    return f"{{{namespace}}}{name}"


def local(element: etree._Element) -> str:
    return etree.QName(element).localname


def check(body: bytes) -> etree._Element:
    """Parse an answer and check its structure against the protocol; returns the root."""
    root = etree.fromstring(body)
    assert root.tag == q("OAI-PMH")
    assert root.get(q("schemaLocation", XSI)) == f"{OAI} {OAI}OAI-PMH.xsd"
    children = list(root)
    assert [local(c) for c in children[:2]] == ["responseDate", "request"]
    assert UTC_SECONDS.fullmatch(children[0].text)
    assert children[1].text.startswith("http") and children[1].text.endswith("/oai/")
    rest = children[2:]
    if rest and local(rest[0]) == "error":
        assert all(local(e) == "error" and e.get("code") in ERRORS for e in rest)
        return root
    assert len(rest) == 1, [local(e) for e in rest]
    verb = rest[0]
    assert children[1].get("verb") == local(verb)
    CHECKS[local(verb)](verb)
    return root


def _identify(verb: etree._Element) -> None:
    names = [local(e) for e in verb]
    assert names[: len(IDENTIFY)] == IDENTIFY
    assert set(names[len(IDENTIFY) :]) <= {"compression", "description"}
    assert verb.findtext(q("protocolVersion")) == "2.0"
    assert verb.findtext(q("deletedRecord")) == "persistent"
    assert UTC_SECONDS.fullmatch(verb.findtext(q("earliestDatestamp")))


def _formats(verb: etree._Element) -> None:
    assert len(verb) >= 1
    for fmt in verb:
        assert [local(e) for e in fmt] == ["metadataPrefix", "schema", "metadataNamespace"]


def _sets(verb: etree._Element) -> None:
    assert len(verb) >= 1
    for element in verb:
        if local(element) == "resumptionToken":
            continue
        names = [local(e) for e in element]
        assert names[:2] == ["setSpec", "setName"] and set(names[2:]) <= {"setDescription"}
        assert SET_SPEC.fullmatch(element.findtext(q("setSpec")))


def _header(header: etree._Element) -> None:
    assert local(header) == "header"
    assert header.get("status") in (None, "deleted")
    names = [local(e) for e in header]
    assert names[:2] == ["identifier", "datestamp"] and set(names[2:]) <= {"setSpec"}
    assert IDENTIFIER.fullmatch(header.findtext(q("identifier")))
    assert UTC_SECONDS.fullmatch(header.findtext(q("datestamp")))
    for spec in header.findall(q("setSpec")):
        assert SET_SPEC.fullmatch(spec.text)


def _record(record: etree._Element) -> None:
    header, *rest = list(record)
    _header(header)
    if header.get("status") == "deleted":
        assert rest == []
        return
    assert [local(e) for e in rest] == ["metadata"] and len(rest[0]) == 1
    metadata = rest[0][0]
    if metadata.tag == q("dc", OAI_DC):
        assert {e.tag for e in metadata} <= {q(name, DC) for name in DC_ELEMENTS}
        assert metadata.find(q("title", DC)) is not None
    else:
        assert metadata.tag == q("mods", MODS) and metadata.get("version") == "3.7"
        assert metadata.findtext(f"{q('titleInfo', MODS)}/{q('title', MODS)}")


def _token(token: etree._Element) -> None:
    assert int(token.get("cursor")) >= 0 and int(token.get("completeListSize")) >= 0
    if token.text:
        assert UTC_SECONDS.fullmatch(token.get("expirationDate"))


def _list(kind):
    def checker(verb: etree._Element) -> None:
        items = list(verb)
        if items and local(items[-1]) == "resumptionToken":
            _token(items.pop())
        assert items, "a list holds at least one item"
        for item in items:
            kind(item)

    return checker


CHECKS = {
    "Identify": _identify,
    "ListMetadataFormats": _formats,
    "ListSets": _sets,
    "GetRecord": _list(_record),
    "ListIdentifiers": _list(_header),
    "ListRecords": _list(_record),
}


def error_code(body: bytes) -> str | None:
    error = check(body).find(q("error"))
    return None if error is None else error.get("code")


def normalised(body: bytes) -> str:
    """The answer with what differs from run to run made constant: page ids (PostgreSQL's
    sequences are not rolled back) and resumption tokens (signed with the key)."""
    text = body.decode()
    ids: dict[str, str] = {}

    def page_id(match: re.Match) -> str:
        return f"{match[1]}{ids.setdefault(match[2], f'ID{len(ids) + 1}')}"

    text = re.sub(r"(oai:[\w.\-]+:)(\d+)", page_id, text)
    return re.sub(r"(<resumptionToken[^>]*>)[^<]+(</resumptionToken>)", r"\1TOKEN\2", text)


def assert_golden(name: str, body: bytes) -> None:
    """Compare with ``golden/oai/<name>.xml``; ``IMPRINT_UPDATE_GOLDEN=1`` writes it anew."""
    path = GOLDEN / f"{name}.xml"
    text = normalised(body)
    if os.environ.get("IMPRINT_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    assert text == path.read_text(), f"{name}: the answer differs from {path}"
