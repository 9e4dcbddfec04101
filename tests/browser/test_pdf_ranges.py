"""A reader starts reading a long PDF at once and can jump to a page: the viewer loads by ranges.

Chromium's own viewer loads by ranges only with two of its features on (``PdfPartialLoading``,
``PdfIncrementalLoading``: off by default, crbug.com/40123601); PDF.js, Firefox's viewer, does
by default. Either needs the same from us: ``Accept-Ranges: bytes``, a length, no
``Content-Encoding``, and 206 answers. The link between server and browser is slowed here to
about 1.3 MB/s, as a reader's connection would be: over loopback, the whole file would arrive
before the viewer had any reason to ask for a part.
"""

import time

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from imprint.core.middleware import RangeRequestMiddleware
from tests import factories as f
from tests.browser.conftest import CHROMIUM_ARGS, chromium_path
from tests.documents.pdfs import bulky_pdf, linearized

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PAGES = 60
PDF = linearized(bulky_pdf(PAGES, 256 * 1024))  # 15 MB: 11 s over the slowed link


@pytest.fixture(scope="module")
def ranged_viewer(playwright):
    """Chromium with its viewer's range loading on (the `page` fixture's browser has it off)."""
    features = "--enable-features=PdfPartialLoading,PdfIncrementalLoading"
    browser = playwright.chromium.launch(
        executable_path=chromium_path(), args=[*CHROMIUM_ARGS, features]
    )
    yield browser
    browser.close()


@pytest.fixture
def report(home):
    index = f.PublicationIndexPageFactory(parent=home)
    document = get_document_model()(title="A long report")
    document.file.save("long-report.pdf", ContentFile(PDF))
    return f.PublicationPageFactory(parent=index, title="A long report", pdf=document)


@pytest.fixture
def served(monkeypatch) -> list[tuple[str, int]]:
    """(Range header, status) of every PDF answer, the file sent at about 1.3 MB/s."""
    answers: list[tuple[str, int]] = []
    answer = RangeRequestMiddleware.__call__

    def slowed(self, request):
        response = answer(self, request)
        if response.get("Content-Type") == "application/pdf":
            answers.append((request.headers.get("Range", ""), response.status_code))
            response.streaming_content = _slowly(response.streaming_content)
        return response

    monkeypatch.setattr(RangeRequestMiddleware, "__call__", slowed)
    return answers


def _slowly(chunks, block: int = 64 * 1024):
    for chunk in chunks:
        for start in range(0, len(chunk), block):
            time.sleep(0.05)
            yield chunk[start : start + block]


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def _ranges(answers) -> list[tuple[int, int]]:
    spans = []
    for header, status in list(answers):
        if status == 206:
            first, _, last = header.removeprefix("bytes=").partition("-")
            spans.append((int(first), int(last or len(PDF) - 1)))
    return spans


def test_the_reader_asks_for_the_end_of_a_long_pdf_without_waiting(
    live_server, ranged_viewer, report, served
):
    page = ranged_viewer.new_page()
    page.goto(live_server.url + report.url)
    # The index of a PDF is at its end: the viewer asks for it instead of reading 15 MB first.
    assert _wait_for(lambda: any(last == len(PDF) - 1 for _, last in _ranges(served)), 5)
    assert served[0] == ("", 200), served
    page.close()


def test_a_link_to_a_page_fetches_that_page_without_the_pages_before_it(
    live_server, ranged_viewer, report, served
):
    page = ranged_viewer.new_page()
    page.goto(f"{live_server.url}{report.pdf.url}#page=50")
    page_50 = PDF.index(b"(Page 50) Tj")  # 12 MB in: 9 s of reading from the start
    assert _wait_for(lambda: any(first <= page_50 <= last for first, last in _ranges(served)), 6), (
        served
    )
    page.close()
