import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_a_nul_in_the_address_gets_a_clear_400(client, home):
    response = client.get("/publications/", {"topic": "\x00"})
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


def test_a_unicode_digit_year_is_a_404_not_a_crash(client, publication_index):
    assert client.get("/publications/", {"year": "²"}).status_code == 404


def test_search_reads_quotes_and_markup_as_plain_words(client, publication_index):
    f.PublicationPageFactory(parent=publication_index, title="The alliance ledger")
    for query in ('"alliance', '"alliance"', "(alliance)", "alliance*"):
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200
        assert "The alliance ledger" in response.content.decode(), query
