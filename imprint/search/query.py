"""A reader's query, read the way readers write it.

    trade policy            both words (in any field, any order)
    "export controls"       the exact phrase
    -tariffs                without this word (or -"a phrase")
    japan OR korea          either word
    (anything else)         brackets, stray quotes and operators are taken as plain text

Parsing is ours, not an engine's query language: no input is a syntax error, and nothing a
reader types reaches an engine as syntax (the engines get term and phrase objects).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .analysis import normalize

MAX_QUERY_CHARS = 500
MAX_UNITS = 32

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class Unit:
    """One word or phrase of the query, as the reader typed it (normalized)."""

    text: str
    phrase: bool = False


@dataclass
class ParsedQuery:
    # Every group must match; a group matches when any of its units does (OR).
    groups: list[list[Unit]] = field(default_factory=list)
    excluded: list[Unit] = field(default_factory=list)
    truncated: bool = False

    @property
    def units(self) -> list[Unit]:
        return [u for group in self.groups for u in group]

    @property
    def is_empty(self) -> bool:
        return not self.groups and not self.excluded

    def words(self) -> list[str]:
        """The positive words, for highlighting and spelling suggestions."""
        return [w for u in self.units for w in u.text.split()]


def clean(raw: str) -> tuple[str, bool]:
    """The query without control characters, cut to MAX_QUERY_CHARS (and whether it was)."""
    text = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in normalize(raw))
    text = " ".join(text.split())
    truncated = len(text) > MAX_QUERY_CHARS
    return text[:MAX_QUERY_CHARS], truncated


def _plain(text: str) -> str:
    # Brackets group nothing here: they are only punctuation (the analyzers drop it).
    return text.replace("(", " ").replace(")", " ").strip()


def parse(raw: str) -> ParsedQuery:
    text, truncated = clean(raw)
    parsed = ParsedQuery(truncated=truncated)
    pending_or = False
    for match in _TOKEN.finditer(text):
        negated_phrase, phrase, word = match.group(1), match.group(2), match.group(3)
        if word is not None:
            if word == "OR":
                pending_or = bool(parsed.groups)
                continue
            negated = word.startswith("-") and len(word) > 1
            unit_text = _plain(word[1:] if negated else word)
            is_phrase = False
        else:
            negated = bool(negated_phrase)
            unit_text = _plain(phrase)
            is_phrase = len(unit_text.split()) > 1
        if not unit_text:
            continue
        unit = Unit(unit_text, is_phrase)
        if negated:
            parsed.excluded.append(unit)
        elif pending_or:
            parsed.groups[-1].append(unit)
        else:
            parsed.groups.append([unit])
        pending_or = False
        if len(parsed.units) + len(parsed.excluded) >= MAX_UNITS:
            parsed.truncated = True
            break
    return parsed
