import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_listing_shows_live_publications_newest_first(client, publication_index):
    older = f.PublicationPageFactory(parent=publication_index, title="Older brief")
    newer = f.PublicationPageFactory(parent=publication_index, title="Newer brief")
    response = client.get(publication_index.url)
    assert response.status_code == 200
    content = response.content.decode()
    assert content.index(newer.title) < content.index(older.title)


@pytest.mark.parametrize("query", ["?page=abc", "?topic=no-such-topic", "?type=novel", "?year=19"])
def test_bad_listing_parameters_are_not_found(client, publication_index, query):
    assert client.get(publication_index.url + query).status_code == 404


def test_page_past_the_end_gives_the_last_page(client, publication_index):
    f.PublicationPageFactory(parent=publication_index, title="Only brief")
    response = client.get(publication_index.url + "?page=99999")
    assert response.status_code == 200
    assert "Only brief" in response.content.decode()
