"""The demo shows citations working: DOIs under Crossref's test prefix on the journal's issues
and articles, the Cite section, and a deposit of an issue."""

from __future__ import annotations

import pytest
from lxml import etree

from imprint.distribution.cite.services import crossref_batch
from imprint.journal.models import ArticlePage, IssuePage

pytestmark = pytest.mark.django_db


def test_the_demo_journal_has_test_prefix_dois_cited_and_deposited(client, demo_site):
    issues = list(IssuePage.objects.all())
    assert issues and all(i.doi.startswith("10.5555/ppr.") for i in issues)
    articles = ArticlePage.objects.all()
    assert all(a.doi.startswith("10.5555/ppr.") for a in articles)
    assert len({a.doi for a in articles}) == articles.count()

    article = articles.filter(language="en").first()
    html = client.get(article.url).content.decode()
    assert f'href="https://doi.org/{article.doi}"' in html and "<summary>MLA</summary>" in html

    batch = crossref_batch([issues[0].pk])
    root = etree.fromstring(batch.xml)
    assert len(batch.dois) == ArticlePage.objects.child_of(issues[0]).count() + 1
    assert root.find(".//{*}journal_issue/{*}doi_data/{*}doi").text == issues[0].doi
