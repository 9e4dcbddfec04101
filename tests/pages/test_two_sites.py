"""One install, two sites: the institute and its journal on a domain of its own."""

import pytest
from wagtail.models import Page, Site

from tests import factories as f

pytestmark = pytest.mark.django_db
JOURNAL_HOST = "journal.example"


@pytest.fixture
def two_sites(publication_index):
    """The institute (home page root) and a journal site whose root is the journal itself."""
    person = f.PersonFactory(name="Jae Kim")
    brief = f.PublicationPageFactory(
        parent=publication_index,
        title="Institute brief on fisheries",
        summary="<p>fisheries</p>",
    )
    f.add_authors(brief, person)
    journal = f.JournalPageFactory(parent=Page.get_first_root_node(), slug="korea-policy")
    Site.objects.create(hostname=JOURNAL_HOST, port=80, root_page=journal)
    issue = f.IssuePageFactory(parent=f.VolumePageFactory(parent=journal))
    article = f.ArticlePageFactory(
        parent=issue, title="Journal article on fisheries", summary="<p>fisheries</p>"
    )
    f.add_authors(article, person)
    return {"brief": brief, "article": article, "issue": issue, "person": person}


def _html(client, url: str, host: str = "localhost") -> str:
    response = client.get(url, HTTP_HOST=host)
    assert response.status_code == 200, (url, host, response.status_code)
    return response.content.decode()


def test_search_stays_inside_the_requested_site(client, two_sites, search_index):
    search_index.update()
    journal_results = _html(client, "/search/?q=fisheries", JOURNAL_HOST)
    assert "Journal article on fisheries" in journal_results
    assert "Institute brief on fisheries" not in journal_results
    institute_results = _html(client, "/search/?q=fisheries")
    assert "Institute brief on fisheries" in institute_results
    assert "Journal article on fisheries" not in institute_results
    # The journal's page says where its article is, on the journal's own domain.
    assert 'href="/volume-1/issue-1/journal-article-on-fisheries/"' in journal_results or (
        "journal-article-on-fisheries/" in journal_results
    )


def test_listings_and_landing_pages_stay_inside_the_site(client, two_sites):
    person = two_sites["person"]
    for url in ("/publications/", f"/people/{person.slug}/", "/"):
        assert "Journal article on fisheries" not in _html(client, url), url
    journal_person = _html(client, f"/people/{person.slug}/", JOURNAL_HOST)
    assert "Journal article on fisheries" in journal_person
    assert "Institute brief on fisheries" not in journal_person


def test_a_site_whose_root_is_the_journal_routes_to_its_pages(client, two_sites):
    issue, article = two_sites["issue"], two_sites["article"]
    assert "Journal of Pacific Affairs" in _html(client, "/", JOURNAL_HOST)
    path = article.url_path.removeprefix("/korea-policy")
    assert "Journal article on fisheries" in _html(client, path, JOURNAL_HOST)
    assert issue.title in _html(client, issue.url_path.removeprefix("/korea-policy"), JOURNAL_HOST)
