"""Did-you-mean, for every backend: the closest word the index knows (titles, names, topics)."""

from __future__ import annotations

import difflib
from collections.abc import Callable


def correct(words: list[str], known_for: Callable[[str], dict[str, int]]) -> list[str]:
    """Each word, or the closest known one. ``known_for(first_letter)`` gives the index's
    words starting with that letter and how many records hold each."""
    out = []
    for word in words:
        low = word.lower()
        if len(low) < 3 or not low.isalpha() or not low.isascii():
            out.append(word)
            continue
        known = known_for(low[0])
        if low in known:
            out.append(word)
            continue
        close = difflib.get_close_matches(low, known.keys(), n=3, cutoff=0.75)
        close.sort(key=lambda w: (-difflib.SequenceMatcher(None, low, w).ratio(), -known[w]))
        out.append(close[0] if close else word)
    return out
