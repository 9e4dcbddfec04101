import pytest
from django.core.files.images import ImageFile
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from imprint.core.models import InstituteSettings
from tests import factories as f

pytestmark = pytest.mark.django_db


def templates(response) -> list[str]:
    return [t.name for t in response.templates]


@pytest.fixture
def credited_image():
    image = get_image_model()(
        title="Harbour",
        credit="Jae-won Lim",
        licence="CC BY 4.0",
        file=ImageFile(get_test_image_file().file, name="harbour.png"),
    )
    image.save()
    return image


def test_publication_page_shows_what_a_reader_needs(
    client, publication_index, credited_image, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        pdf = f.make_pdf_document("Alliance costs", pages=14)
    page = f.PublicationPageFactory(
        parent=publication_index,
        title="Alliance costs",
        subtitle="Who pays for deterrence",
        pdf=pdf,
        feature_image=credited_image,
    )
    f.add_authors(page, f.PersonFactory(name="Hana Seo"), f.PersonFactory(name="Min-jun Park"))
    response = client.get(page.url)
    html = response.content.decode()
    assert "publications/publication_page.html" in templates(response)
    assert "<h1>Alliance costs</h1>" in html
    assert "By <a" in html and "Hana Seo</a> and <a" in html
    assert "Feature image from Jae-won Lim (CC BY 4.0)" in html
    assert "Download PDF (" in html and "14 pages)" in html
    assert "This browser does not support PDFs. Please download the PDF to view it" in html
    assert 'type="application/pdf"' in html
    assert 'aria-label="Breadcrumb"' in html


def test_disclaimer_falls_back_to_the_institute_notice(client, publication_index, home):
    from wagtail.models import Site

    settings = InstituteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.legal_notice = "<p>Registered under the Foreign Agents Registration Act.</p>"
    settings.save()
    plain = f.PublicationPageFactory(parent=publication_index, title="Plain")
    own = f.PublicationPageFactory(
        parent=publication_index, title="Own", disclaimer="<p>A special notice.</p>"
    )
    assert "Foreign Agents Registration Act" in client.get(plain.url).content.decode()
    html = client.get(own.url).content.decode()
    assert "A special notice." in html and "Foreign Agents" not in html


def test_series_item_links_to_its_series_and_the_paper_lists_it(client, publication_index, issue):
    paper = f.ArticlePageFactory(parent=issue, title="The full paper")
    series = f.SeriesPageFactory(parent=publication_index, title="Alliance Futures")
    brief = f.PublicationPageFactory(
        parent=publication_index,
        title="The short brief",
        series=series,
        series_number=3,
        derived_from=paper,
    )
    html = client.get(brief.url).content.decode()
    assert "Part of <a" in html and "Alliance Futures</a>, No. 3" in html
    assert "Derived from <a" in html and "The full paper</a>" in html
    paper_html = client.get(paper.url).content.decode()
    assert "Briefs derived from this paper" in paper_html and "The short brief" in paper_html
    series_response = client.get(series.url)
    assert "publications/series_page.html" in templates(series_response)
    assert "No. 3" in series_response.content.decode()


def test_article_names_its_issue_and_blog_post_offers_a_way_back(client, issue, blog_index):
    article = f.ArticlePageFactory(parent=issue, title="An article", first_page=5, last_page=19)
    html = client.get(article.url).content.decode()
    assert "journal/article_page.html" in templates(client.get(article.url))
    assert f"{issue.title}</a>, pp. 5–19" in html
    post = f.BlogPostPageFactory(parent=blog_index, title="A post")
    response = client.get(post.url)
    assert "blog/blog_post_page.html" in templates(response)
    assert f"Return to {blog_index.title}" in response.content.decode()
