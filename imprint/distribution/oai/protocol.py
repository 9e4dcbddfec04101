"""What a harvester asked for: verbs and their arguments, datestamps, resumption tokens, and
the protocol's error conditions (OAI-PMH 2.0, sections 3.3 to 3.6 and 4)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.http import QueryDict

UTC = datetime.UTC
TOKEN_SALT = "imprint.oai.resumption-token"  # noqa: S105 (a salt, not a secret)
DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
SECOND = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")
# XML 1.0 cannot carry these at all (a request's values are echoed in <request>).
NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
MAX_VALUE = 2000  # far above any token, identifier or set this repository gives out


class OaiError(Exception):
    """An error condition of the protocol: answered 200 with ``<error code="...">``."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    @property
    def hides_request(self) -> bool:
        """badVerb and badArgument answer without echoing the request's arguments (3.2)."""
        return self.code in {"badVerb", "badArgument"}


@dataclass(frozen=True)
class Verb:
    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    exclusive: str = ""  # an argument that must come alone (resumptionToken)


LISTING = Verb(("metadataPrefix",), ("from", "until", "set"), "resumptionToken")
VERBS = {
    "Identify": Verb(),
    "ListMetadataFormats": Verb((), ("identifier",)),
    "ListSets": Verb((), (), "resumptionToken"),
    "GetRecord": Verb(("identifier", "metadataPrefix")),
    "ListIdentifiers": LISTING,
    "ListRecords": LISTING,
}


@dataclass
class OaiRequest:
    verb: str = ""
    arguments: dict[str, str] = field(default_factory=dict)  # as given, for <request>


def parse(query: QueryDict) -> OaiRequest:
    """The verb and its arguments, or the error of a request that breaks the protocol's
    grammar: a missing, repeated or unknown verb (badVerb); a repeated, unknown, missing or
    malformed argument, or one beside ``resumptionToken`` (badArgument)."""
    given = dict(query.lists())
    verbs = given.pop("verb", [])
    if len(verbs) != 1:
        raise OaiError("badVerb", "Give exactly one verb." if verbs else "The verb is missing.")
    verb = verbs[0]
    if verb not in VERBS:
        raise OaiError("badVerb", f"Unknown verb; the verbs are {', '.join(VERBS)}.")
    spec = VERBS[verb]
    for name, values in given.items():
        if name not in (*spec.required, *spec.optional, spec.exclusive) or not name:
            raise OaiError("badArgument", f"{verb} takes no argument {_shown(name)}.")
        if len(values) > 1:
            raise OaiError("badArgument", f"The argument {name} is repeated.")
        if NOT_XML.search(values[0]) or len(values[0]) > MAX_VALUE or not values[0]:
            raise OaiError("badArgument", f"The value of {name} is empty, too long or malformed.")
    arguments = {name: values[0] for name, values in given.items()}
    if spec.exclusive and spec.exclusive in arguments:
        if len(arguments) > 1:
            raise OaiError("badArgument", f"{spec.exclusive} must be the only argument.")
        return OaiRequest(verb, arguments)
    missing = [name for name in spec.required if name not in arguments]
    if missing:
        raise OaiError("badArgument", f"{verb} needs the argument {missing[0]}.")
    return OaiRequest(verb, arguments)


def _shown(name: str) -> str:
    return repr(NOT_XML.sub("?", name[:40]))


def datestamp(moment: datetime.datetime) -> str:
    """A UTCdatetime at the repository's granularity, seconds: 2026-01-31T09:00:00Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Window:
    """``from`` and ``until``, inclusive, as instants (a day's ``until`` is its last moment)."""

    start: datetime.datetime | None = None
    end: datetime.datetime | None = None


def window(since: str, until: str) -> Window:
    """Parse ``from`` and ``until`` (either granularity, the same for both)."""
    start = _moment(since, "from", end=False) if since else None
    end = _moment(until, "until", end=True) if until else None
    if since and until and len(since) != len(until):
        raise OaiError("badArgument", "from and until must have the same granularity.")
    if start and end and start > end:
        raise OaiError("badArgument", "from must not be later than until.")
    return Window(start, end)


def _moment(value: str, name: str, *, end: bool) -> datetime.datetime:
    try:
        if DAY.fullmatch(value):
            day = datetime.date.fromisoformat(value)
            moment = datetime.datetime.combine(day, datetime.time.max if end else datetime.time())
            return moment.replace(tzinfo=UTC)
        if SECOND.fullmatch(value):
            moment = datetime.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
            return moment.replace(microsecond=999999) if end else moment
    except ValueError:
        pass
    raise OaiError(
        "badArgument", f"{name} must be a date like 2026-01-31 or 2026-01-31T09:00:00Z (UTC)."
    )


@dataclass(frozen=True)
class Position:
    """Where a list stopped: after the item (datestamp, page id), with ``cursor`` items given
    before the next response. Encoding the position, not an offset, keeps a harvest whole
    while items are published, edited or deleted: an item that did not change is neither
    skipped nor repeated, and one that changed moves to the end, where the harvest finds it."""

    verb: str
    prefix: str
    set_spec: str
    since: str
    until: str
    after: tuple[datetime.datetime, int] | None = None
    cursor: int = 0
    size: int | None = None  # completeListSize, counted once at the first response


def token_lifetime() -> datetime.timedelta:
    return datetime.timedelta(hours=getattr(settings, "IMPRINT_OAI_TOKEN_HOURS", 24))


def token_dump(position: Position) -> str:
    """A signed resumption token: forged or altered ones are refused (badResumptionToken)."""
    stamp, page_id = position.after or (None, 0)
    payload = [
        position.verb,
        position.prefix,
        position.set_spec,
        position.since,
        position.until,
        stamp.astimezone(UTC).isoformat() if stamp else "",
        page_id,
        position.cursor,
        position.size,
    ]
    return signing.dumps(payload, salt=TOKEN_SALT, compress=True)


def token_load(token: str, verb: str) -> Position:
    bad = OaiError("badResumptionToken", "The resumption token is invalid or has expired.")
    try:
        payload = signing.loads(token, salt=TOKEN_SALT, max_age=token_lifetime().total_seconds())
        kind, prefix, set_spec, since, until, stamp, page_id, cursor, size = payload
        after = (datetime.datetime.fromisoformat(stamp), int(page_id)) if stamp else None
    except (signing.BadSignature, ValueError, TypeError):
        raise bad from None
    if kind != verb:
        raise bad
    return Position(kind, prefix, set_spec, since, until, after, int(cursor), size)


SPEC_SAFE = re.compile(r"[A-Za-z0-9\-_.!~*'()]+")


def spec_value(slug: str, pk: int) -> str:
    """A set spec's part for a topic or journal: its slug, or ``id-<pk>`` for a slug the
    protocol's setSpec grammar cannot carry (a Korean slug, say)."""
    return slug if SPEC_SAFE.fullmatch(slug) and not slug.startswith("id-") else f"id-{pk}"


def spec_lookup(value: str) -> dict:
    """The filter that finds a topic or journal by ``spec_value``."""
    if value.startswith("id-") and value[3:].isascii() and value[3:].isdigit():
        return {"pk": int(value[3:])}
    return {"slug": value}
