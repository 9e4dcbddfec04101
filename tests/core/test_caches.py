"""Menus and the host-to-site map are cached; editors' changes still show on the next request."""

import pytest
from wagtail.models import Site

from tests import factories as f

pytestmark = pytest.mark.django_db


def main_menu(client, url: str = "/", **headers) -> str:
    html = client.get(url, **headers).content.decode()
    return html.split('aria-label="Main"', 1)[1].split("</nav>", 1)[0]


def test_a_page_published_into_the_menu_appears_in_it_at_once(client, home):
    assert "Blog" not in main_menu(client)  # the menu is now cached
    blog = f.BlogIndexPageFactory(parent=home, title="Blog", show_in_menus=True)
    assert "Blog" in main_menu(client)
    blog.unpublish()
    assert "Blog" not in main_menu(client)


def test_a_renamed_menu_page_is_renamed_in_the_menu(client, home):
    blog = f.BlogIndexPageFactory(parent=home, title="Blog", show_in_menus=True)
    assert "Blog" in main_menu(client)
    blog.title = "Commentary"
    blog.save_revision().publish()
    menu = main_menu(client)
    assert "Commentary" in menu
    assert "Blog" not in menu


def test_a_new_site_for_a_host_serves_its_own_pages(client, home):
    other_home = f.BlogIndexPageFactory(parent=home, title="Field notes", slug="field-notes")
    assert "<h1>Field notes" not in client.get("/", HTTP_HOST="notes.example").content.decode()
    Site.objects.create(hostname="notes.example", port=80, root_page=other_home)
    html = client.get("/", HTTP_HOST="notes.example").content.decode()
    assert "Field notes" in html.split("<h1", 1)[1].split("</h1>", 1)[0]
    assert client.get("/", HTTP_HOST="localhost").context["page"] == home
