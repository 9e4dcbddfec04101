"""The inline reader (PDF.js) starts reading a 50 MB report at once, in Chromium.

Chromium's own viewer shows nothing until the whole file has arrived (``test_pdf_ranges``
explains why); PDF.js asks for the bytes of the page it shows. The link between server and
browser is slowed to about 1.3 MB/s, as a reader's connection would be: over loopback the
server would push megabytes into the socket before the reader could say it wants only a part.
Bytes are counted where they leave the server.
"""

import json
import os
import time
import uuid
from pathlib import Path

import pytest
from django.core.files import File
from wagtail.documents import get_document_model

from imprint.core.middleware import RangeRequestMiddleware
from tests import built
from tests import factories as f
from tests.browser.test_content_security_policy import console_errors
from tests.documents.pdfs import bulky_pdf

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PAGES = 200
PAGE_BYTES = 256 * 1024  # 200 pages of 256 KB: a 51 MB report, as scans make them
FIRST_PAGE_BUDGET = 1024 * 1024  # what showing one page may cost, whatever the file's size


@pytest.fixture(scope="session")
def long_pdf() -> Path:
    """The 51 MB PDF, made once and kept in the test cache (never committed)."""
    path = built.cache_dir() / f"long-report-{PAGES}x{PAGE_BYTES}.pdf"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        building = path.with_name(f"{path.name}.{uuid.uuid4().hex[:8]}.tmp")
        building.write_bytes(bulky_pdf(PAGES, PAGE_BYTES))
        os.replace(building, path)
    return path


@pytest.fixture
def report(home, long_pdf):
    index = f.PublicationIndexPageFactory(parent=home)
    document = get_document_model()(title="A long report")
    with long_pdf.open("rb") as source:
        document.file.save("long-report.pdf", File(source))
    return f.PublicationPageFactory(
        parent=index, title="A long report", pdf=document, body=_long_body()
    )


def _long_body():
    # The reader sits below the fold, as it does under a real report's summary and body.
    text = "<p>" + "The report's findings, set out at length. " * 60 + "</p>"
    return json.dumps([{"type": "paragraph", "value": text}] * 4)


class Served(list):
    """(Range header, status, bytes sent) of every PDF answer, in the order they were asked."""

    def sent(self) -> int:
        return sum(sent for _, _, sent in list(self))

    def ranges(self) -> list[tuple[int, int]]:
        spans = []
        for header, status, _ in list(self):
            if status == 206:
                first, _, last = header.removeprefix("bytes=").partition("-")
                spans.append((int(first), int(last)))
        return spans


@pytest.fixture
def served(monkeypatch) -> Served:
    answers = Served()
    answer = RangeRequestMiddleware.__call__

    def counted(self, request):
        response = answer(self, request)
        if response.get("Content-Type") == "application/pdf":
            entry = [request.headers.get("Range", ""), response.status_code, 0]
            answers.append(entry)
            response.streaming_content = _slowly(response.streaming_content, entry)
        return response

    monkeypatch.setattr(RangeRequestMiddleware, "__call__", counted)
    return answers


def _slowly(chunks, entry, block: int = 64 * 1024):
    """About 1.3 MB/s; counts what was handed to the server (the last block may be lost)."""
    for chunk in chunks:
        for start in range(0, len(chunk), block):
            time.sleep(0.05)
            piece = chunk[start : start + block]
            entry[2] += len(piece)
            yield piece


def _page_shown(page, number: int) -> None:
    reader = page.locator(f"#pdf-reader[data-page='{number}']")
    reader.wait_for(timeout=20_000)
    # The page's text is laid over the drawing, for selecting and copying.
    text = page.locator("#pdf-reader .textLayer").inner_text()
    assert f"Page {number}" in text


