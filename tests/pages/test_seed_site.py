"""What a real institute's journal issue and blog show, rebuilt in Imprint."""

import pytest
from django.core.files.images import ImageFile
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from tests import factories as f

pytestmark = pytest.mark.django_db


def html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def article(journal):
    journal.title = "Korea Policy"
    journal.about = "<p>A journal of the peninsula's politics.</p>"
    journal.save_revision().publish()
    volume = f.VolumePageFactory(parent=journal, number=3, title="Volume 3")
    issue = f.IssuePageFactory(parent=volume, number=2, title="Issue 2")
    return f.ArticlePageFactory(parent=issue, title="Deterrence on the cheap")


def test_an_article_names_its_journal_volume_and_issue(client, article):
    page = html(client, article.url)
    assert "Korea Policy, Vol. 3, Issue 2</a>" in page
    assert '<p class="eyebrow"><span>Korea Policy</span></p>' in page
    assert "About Korea Policy" in page and "the peninsula's politics" in page
    assert "View series publications</a>" in page


def test_the_journal_lists_all_its_articles(client, article, journal):
    page = html(client, f"{journal.url}articles/")
    assert "Deterrence on the cheap" in page
    assert 'href="/journal/articles/"' in html(client, journal.url)


def test_a_whole_issue_carries_its_own_pdf(client, article, django_capture_on_commit_callbacks):
    issue = article.get_parent().specific
    with django_capture_on_commit_callbacks(execute=True):
        issue.pdf = f.make_pdf_document("Korea Policy 3-2", pages=4)
    issue.save_revision().publish()
    page = html(client, issue.url)
    assert "Read it now, or download it for later." in page
    assert "Download PDF (" in page
    issue.pdf.refresh_from_db()
    assert client.get(issue.pdf.url).status_code == 200  # the live issue opens its PDF


def test_a_blog_post_carries_its_blogs_name_and_closes_with_the_way_back(client, blog_index):
    blog_index.title = "The Peninsula"
    blog_index.save_revision().publish()
    post = f.BlogPostPageFactory(parent=blog_index, title="Notes from Busan")
    page = html(client, post.url)
    assert '<p class="eyebrow"><span>The Peninsula</span></p>' in page
    assert "Blog post</span>" not in page
    closing = page.split('aria-label="Disclaimer"', 1)[1]
    assert "Return to The Peninsula</a>" in closing


def test_a_brief_opens_with_its_introduction_above_the_summary(client, publication_index):
    brief = f.PublicationPageFactory(
        parent=publication_index,
        introduction='<p>This brief draws on <a href="/x/">the full paper</a>.</p>',
        summary="<p>The summary.</p>",
        recommendations_intro="Seoul and Washington should:",
        recommendations=[("recommendation", {"heading": "Talk", "text": "<p>More.</p>"})],
    )
    page = html(client, brief.url)
    assert page.index("This brief draws on") < page.index("Executive summary")
    assert "Policy recommendations</h2>" in page
    assert "Seoul and Washington should:" in page


def test_a_portrait_cover_is_not_cropped_to_a_banner(client, publication_index):
    portrait = get_image_model()(
        title="Cover", file=ImageFile(get_test_image_file(size=(300, 500)).file, name="c.png")
    )
    portrait.save()
    brief = f.PublicationPageFactory(parent=publication_index, feature_image=portrait)
    page = html(client, brief.url)
    assert "feature-image--portrait" in page
    assert "fill-1200x600" not in page


def test_share_links_are_plain_links_without_scripts(client, publication_index):
    brief = f.PublicationPageFactory(parent=publication_index, title="Chips and alliances")
    share = html(client, brief.url).split('aria-label="Share"', 1)[1].split("</nav>", 1)[0]
    for target in ("mailto:", "linkedin.com", "bsky.app", "x.com", "facebook.com"):
        assert target in share
    assert "<script" not in share
