"""Documents in a bucket: the reader follows ``/documents/``'s redirect to another origin.

A bucket cannot run here (tests/documents/test_delivery.py says why), so a small HTTP server on
another port stands in for it: it answers ranges, and CORS when the bucket is configured as
docs/operations.md asks. The page's policy names its origin, as the settings do for a bucket.
"""

import contextlib
import http.server
import re
import threading
from collections.abc import Iterator

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from wagtail.documents import get_document_model

from tests import factories as f
from tests.browser.test_content_security_policy import console_errors
from tests.documents.pdfs import bulky_pdf

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PDF = bulky_pdf(60, 64 * 1024)  # 4 MB


class Bucket(http.server.BaseHTTPRequestHandler):
    """GET and HEAD of the one PDF, by ranges; CORS headers only when ``cors`` is on."""

    cors = True
    ranges: list[str] = []

    def do_OPTIONS(self) -> None:  # noqa: N802  (the preflight, if the browser sends one)
        self.send_response(204 if self.cors else 403)
        self._cors()
        self.end_headers()

    def do_HEAD(self) -> None:  # noqa: N802
        self.do_GET(body=False)

    def do_GET(self, body: bool = True) -> None:  # noqa: N802
        header = self.headers.get("Range", "")
        match = re.fullmatch(r"bytes=(\d+)-(\d+)", header)
        first, last = (int(match[1]), min(int(match[2]), len(PDF) - 1)) if match else (0, None)
        self.ranges.append(header)
        part = PDF[first : last + 1] if match else PDF
        self.send_response(206 if match else 200)
        self.send_header("Content-Type", "application/pdf")
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Content-Length", str(len(part)))
        if match:
            self.send_header("Content-Range", f"bytes {first}-{last}/{len(PDF)}")
        self._cors()
        self.end_headers()
        # The reader cancels the whole-file request once it knows that ranges work.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            if body:
                self.wfile.write(part)

    def _cors(self) -> None:
        if self.cors:
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Allow-Headers", "Range")
            self.send_header(
                "Access-Control-Expose-Headers",
                "Accept-Ranges, Content-Range, Content-Length, Content-Encoding",
            )

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def bucket() -> Iterator[str]:
    Bucket.ranges = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Bucket)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def report(home, bucket, settings, monkeypatch):
    index = f.PublicationIndexPageFactory(parent=home)
    document = get_document_model()(title="A report in a bucket")
    document.file.save("bucket-report.pdf", ContentFile(PDF))
    # /documents/ checks access, then redirects to the file's URL in the "bucket".
    file_field = get_document_model()._meta.get_field("file")
    storage = FileSystemStorage(location=file_field.storage.location, base_url=f"{bucket}/")
    monkeypatch.setattr(file_field, "storage", storage)
    settings.WAGTAILDOCS_SERVE_METHOD = "redirect"
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    for directive in ("object-src", "connect-src"):
        directives[directive] = [*directives[directive], bucket]
    return f.PublicationPageFactory(parent=index, title="A report in a bucket", pdf=document)


def test_the_reader_follows_the_redirect_and_reads_the_bucket_by_ranges(live_server, page, report):
    errors = console_errors(page)
    page.goto(f"{live_server.url}{report.url}#page=40")
    page.locator("#pdf-reader[data-page='40']").wait_for()
    assert "Page 40" in page.locator("#pdf-reader .textLayer").inner_text()
    assert [r for r in Bucket.ranges if r], "the bucket was read by ranges"
    assert errors == []


def test_a_bucket_without_cors_leaves_the_browsers_viewer(live_server, page, report):
    Bucket.cors = False
    try:
        page.goto(f"{live_server.url}{report.url}#page=40")
        reader = page.locator("#pdf-reader object[type='application/pdf']")
        reader.wait_for(state="attached")
        assert reader.get_attribute("data") == report.pdf.url + "#page=40"
    finally:
        Bucket.cors = True
