"""Middleware for the test settings only."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connection
from django.http import HttpRequest, HttpResponse

_ONE_AT_A_TIME = threading.Lock()


class OneRequestAtATimeOnSharedSQLite:
    """Serve one request at a time while the database is SQLite in memory.

    Django's live server answers each connection in a thread of its own, and with an in-memory
    SQLite database every thread shares the test's one connection. Two requests at once (the
    admin's document upload beside a request the editor's page makes meanwhile) then interleave
    their savepoints on it, and one fails with "no such savepoint". A real server has a
    connection a thread. The body of a streamed response is sent outside the lock.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _shared_sqlite():
            return self.get_response(request)
        with _ONE_AT_A_TIME:
            return self.get_response(request)


def _shared_sqlite() -> bool:
    return connection.vendor == "sqlite" and connection.creation.is_in_memory_db(
        connection.settings_dict["NAME"]
    )
