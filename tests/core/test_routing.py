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
