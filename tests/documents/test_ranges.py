"""A PDF reader can start at once and jump to a page: documents answer byte ranges."""

import pytest

from imprint.core.middleware import byte_range
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(publication_index, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        pdf = f.make_pdf_document("Ranged paper", pages=5)
    f.PublicationPageFactory(parent=publication_index, pdf=pdf)
    pdf.refresh_from_db()
    return pdf


def _whole(client, document) -> bytes:
    response = client.get(document.url)
    assert response["Accept-Ranges"] == "bytes"
    return b"".join(response.streaming_content)


def test_a_pdf_viewer_is_told_it_may_ask_for_ranges(client, document):
    """Viewers (Chromium's, PDF.js) load by ranges only from an uncompressed, sized file."""
    response = client.get(document.url)
    assert response["Accept-Ranges"] == "bytes"
    assert "Content-Encoding" not in response
    assert int(response["Content-Length"]) == len(b"".join(response.streaming_content))


def test_a_range_gets_206_and_just_those_bytes(client, document):
    whole = _whole(client, document)
    response = client.get(document.url, HTTP_RANGE="bytes=100-199")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 100-199/{len(whole)}"
    assert response["Content-Length"] == "100"
    assert b"".join(response.streaming_content) == whole[100:200]
    assert response["Content-Type"] == "application/pdf"


def test_the_last_bytes_and_an_open_range(client, document):
    whole = _whole(client, document)
    tail = client.get(document.url, HTTP_RANGE="bytes=-64")
    assert b"".join(tail.streaming_content) == whole[-64:]
    rest = client.get(document.url, HTTP_RANGE=f"bytes={len(whole) - 10}-")
    assert b"".join(rest.streaming_content) == whole[-10:]


def test_an_unsatisfiable_range_is_416(client, document):
    size = len(_whole(client, document))
    response = client.get(document.url, HTTP_RANGE=f"bytes={size + 10}-")
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{size}"


def test_several_ranges_or_other_units_get_the_whole_file(client, document):
    whole = _whole(client, document)
    for header in ("bytes=0-1,5-6", "pages=1-2", "bytes=abc"):
        response = client.get(document.url, HTTP_RANGE=header)
        assert response.status_code == 200, header
        assert b"".join(response.streaming_content) == whole


def test_a_closed_document_stays_closed_whatever_the_range(client, publication_index):
    closed = f.make_pdf_document("Embargoed paper")
    assert client.get(closed.url, HTTP_RANGE="bytes=0-10").status_code == 404


@pytest.mark.parametrize(
    ("header", "size", "expected"),
    [
        ("bytes=0-0", 10, (0, 0)),
        ("bytes=5-100", 10, (5, 9)),
        ("bytes=-3", 10, (7, 9)),
        ("bytes=10-", 10, None),
        ("bytes=-0", 10, None),
        ("bytes=4-2", 10, None),
    ],
)
def test_byte_range(header, size, expected):
    assert byte_range(header, size) == expected
