import pytest

from tests import factories as f

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def brief(home):
    index = f.PublicationIndexPageFactory(parent=home)
    author = f.PersonFactory(name="Hana Seo")
    page = f.PublicationPageFactory(
        parent=index,
        title="Rebuilding trust across the strait",
        is_featured=True,
        pdf=make_pdf(),
    )
    f.add_authors(page, author)
    return page


def make_pdf():
    return f.make_pdf_document("Rebuilding trust", pages=4)


def test_reader_goes_home_to_publication_reads_and_downloads_the_pdf(live_server, page, brief):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Rebuilding trust across the strait").first.click()
    page.wait_for_url("**/rebuilding-trust-across-the-strait/")
    assert page.get_by_role("heading", level=1).inner_text() == "Rebuilding trust across the strait"
    assert page.get_by_role("link", name="Hana Seo").first.is_visible()

    reader = page.locator("object[type='application/pdf'], iframe[src*='.pdf']").first
    assert reader.count() == 1
    inline = page.request.get(live_server.url + brief.pdf.url)
    assert inline.ok and inline.body().startswith(b"%PDF")
    assert inline.headers["content-type"] == "application/pdf"

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF").first.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as fh:
        assert fh.read(5) == b"%PDF-"


def test_a_search_hit_in_the_pdf_opens_the_reader_at_its_page(live_server, page, brief):
    # The brief's PDF was read and indexed when it committed (the worker's tasks run at once).
    page.goto(live_server.url + '/search/?q="page 3"')
    page.get_by_role("link", name="In the PDF, page 3").click()
    page.wait_for_url("**/rebuilding-trust-across-the-strait/#page=3")
    reader = page.locator("#pdf-reader")
    assert reader.get_attribute("data") == brief.pdf.url + "#page=3"
    assert reader.evaluate("e => e.getBoundingClientRect().top") < 200  # brought into view
