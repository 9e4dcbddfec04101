"""Anonymous readers get whole pages from the cache; a change shows once it commits."""

import os
import subprocess
import sys

import pytest
from django.core.cache import cache
from wagtail.models import BaseViewRestriction, PageViewRestriction

from imprint.settings.base import _default_cache
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_cache(settings, tmp_path):
    """The page cache on, in the production configuration (diskcache on disk)."""
    settings.CACHES = {**settings.CACHES, "default": _default_cache(tmp_path)}
    settings.IMPRINT_PAGE_CACHE = True
    yield tmp_path
    cache.clear()


@pytest.fixture
def brief(publication_index):
    return f.PublicationPageFactory(parent=publication_index, title="Alliance costs")


def test_a_second_reader_gets_the_page_from_the_cache_without_a_query(
    client, brief, production_cache, django_assert_num_queries
):
    assert client.get(brief.url)["X-Imprint-Cache"] == "miss"
    with django_assert_num_queries(0):
        response = client.get(brief.url)
    assert response["X-Imprint-Cache"] == "hit"
    assert "Alliance costs" in response.content.decode()
    head = client.head(brief.url)
    assert head["X-Imprint-Cache"] == "hit" and head.content == b""


def test_a_published_change_shows_on_the_next_request(
    client, brief, production_cache, django_capture_on_commit_callbacks
):
    for url in (brief.url, "/publications/", "/"):
        client.get(url)
    brief.title = "Alliance costs, revised"
    with django_capture_on_commit_callbacks(execute=True):
        brief.save_revision().publish()
    for url in (brief.url, "/publications/", "/"):
        assert "Alliance costs, revised" in client.get(url).content.decode(), url


def test_a_persons_edit_shows_on_their_publications(
    client, brief, production_cache, django_capture_on_commit_callbacks
):
    person = f.PersonFactory(name="Hana Seo")
    f.add_authors(brief, person)
    assert "Hana Seo" in client.get(brief.url).content.decode()
    person.name = "Hana Seo-Park"
    with django_capture_on_commit_callbacks(execute=True):
        person.save()
    assert "Hana Seo-Park" in client.get(brief.url).content.decode()


def test_editors_always_get_a_fresh_page(admin_client, client, brief, production_cache):
    client.get(brief.url)  # cached for anonymous readers
    response = admin_client.get(brief.url)
    assert "X-Imprint-Cache" not in response


@pytest.mark.parametrize("kind", [BaseViewRestriction.PASSWORD, BaseViewRestriction.LOGIN])
def test_private_pages_are_never_cached(client, brief, production_cache, kind):
    PageViewRestriction.objects.create(page=brief, restriction_type=kind, password="letmein")
    for _ in range(2):
        response = client.get(brief.url)
        assert "X-Imprint-Cache" not in response
        assert "Alliance costs" not in response.content.decode()


def test_another_process_starting_a_generation_is_seen_here(client, brief, production_cache):
    client.get(brief.url)
    assert client.get(brief.url)["X-Imprint-Cache"] == "hit"
    code = "from imprint.core.content_cache import start_new_generation; start_new_generation()"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "imprint.settings.dev",
        "IMPRINT_VAR_DIR": str(production_cache),
    }
    env.pop("REDIS_URL", None)
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code], env=env, check=True, timeout=60
    )
    assert client.get(brief.url)["X-Imprint-Cache"] == "miss"


def test_a_frontend_cache_is_told_to_purge_a_published_page(
    client, brief, production_cache, settings, django_capture_on_commit_callbacks
):
    """Wagtail's frontend-cache purging, against a real HTTP server answering PURGE."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    purged = []

    class Purges(BaseHTTPRequestHandler):
        def do_PURGE(self):  # noqa: N802 - the HTTP method's name
            purged.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Purges)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.WAGTAILFRONTENDCACHE = {
        "http": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    try:
        assert "s-maxage=300" in client.get(brief.url)["Cache-Control"]
        brief.title = "Alliance costs, revised"
        with django_capture_on_commit_callbacks(execute=True):
            brief.save_revision().publish()
    finally:
        server.shutdown()
    assert brief.url in purged
