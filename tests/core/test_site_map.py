"""The host-to-site map stays as small as the list of sites, whatever hosts requests name."""

import pickle

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from imprint.core.middleware import SITES_CACHE_KEY
from tests import factories as f


def map_size() -> int:
    return len(pickle.dumps(cache.get(SITES_CACHE_KEY)))


def test_made_up_hosts_do_not_grow_the_site_map(client, home):
    assert client.get("/", HTTP_HOST="made-up-0.example").status_code == 200
    size = map_size()
    for i in range(1, 300):
        assert client.get("/", HTTP_HOST=f"made-up-{i}.example").status_code == 200
    assert map_size() == size


def test_each_host_still_gets_its_own_site(client, home):
    journal_home = f.PublicationIndexPageFactory(parent=home, title="The Journal's home")
    Site.objects.create(hostname="journal.example.org", port=80, root_page=journal_home)
    for _ in range(2):  # once to fill the map, once from it
        journal = client.get("/", HTTP_HOST="journal.example.org")
        assert journal.context["page"].pk == journal_home.pk
        made_up = client.get("/", HTTP_HOST="made-up.example")
        assert made_up.context["page"].pk == home.pk


def test_a_flood_of_hosts_does_not_cost_a_known_host_a_site_lookup(client, home):
    """After 1,000 made-up hosts, a real one is still answered from the map, not the database.

    (How long a request takes is the page benchmark's to show, not a test's.)
    """
    for i in range(1000):
        client.get("/robots.txt", HTTP_HOST=f"flood-{i}.example")
    client.get("/robots.txt", HTTP_HOST="www.example.org")
    with CaptureQueriesContext(connection) as queries:
        client.get("/robots.txt", HTTP_HOST="www.example.org")
    site_queries = [q["sql"] for q in queries if "wagtailcore_site" in q["sql"]]
    assert site_queries == []
    assert map_size() < 4096


def test_a_new_site_is_found_even_if_a_request_cached_the_old_list_before_commit(
    client, home, django_capture_on_commit_callbacks
):
    journal_home = f.PublicationIndexPageFactory(parent=home, title="The Journal's home")
    with django_capture_on_commit_callbacks(execute=True):
        Site.objects.create(hostname="journal.example.org", port=80, root_page=journal_home)
        # Another process, not seeing the new site yet, caches the map as it was.
        cache.set(SITES_CACHE_KEY, {"hostnames": frozenset({"localhost"}), "sites": {}})
    response = client.get("/", HTTP_HOST="journal.example.org")
    assert response.context["page"].pk == journal_home.pk
