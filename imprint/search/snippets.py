"""Snippets for every backend: escaped text, the matched words in <mark>.

An engine marks the words of space-separated scripts; CJK words are marked here in the text
itself (their fields hold bigrams, not the text). With no match in the text (the title or an
author matched), a page's snippet is the opening of its text.
"""

from __future__ import annotations

import html
import re

from .analysis import bigrams, normalize

SNIPPET_CHARS = 240


def complete(text: str, marked: str, runs: list[str], *, lead: bool) -> str:
    """The engine's marked fragment, else a window around a CJK word, else (``lead``) the
    opening of the text."""
    if not text:
        return ""
    if marked:
        return marked
    if runs and (window := cjk_window(text, runs)):
        return window
    return opening(text) if lead else ""


def opening(text: str) -> str:
    head = text[:SNIPPET_CHARS]
    if len(text) > SNIPPET_CHARS:
        head = head.rsplit(" ", 1)[0] + " …"
    return html.escape(head)


def cjk_pattern(runs: list[str]) -> re.Pattern | None:
    pieces = set()
    for run in runs:
        pieces.add(run)
        pieces.update(bigrams(run))
    if not pieces:
        return None
    return re.compile("|".join(re.escape(p) for p in sorted(pieces, key=len, reverse=True)))


def mark_cjk(text: str, runs: list[str]) -> str:
    """The text escaped, the query's CJK runs (or their bigrams) in <mark>."""
    pattern = cjk_pattern(runs)
    if pattern is None:
        return html.escape(text)
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(html.escape(text[last : match.start()]))
        out.append(f"<mark>{html.escape(match.group())}</mark>")
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def cjk_window(text: str, runs: list[str]) -> str:
    """A window of the text around the first CJK run of the query (or one of its bigrams)."""
    text = normalize(text)
    position = -1
    for run in sorted(runs, key=len, reverse=True):
        position = text.find(run)
        if position >= 0:
            break
    if position < 0:
        pattern = cjk_pattern(runs)
        match = pattern.search(text) if pattern else None
        if match is None:
            return ""
        position = match.start()
    start = max(0, position - SNIPPET_CHARS // 3)
    window = text[start : start + SNIPPET_CHARS // 2 + SNIPPET_CHARS // 3]
    prefix = "… " if start else ""
    suffix = " …" if start + len(window) < len(text) else ""
    return prefix + mark_cjk(window, runs) + suffix
