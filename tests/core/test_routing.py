import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_a_nested_page_is_found_by_its_address(client, issue):
    article = f.ArticlePageFactory(parent=issue, title="Deep article")
    response = client.get(article.url)
    assert response.status_code == 200
    assert "journal/article_page.html" in [t.name for t in response.templates]


def test_an_unpublished_page_is_not_found(client, publication_index):
    page = f.PublicationPageFactory(parent=publication_index, title="Retracted brief")
    page.unpublish()
    assert client.get(f"{publication_index.url}{page.slug}/").status_code == 404


def test_an_unknown_address_is_not_found(client, publication_index):
    response = client.get(f"{publication_index.url}no-such-brief/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_a_renamed_page_is_found_at_its_new_address_and_redirected_from_the_old(
    client, publication_index, django_capture_on_commit_callbacks
):
    page = f.PublicationPageFactory(parent=publication_index, title="Trade brief", slug="trade")
    old_url = page.url
    assert client.get(old_url).status_code == 200  # its address is now remembered
    page.slug = "trade-and-tariffs"
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail signals it on commit
        page.save_revision().publish()
    new_url = f"{publication_index.url}trade-and-tariffs/"
    response = client.get(old_url)
    assert (response.status_code, response.get("Location")) == (301, new_url)
    response = client.get(new_url)
    assert response.status_code == 200
    assert response.context["page"] == page


def test_a_moved_page_is_served_at_its_new_address_only(client, publication_index, home):
    page = f.PublicationPageFactory(parent=publication_index, title="Moved brief")
    old_url = page.url
    assert client.get(old_url).status_code == 200
    other_index = f.PublicationIndexPageFactory(parent=home, title="Archive", slug="archive")
    page.move(other_index, pos="last-child")
    new_url = f"/archive/{page.slug}/"
    # Wagtail leaves a permanent redirect behind; the page itself is no longer served there.
    response = client.get(old_url)
    assert (response.status_code, response.get("Location")) == (301, new_url)
    assert client.get(new_url).status_code == 200


def test_an_unpublished_page_that_was_visited_is_not_found(client, publication_index):
    page = f.PublicationPageFactory(parent=publication_index, title="Withdrawn brief")
    assert client.get(page.url).status_code == 200
    page.unpublish()
    assert client.get(page.url).status_code == 404


def test_a_routable_pages_own_route_wins_over_a_child_of_the_same_name(client, home):
    from tests.testapp.models import RoutableTestPage

    routable = RoutableTestPage(title="Routable", slug="routable")
    home.add_child(instance=routable)
    f.PublicationIndexPageFactory(parent=routable, title="Archive child", slug="archive")
    response = client.get("/routable/archive/")
    assert response.content == b"the archive route"
