"""The search backend a setting chooses (``IMPRINT_SEARCH``), one instance per process."""

from __future__ import annotations

import threading

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .base import FACETS, FacetValue, Hit, SearchBackend, SearchRequest, SearchResults

__all__ = [
    "FACETS",
    "FacetValue",
    "Hit",
    "SearchBackend",
    "SearchRequest",
    "SearchResults",
    "get_backend",
]

_backends: dict[tuple, SearchBackend] = {}
_lock = threading.Lock()


def get_backend() -> SearchBackend:
    config = settings.IMPRINT_SEARCH
    key = tuple(sorted((k, str(v)) for k, v in config.items()))
    with _lock:
        backend = _backends.get(key)
        if backend is None:
            name = config.get("BACKEND", "tantivy")
            if name == "tantivy":
                from .tantivy_backend import TantivyBackend

                backend = TantivyBackend(config["PATH"])
            elif name == "opensearch":
                from .opensearch_backend import OpenSearchBackend

                if not config.get("URL"):
                    raise ImproperlyConfigured(
                        "IMPRINT_SEARCH_BACKEND=opensearch needs IMPRINT_OPENSEARCH_URL"
                    )
                backend = OpenSearchBackend(
                    config["URL"],
                    config.get("INDEX") or "imprint",
                    replicas=int(config.get("REPLICAS") or 0),
                )
            else:
                raise ValueError(f"Unknown search backend {name!r} in IMPRINT_SEARCH")
            _backends[key] = backend
    return backend
