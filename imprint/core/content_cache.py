"""What readers see, cached under a content generation that moves after every commit.

Every cached piece of the public site (whole pages for anonymous readers, menus) is stored
under the current *generation*. A change an editor makes (publish, unpublish, move, a person,
a topic, the settings, a document) starts a new generation once its transaction has
committed, so nothing computed before the commit is read again: a reader that computed the old
state and stores it late stores it under a generation nobody asks for any more. Entries of old
generations are never deleted one by one; the cache ages them out.
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest

GENERATION_KEY = "imprint:generation"


def content_generation(request: HttpRequest | None = None) -> int:
    """The current generation (read once per request when a request is given)."""
    remembered = getattr(request, "_imprint_generation", None)
    if remembered is not None:
        return remembered
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, time.time_ns(), None)  # the first process to start one wins
        generation = cache.get(GENERATION_KEY, 0)
    if request is not None:
        request._imprint_generation = generation
    return generation


def start_new_generation() -> None:
    """Leave everything cached so far behind (call after commit)."""
    cache.set(GENERATION_KEY, time.time_ns(), None)


def content_changed(**kwargs) -> None:
    """Signal handler: start a new generation once the current transaction commits."""
    transaction.on_commit(start_new_generation)