def test_the_reader_shows_the_first_page_of_a_long_pdf_after_a_few_hundred_kilobytes(
    live_server, page, report, served
):
    errors = console_errors(page)
    page.goto(live_server.url + report.url)
    page.wait_for_load_state("load")
    time.sleep(0.5)
    assert served == [], "nothing is fetched before the reader comes into view"
    assert page.locator("#pdf-reader .pdf__page").count() == 0

    started = time.monotonic()
    page.locator("#pdf-reader").scroll_into_view_if_needed()
    _page_shown(page, 1)
    seconds = time.monotonic() - started
    sent = served.sent()
    assert sent < FIRST_PAGE_BUDGET, served
    assert served.ranges(), "the reader asked for ranges"
    assert page.get_by_text(f"of {PAGES}", exact=True).is_visible()
    page.screenshot(path=_shot("first-page"))
    print(f"\nfirst page of {report.pdf.file.size:,} bytes: {seconds:.2f} s, {sent:,} bytes sent")
    assert errors == []


def test_a_link_to_page_40_opens_the_reader_there_without_the_pages_before_it(
    live_server, page, report, served
):
    errors = console_errors(page)
    page.goto(f"{live_server.url}{report.url}#page=40")
    _page_shown(page, 40)
    assert page.get_by_label("Page", exact=True).input_value() == "40"
    assert page.locator("#pdf-reader").evaluate("e => e.getBoundingClientRect().top") < 200
    assert served.sent() < FIRST_PAGE_BUDGET, served
    page.screenshot(path=_shot("page-40"))
    assert errors == []


def test_a_reader_moves_through_the_pages_and_zooms_with_labelled_controls(
    live_server, page, report, served
):
    errors = console_errors(page)
    page.goto(f"{live_server.url}{report.url}#page=1")
    _page_shown(page, 1)
    previous = page.get_by_role("button", name="Previous page")
    assert previous.is_disabled()
    page.get_by_role("button", name="Next page").click()
    _page_shown(page, 2)

    number = page.get_by_label("Page", exact=True)
    number.fill("120")
    number.press("Enter")
    _page_shown(page, 120)

    # The keyboard alone: the page region takes focus, arrows turn the pages.
    view = page.get_by_role("region", name="PDF of A long report, page 120 of 200")
    view.focus()
    page.keyboard.press("ArrowRight")
    _page_shown(page, 121)
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    _page_shown(page, 119)

    fit = page.get_by_role("button", name="Fit width")
    width = page.locator("#pdf-reader .pdf__page").bounding_box()["width"]
    page.get_by_role("button", name="Zoom out").click()
    page.wait_for_function(
        "w => document.querySelector('#pdf-reader .pdf__page').getBoundingClientRect().width < w",
        arg=width - 10,
    )
    assert fit.get_attribute("aria-pressed") == "false"
    fit.click()
    page.wait_for_function(
        "w => document.querySelector('#pdf-reader .pdf__page').getBoundingClientRect().width == w",
        arg=width,
    )
    assert served.sent() < 4 * FIRST_PAGE_BUDGET, "five pages shown, not the file"
    assert errors == []


def test_a_reader_selects_the_text_of_a_page(live_server, page, report, served):
    page.goto(f"{live_server.url}{report.url}#page=3")
    _page_shown(page, 3)
    page.locator("#pdf-reader .textLayer span", has_text="Page 3").first.click(click_count=3)
    assert "Page 3" in page.evaluate("String(window.getSelection())")


def test_without_javascript_the_browsers_own_viewer_and_the_download_remain(
    live_server, browser, report, served
):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.goto(live_server.url + report.url)
    reader = page.locator("#pdf-reader object[type='application/pdf']")
    assert reader.get_attribute("data") == report.pdf.url
    assert reader.is_visible()
    download = page.get_by_role("link", name="Download PDF").first
    assert download.get_attribute("href") == report.pdf.url
    assert download.get_attribute("download") is not None
    context.close()


def test_when_pdfjs_cannot_run_the_browsers_viewer_opens_at_the_page(
    live_server, page, report, served
):
    page.route("**/pdf.min*.mjs", lambda route: route.abort())  # as in a browser too old for it
    page.goto(f"{live_server.url}{report.url}#page=40")
    reader = page.locator("#pdf-reader object[type='application/pdf']")
    reader.wait_for(state="attached")
    assert reader.get_attribute("data") == report.pdf.url + "#page=40"


def _shot(name: str) -> str:
    directory = Path(os.environ.get("IMPRINT_SCREENSHOTS", built.ROOT / "var" / "screenshots"))
    directory.mkdir(parents=True, exist_ok=True)
    return str(directory / f"pdf-reader-{name}.png")
