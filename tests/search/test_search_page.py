import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_search_finds_a_publication_by_a_word_in_its_summary(
    client, publication_index, search_index
):
    f.PublicationPageFactory(
        parent=publication_index,
        title="Fisheries and the maritime boundary",
        summary="<p>Squid stocks are moving north.</p>",
    )
    f.PublicationPageFactory(parent=publication_index, title="Chip export controls")
    search_index.update()
    response = client.get("/search/", {"q": "squid"})
    assert response.status_code == 200
    assert "search/search.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert "Fisheries and the maritime boundary" in html
    assert "Chip export controls" not in html
    assert "<mark>Squid</mark>" in html


def test_an_empty_search_shows_the_form_without_results(client, home):
    response = client.get("/search/", {"q": "   "})
    assert response.status_code == 200
    assert response.context["results"] is None


def test_an_overlong_query_is_cut_not_refused(client, home):
    response = client.get("/search/", {"q": "alliance " * 2000})
    assert response.status_code == 200
    assert "only its first" in response.content.decode()


def test_a_bad_page_number_is_not_found(client, home):
    assert client.get("/search/", {"q": "trade", "page": "abc"}).status_code == 404
