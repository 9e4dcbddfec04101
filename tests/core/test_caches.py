"""Menus and the host-to-site map are cached; editors' changes show on the first request after
they commit (the tests run inside a transaction, so they run the commit's callbacks)."""

import pytest
from wagtail.models import Site

from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


def main_menu(client, url: str = "/", **headers) -> str:
    html = client.get(url, **headers).content.decode()
    return html.split('aria-label="Main"', 1)[1].split("</nav>", 1)[0]


def test_a_page_published_into_the_menu_appears_in_it_at_once(client, home, commit):
    assert "Blog" not in main_menu(client)  # the menu is now cached
    with commit(execute=True):
        blog = f.BlogIndexPageFactory(parent=home, title="Blog", show_in_menus=True)
    assert "Blog" in main_menu(client)
    with commit(execute=True):
        blog.unpublish()
    assert "Blog" not in main_menu(client)


def test_the_menu_keeps_what_it_showed_until_the_change_commits(client, home, commit):
    assert "Blog" not in main_menu(client)
    with commit(execute=False):
        f.BlogIndexPageFactory(parent=home, title="Blog", show_in_menus=True)
        assert "Blog" not in main_menu(client)  # not committed: nothing is invalidated yet


def test_a_renamed_menu_page_is_renamed_in_the_menu(client, home, commit):
    blog = f.BlogIndexPageFactory(parent=home, title="Blog", show_in_menus=True)
    assert "Blog" in main_menu(client)
    blog.title = "Commentary"
    with commit(execute=True):
        blog.save_revision().publish()
    menu = main_menu(client)
    assert "Commentary" in menu
    assert "Blog" not in menu


def test_a_new_site_for_a_host_serves_its_own_pages(client, home, commit):
    other_home = f.BlogIndexPageFactory(parent=home, title="Field notes", slug="field-notes")
    assert "<h1>Field notes" not in client.get("/", HTTP_HOST="notes.example").content.decode()
    with commit(execute=True):
        Site.objects.create(hostname="notes.example", port=80, root_page=other_home)
    html = client.get("/", HTTP_HOST="notes.example").content.decode()
    assert "Field notes" in html.split("<h1", 1)[1].split("</h1>", 1)[0]
    assert client.get("/", HTTP_HOST="localhost").context["page"] == home


def test_a_routable_page_added_after_routing_was_remembered_still_answers_its_own_route(
    client, home, commit
):
    from tests.testapp.models import RoutableTestPage

    archive_owner = f.PublicationIndexPageFactory(parent=home, title="Owner", slug="routable")
    f.PublicationIndexPageFactory(parent=archive_owner, title="Archive child", slug="archive")
    assert b"Archive child" in client.get("/routable/archive/").content  # routing remembered
    with commit(execute=True):
        archive_owner.delete()
    with commit(execute=True):
        routable = home.add_child(instance=RoutableTestPage(title="Routable", slug="routable"))
        f.PublicationIndexPageFactory(parent=routable, title="Archive child", slug="archive")
    assert client.get("/routable/archive/").content == b"the archive route"


def test_an_article_below_a_journal_is_found_past_the_journals_own_routes(client, issue):
    article = f.ArticlePageFactory(parent=issue, title="Deep article")
    assert client.get(article.url).status_code == 200
    journal_url = issue.get_parent().get_parent().url
    response = client.get(f"{journal_url}articles/")
    assert response.status_code == 200
    assert "Deep article" in response.content.decode()


def listing_card(client, title: str, url: str = "/publications/") -> str:
    html = client.get(url).content.decode()
    return html.split(title, 1)[1].split("</article>", 1)[0]


def test_a_listing_card_shows_a_republished_title_and_a_renamed_author(
    client, publication_index, commit
):
    person = f.PersonFactory(name="Ada Original")
    page = f.PublicationPageFactory(parent=publication_index, title="First title")
    with commit(execute=True):
        f.add_authors(page, person)
    assert "Ada Original" in listing_card(client, "First title")  # the card is now cached
    page.title = "Second title"
    with commit(execute=True):
        page.save_revision().publish()
    assert "Second title" in client.get("/publications/").content.decode()
    assert "First title" not in client.get("/publications/").content.decode()
    person.name = "Ada Renamed"
    with commit(execute=True):
        person.save()
    assert "Ada Renamed" in listing_card(client, "Second title")


def test_a_publication_made_private_leaves_the_listings_at_once_and_comes_back(
    client, publication_index, commit
):
    from wagtail.models import PageViewRestriction

    page = f.PublicationPageFactory(parent=publication_index, title="Soon private")
    assert "Soon private" in client.get("/publications/").content.decode()  # privacy remembered
    with commit(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
    assert "Soon private" not in client.get("/publications/").content.decode()
    assert "Soon private" not in client.get("/").content.decode()
    with commit(execute=True):
        restriction.delete()
    assert "Soon private" in client.get("/publications/").content.decode()


def test_the_home_pages_featured_card_shows_a_republished_title(client, home, commit):
    index = f.PublicationIndexPageFactory(parent=home, title="Publications")
    page = f.PublicationPageFactory(parent=index, title="Featured first", is_featured=True)
    featured = client.get("/").content.decode().split('id="featured-heading"', 1)[1]
    assert "Featured first" in featured.split("</section>", 1)[0]  # the card is now cached
    page.title = "Featured second"
    with commit(execute=True):
        page.save_revision().publish()
    featured = client.get("/").content.decode().split('id="featured-heading"', 1)[1]
    assert "Featured second" in featured.split("</section>", 1)[0]


def test_a_page_made_private_after_readers_saw_it_asks_for_its_password(
    client, publication_index, commit
):
    from wagtail.models import PageViewRestriction

    page = f.PublicationPageFactory(parent=publication_index, title="Open, then closed")
    assert client.get(page.url).status_code == 200  # where restrictions are is now remembered
    with commit(execute=True):
        PageViewRestriction.objects.create(
            page=publication_index, restriction_type=PageViewRestriction.PASSWORD, password="s"
        )
    response = client.get(page.url)
    assert response.status_code == 200 and "Open, then closed" not in response.content.decode()
    assert 'name="password"' in response.content.decode()


def test_an_alias_of_a_private_page_asks_for_the_sources_password(
    client, publication_index, commit
):
    """Wagtail gives an alias its source page's restrictions, wherever the alias lives."""
    from wagtail.models import PageViewRestriction

    page = f.PublicationPageFactory(parent=publication_index, title="Open page")
    assert client.get(page.url).status_code == 200  # where restrictions are is now remembered
    elsewhere = f.PublicationIndexPageFactory(title="Elsewhere", slug="elsewhere")
    source = f.PublicationPageFactory(parent=elsewhere, title="Board secret")
    PageViewRestriction.objects.create(
        page=source, restriction_type=PageViewRestriction.PASSWORD, password="s"
    )
    with commit(execute=True):
        alias = source.create_alias(parent=publication_index, update_slug="board-secret-alias")
    body = client.get(alias.url).content.decode()
    assert 'name="password"' in body and "An executive summary" not in body


def test_the_institutes_settings_change_on_the_first_page_after_they_commit(client, home, commit):
    from imprint.core.models import InstituteSettings

    settings = InstituteSettings.for_site(Site.objects.get(is_default_site=True))
    assert "Meridian Renamed" not in client.get("/").content.decode()
    settings.name = "Meridian Renamed"
    with commit(execute=True):
        settings.save()
    assert "Meridian Renamed" in client.get("/").content.decode()
