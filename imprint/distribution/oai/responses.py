"""The six verbs' answers, as lxml elements inside the OAI-PMH envelope."""

from __future__ import annotations

import re
from email.utils import parseaddr

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from lxml import etree
from wagtail.models import Site

from imprint.core.models import InstituteSettings
from imprint.distribution.works import describe_many
from imprint.publications.models import PublicationPage

from . import selectors
from .formats import FORMATS, XSI, clean, sub
from .models import HarvestItem
from .protocol import (
    OaiError,
    OaiRequest,
    Position,
    datestamp,
    token_dump,
    token_lifetime,
    token_load,
)
from .protocol import window as parse_window
from .services import item_sets

OAI = "http://www.openarchives.org/OAI/2.0/"
O = f"{{{OAI}}}"  # noqa: E741 (lxml's Clark notation for the namespace, as in the spec)
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
OAI_ID = "http://www.openarchives.org/OAI/2.0/oai-identifier"
# The oai-identifier schema's repositoryIdentifier: a domain name (not an IP address).
DOMAIN = re.compile(r"[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+")


class Harvest:
    """One request on one site: ``answer()`` gives the whole OAI-PMH document."""

    def __init__(self, request: HttpRequest, base_url: str) -> None:
        self.request = request
        self.base_url = base_url
        self.site = Site.find_for_request(request)
        # The site's own name, not the host asked for: identifiers stay the same whichever
        # alias of the site a harvester uses.
        self.host = self.site.hostname if self.site else request.get_host().partition(":")[0]
        self.now = timezone.now()

    def answer(self, oai: OaiRequest | None, error: OaiError | None) -> etree._Element:
        root = etree.Element(f"{O}OAI-PMH", nsmap={None: OAI, "xsi": XSI})
        root.set(f"{{{XSI}}}schemaLocation", f"{OAI} {OAI_SCHEMA}")
        sub(root, f"{O}responseDate", datestamp(self.now))
        request = sub(root, f"{O}request", self.base_url)
        if error is None and oai is not None:
            try:
                body = getattr(self, oai.verb)(oai.arguments)
            except OaiError as raised:
                error = raised
        if error is not None:
            if oai is not None and not error.hides_request:
                _echo(request, oai)
            sub(root, f"{O}error", error.message, code=error.code)
            return root
        _echo(request, oai)
        root.append(body)
        return root

    # -- the verbs ------------------------------------------------------------------------

    def Identify(self, arguments: dict) -> etree._Element:  # noqa: N802 (the verb's name)
        institute = InstituteSettings.for_site(self.site) if self.site else None
        body = etree.Element(f"{O}Identify")
        sub(body, f"{O}repositoryName", institute.name if institute else settings.WAGTAIL_SITE_NAME)
        sub(body, f"{O}baseURL", self.base_url)
        sub(body, f"{O}protocolVersion", "2.0")
        sub(body, f"{O}adminEmail", self._admin_email(institute))
        earliest = selectors.earliest_datestamp(site=self.site) or self.now
        sub(body, f"{O}earliestDatestamp", datestamp(earliest))
        sub(body, f"{O}deletedRecord", "persistent")
        sub(body, f"{O}granularity", "YYYY-MM-DDThh:mm:ssZ")
        if DOMAIN.fullmatch(self.host):
            self._oai_identifier(sub(body, f"{O}description"))
        return body

    def ListMetadataFormats(self, arguments: dict) -> etree._Element:  # noqa: N802
        if "identifier" in arguments:
            self._item(arguments["identifier"])  # idDoesNotExist when unknown here
        body = etree.Element(f"{O}ListMetadataFormats")
        for fmt in FORMATS.values():
            element = sub(body, f"{O}metadataFormat")
            sub(element, f"{O}metadataPrefix", fmt.prefix)
            sub(element, f"{O}schema", fmt.schema)
            sub(element, f"{O}metadataNamespace", fmt.namespace)
        return body

    def ListSets(self, arguments: dict) -> etree._Element:  # noqa: N802
        if "resumptionToken" in arguments:
            raise OaiError("badResumptionToken", "The set list comes whole: it has no tokens.")
        body = etree.Element(f"{O}ListSets")
        for spec, name, description in selectors.set_list(site=self.site):
            element = sub(body, f"{O}set")
            sub(element, f"{O}setSpec", spec)
            sub(element, f"{O}setName", name)
            if description:
                self._set_description(sub(element, f"{O}setDescription"), description)
        return body

    def GetRecord(self, arguments: dict) -> etree._Element:  # noqa: N802
        fmt = _format(arguments["metadataPrefix"])
        item = self._item(arguments["identifier"])
        body = etree.Element(f"{O}GetRecord")
        for element in self._records([item], fmt, with_metadata=True):
            body.append(element)
        return body

    def ListIdentifiers(self, arguments: dict) -> etree._Element:  # noqa: N802
        return self._list("ListIdentifiers", arguments, with_metadata=False)

    def ListRecords(self, arguments: dict) -> etree._Element:  # noqa: N802
        return self._list("ListRecords", arguments, with_metadata=True)

    # -- lists and their tokens -----------------------------------------------------------

    def _list(self, verb: str, arguments: dict, *, with_metadata: bool) -> etree._Element:
        if "resumptionToken" in arguments:
            position = token_load(arguments["resumptionToken"], verb)
        else:
            _format(arguments["metadataPrefix"])
            position = Position(
                verb,
                arguments["metadataPrefix"],
                arguments.get("set", ""),
                arguments.get("from", ""),
                arguments.get("until", ""),
            )
        fmt = _format(position.prefix)
        span = parse_window(position.since, position.until)
        found = {"site": self.site, "window": span, "set_spec": position.set_spec}
        items = selectors.harvest_items(**found)
        if items is None:
            raise OaiError("noRecordsMatch", "This repository has no such set.")
        # Counted once, at the first response; the token carries it on (3.5: an estimate).
        size = items.count() if position.size is None else position.size
        if position.after:
            items = selectors.harvest_items(**found, after=position.after)
        page_size = getattr(settings, "IMPRINT_OAI_PAGE_SIZE", 100)
        page = list(items[: page_size + 1]) if items is not None else []
        if not page:
            # Also when what was left of a list has since left its set or site: the schema
            # wants at least one record before an empty (final) token.
            raise OaiError("noRecordsMatch", "No record matches these arguments.")
        body = etree.Element(f"{O}{verb}")
        for element in self._records(page[:page_size], fmt, with_metadata=with_metadata):
            body.append(element)
        if len(page) > page_size or position.after is not None:
            # The last response of a list that took several carries an empty token.
            self._token(body, position, page[:page_size], more=len(page) > page_size, size=size)
        return body

    def _token(self, body, position: Position, page: list, *, more: bool, size: int) -> None:
        attributes = {"completeListSize": str(max(size, position.cursor + len(page)))}
        attributes["cursor"] = str(position.cursor)
        if not more:
            sub(body, f"{O}resumptionToken", **attributes)  # empty: the list is complete
            return
        last = page[-1]
        following = Position(
            position.verb,
            position.prefix,
            position.set_spec,
            position.since,
            position.until,
            (last.datestamp, last.page_id),
            position.cursor + len(page),
            size,
        )
        expires = self.now + token_lifetime()
        attributes["expirationDate"] = datestamp(expires)
        sub(body, f"{O}resumptionToken", token_dump(following), **attributes)

    # -- records --------------------------------------------------------------------------

    def _records(self, items: list[HarvestItem], fmt, *, with_metadata: bool) -> list:
        live = [item.page_id for item in items if not item.deleted]
        described = describe_many(live, request=self.request) if with_metadata and live else []
        works = {work.page_id: work for work in described}
        pages = PublicationPage.objects.filter(pk__in=live)
        sets = item_sets(list(pages.values_list("pk", "path", "publication_type"))) if live else {}
        out = []
        for item in items:
            gone = item.deleted or item.page_id not in sets
            header = self._header(item, gone, item.sets.split() if gone else sets[item.page_id])
            if not with_metadata:
                out.append(header)
                continue
            record = etree.Element(f"{O}record")
            record.append(header)
            work = works.get(item.page_id)
            if not gone and work is not None:
                sub(record, f"{O}metadata").append(fmt.build(work))
            elif not gone:
                header.set("status", "deleted")  # went between the two queries
            out.append(record)
        return out

    def _header(self, item: HarvestItem, gone: bool, specs: list[str]) -> etree._Element:
        header = etree.Element(f"{O}header")
        if gone:
            header.set("status", "deleted")
        sub(header, f"{O}identifier", self.identifier(item.page_id))
        sub(header, f"{O}datestamp", datestamp(item.datestamp))
        for spec in specs:
            sub(header, f"{O}setSpec", spec)
        return header

    def identifier(self, page_id: int) -> str:
        return f"oai:{self.host}:{page_id}"

    def _item(self, identifier: str) -> HarvestItem:
        prefix = f"oai:{self.host}:"
        raw = identifier[len(prefix) :] if identifier.startswith(prefix) else ""
        item = None
        if raw.isascii() and raw.isdigit() and len(raw) < 19:
            item = selectors.harvest_item(site=self.site, page_id=int(raw))
        if item is None:
            raise OaiError("idDoesNotExist", "No record has this identifier in this repository.")
        return item

    def _admin_email(self, institute: InstituteSettings | None) -> str:
        if institute and institute.contact_email:
            return institute.contact_email
        address = parseaddr(getattr(settings, "DEFAULT_FROM_EMAIL", ""))[1]
        return address if "@" in address else f"webmaster@{self.host or 'localhost'}"

    def _oai_identifier(self, description: etree._Element) -> None:
        element = etree.SubElement(description, f"{{{OAI_ID}}}oai-identifier", nsmap={None: OAI_ID})
        element.set(f"{{{XSI}}}schemaLocation", f"{OAI_ID} {OAI_ID}.xsd")
        sub(element, f"{{{OAI_ID}}}scheme", "oai")
        sub(element, f"{{{OAI_ID}}}repositoryIdentifier", self.host)
        sub(element, f"{{{OAI_ID}}}delimiter", ":")
        sample = selectors.harvest_items(site=self.site)
        first = sample.values_list("page_id", flat=True).first() if sample is not None else None
        sub(element, f"{{{OAI_ID}}}sampleIdentifier", self.identifier(first or 1))

    def _set_description(self, description: etree._Element, text: str) -> None:
        from .formats import DC, OAI_DC, OAI_DC_FORMAT

        dc = etree.SubElement(description, f"{{{OAI_DC}}}dc", nsmap={"oai_dc": OAI_DC, "dc": DC})
        dc.set(f"{{{XSI}}}schemaLocation", f"{OAI_DC} {OAI_DC_FORMAT.schema}")
        sub(dc, f"{{{DC}}}description", text)


def _format(prefix: str):
    if prefix not in FORMATS:
        raise OaiError(
            "cannotDisseminateFormat",
            f"The metadata formats here are {', '.join(FORMATS)}.",
        )
    return FORMATS[prefix]


def _echo(request: etree._Element, oai: OaiRequest | None) -> None:
    if oai is None:
        return
    request.set("verb", oai.verb)
    for name, value in oai.arguments.items():
        request.set(name, clean(value))


def serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
