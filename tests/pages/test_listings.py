import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories as f

pytestmark = pytest.mark.django_db


def queries_for(client, url: str) -> int:
    client.get(url)  # warm per-process caches (menus, renditions)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def add_publications(index, count: int, people, topic) -> None:
    for _ in range(count):
        page = f.PublicationPageFactory(parent=index)
        page.topics.set([topic])
        f.add_authors(page, *people)


def test_listing_queries_do_not_grow_with_the_items_listed(client, publication_index):
    people = [f.PersonFactory(), f.PersonFactory()]
    topic = f.TopicFactory(name="Trade")
    add_publications(publication_index, 2, people, topic)
    few = queries_for(client, publication_index.url)
    add_publications(publication_index, 18, people, topic)
    many = queries_for(client, publication_index.url)
    assert many == few
    assert queries_for(client, "/topics/trade/") == queries_for(client, "/topics/trade/?page=1")


def test_filters_narrow_the_listing(client, publication_index):
    trade = f.TopicFactory(name="Trade")
    author = f.PersonFactory(name="Yuki Tanabe")
    report = f.PublicationPageFactory(
        parent=publication_index, title="Trade report", publication_type="report"
    )
    report.topics.set([trade])
    f.add_authors(report, author)
    f.PublicationPageFactory(parent=publication_index, title="Other brief")
    for query in (
        "?type=report",
        "?topic=trade",
        f"?author={author.slug}",
        f"?year={report.publication_date.year}&type=report",
    ):
        html = client.get(publication_index.url + query).content.decode()
        assert "Trade report" in html, query
        assert "Other brief" not in html, query


def test_people_topics_and_journal_pages_render(client, issue, journal):
    person = f.PersonFactory(name="Grace Oduya", orcid="0000-0002-1825-0097")
    topic = f.TopicFactory(name="Japan", kind="region")
    cases = [
        ("/people/", "people/person_index.html"),
        (person.get_absolute_url(), "people/person_detail.html"),
        ("/topics/", "topics/topic_index.html"),
        (topic.get_absolute_url(), "topics/topic_detail.html"),
        (journal.url, "journal/journal_page.html"),
        (issue.url, "journal/issue_page.html"),
        ("/", "home/home_page.html"),
    ]
    for url, template in cases:
        response = client.get(url)
        assert response.status_code == 200, url
        assert template in [t.name for t in response.templates], url
    assert (
        "https://orcid.org/0000-0002-1825-0097"
        in client.get(person.get_absolute_url()).content.decode()
    )


@pytest.mark.parametrize("url", ["/people/nobody/", "/topics/atlantis/", "/no/such/page/"])
def test_unknown_addresses_give_the_not_found_page(client, home, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_issue_lists_its_articles_by_section(client, issue):
    first = f.ArticlePageFactory(parent=issue, title="Alliance article")
    second = f.ArticlePageFactory(parent=issue, title="Cooperation article")
    loose = f.ArticlePageFactory(parent=issue, title="Unplaced article")
    issue.sections = [
        ("section", {"title": "Alliance politics", "articles": [first]}),
        ("section", {"title": "New areas of cooperation", "articles": [second]}),
    ]
    issue.save_revision().publish()
    html = client.get(issue.url).content.decode()
    order = [
        html.index(s)
        for s in (
            "Alliance politics",
            "Alliance article",
            "New areas of cooperation",
            "Cooperation article",
            "Other articles",
            loose.title,
        )
    ]
    assert order == sorted(order)
