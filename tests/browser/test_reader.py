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

    # The reader (PDF.js) shows the first page once it is in view.
    page.locator("#pdf-reader").scroll_into_view_if_needed()
    page.locator("#pdf-reader[data-page='1']").wait_for()
    assert page.get_by_text("of 4", exact=True).is_visible()
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
    reader = page.locator("#pdf-reader[data-page='3']")
    reader.wait_for()
    assert page.get_by_label("Page", exact=True).input_value() == "3"
    assert "page 3" in page.locator("#pdf-reader .textLayer").inner_text().lower()
    assert reader.evaluate("e => e.getBoundingClientRect().top") < 200  # brought into view


def test_a_second_search_hit_on_the_same_page_turns_the_reader_to_its_page(
    live_server, page, brief
):
    page.goto(f"{live_server.url}{brief.url}#page=3")
    page.locator("#pdf-reader[data-page='3']").wait_for()
    page.evaluate("window.location.hash = '#page=2'")
    page.locator("#pdf-reader[data-page='2']").wait_for()
