"""A small institute whose publications exercise every citation format: a journal issue with a
DOI, an article with special characters, Korean and Japanese names and an ORCID, an article
without a DOI, a policy brief in a series, a working paper and a blog post."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from imprint.journal.models import ArticlePage, IssuePage
from imprint.publications.models import PublicationPage
from tests import factories as f


@dataclass
class CiteWorld:
    issue: IssuePage
    article: ArticlePage
    plain_article: ArticlePage
    brief: PublicationPage
    paper: PublicationPage
    post: PublicationPage

    @property
    def pages(self) -> list:
        return [self.article, self.plain_article, self.brief, self.paper, self.post]


def build() -> CiteWorld:
    home = f.ensure_site_tree()
    journal = f.JournalPageFactory(parent=home, issn_print="1234-5679")
    volume = f.VolumePageFactory(parent=journal, number=7, title="Volume 7")
    issue = f.IssuePageFactory(
        parent=volume, number=2, title="Issue 2", doi="10.5555/jpa.7.2", slug="issue-2"
    )
    doe = f.PersonFactory(
        name="Jane Q. Doe", orcid="0000-0002-1825-0097", affiliation="University of Testing"
    )
    yamada = f.PersonFactory(name="山田 太郎", affiliation="東京大学")
    kim = f.PersonFactory(name="김민준", affiliation="")
    article = f.ArticlePageFactory(
        parent=issue,
        title="Tariffs & trade: 50% of it_all ($)",
        subtitle="A #1 test: ~ ^ \\ escapes",
        slug="tariffs-and-trade",
        first_page=1,
        last_page=20,
        doi="10.5555/jpa.7.2.1",
        summary="<p>Costs <b>rose</b> &amp; fell; a &lt;tag&gt; stays text.</p>",
        publication_date=datetime.date(2025, 6, 1),
    )
    f.add_authors(article, doe, yamada, kim)
    plain = f.ArticlePageFactory(
        parent=issue,
        title="Notes on shipping lanes",
        slug="notes-on-shipping",
        first_page=21,
        last_page=21,
        publication_date=datetime.date(2025, 6, 1),
    )
    f.add_authors(plain, doe)
    index = f.PublicationIndexPageFactory(parent=home)
    series = f.SeriesPageFactory(parent=index, title="Alliance Briefs", slug="alliance-briefs")
    brief = f.PublicationPageFactory(
        parent=index,
        title="Burden sharing in 2025",
        slug="burden-sharing",
        publication_type="policy_brief",
        series=series,
        series_number=4,
        doi="10.5555/kp.brief.4",
        publication_date=datetime.date(2025, 3, 14),
    )
    f.add_authors(brief, kim)
    paper = f.PublicationPageFactory(
        parent=index,
        title="Ports and power",
        slug="ports-and-power",
        publication_type="working_paper",
        doi="10.5555/kp.wp.9",
        publication_date=datetime.date(2025, 2, 2),
    )
    f.add_authors(paper, doe, yamada)
    blog = f.BlogIndexPageFactory(parent=home)
    post = f.BlogPostPageFactory(
        parent=blog,
        title="Why tariffs?",
        slug="why-tariffs",
        doi="10.5555/kp.blog.1",
        publication_date=datetime.date(2025, 3, 1),
    )
    f.add_authors(post, doe)
    return CiteWorld(issue, article, plain, brief, paper, post)


def normalised(text: str) -> str:
    """Page ids vary from run to run (CSL ids, BibTeX keys made of them): the golden files say
    ID. Line ends are compared as LF."""
    text = re.sub(r"imprint-\d+", "imprint-ID", text)
    text = re.sub(r"^(@\w+\{[^,\n]*)-\d+,", r"\1-ID,", text, flags=re.M)
    return text.replace("\r\n", "\n")
