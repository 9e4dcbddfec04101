"""After the access check, the web server in front or a private bucket sends a document's bytes.

``IMPRINT_DOCUMENTS_SENDFILE`` answers with an X-Accel-Redirect (nginx, Caddy) or X-Sendfile
(Apache) header and no body; ``IMPRINT_DOCUMENTS_BUCKET`` redirects to a short-lived signed URL.
Either way a closed document is still a plain 404, and pages still link the checking view.

No S3-compatible server can be installed here (none in Debian's archive or on PyPI but test
doubles), so the bucket tests check the redirect's target and the form of its signature, which
boto3 computes without the network.
"""

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import ImproperlyConfigured
from storages.backends.s3 import S3Storage
from wagtail.documents import get_document_model
from wagtail.utils.sendfile import _get_sendfile

from imprint.settings.documents import bucket_origins, documents_bucket, sendfile_backend
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_document(publication_index, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        pdf = f.make_pdf_document("Delivered paper", pages=2)
    pdf.page = f.PublicationPageFactory(parent=publication_index, pdf=pdf)
    return pdf


@pytest.fixture
def closed_document(publication_index):
    pdf = f.make_pdf_document("Embargoed paper")
    f.PublicationPageFactory(parent=publication_index, pdf=pdf, live=False)
    return pdf


@pytest.fixture(params=["x-accel-redirect", "x-sendfile"])
def sendfile(request, settings):
    settings.IMPRINT_DOCUMENTS_SENDFILE = request.param
    settings.SENDFILE_BACKEND = sendfile_backend(request.param, "")
    settings.SENDFILE_ROOT = settings.STORAGES["documents"]["OPTIONS"]["location"]
    settings.SENDFILE_URL = "/_protected/documents/"
    _get_sendfile.clear()  # Wagtail loads the backend once per process
    yield request.param
    _get_sendfile.clear()


def test_the_web_server_gets_the_file_to_send_and_no_body(client, sendfile, open_document):
    response = client.get(open_document.url, HTTP_RANGE="bytes=0-99")
    assert response.status_code == 200  # the web server answers the range with 206
    assert response.content == b""
    assert response.get("Content-Length") in (None, "0")  # the web server writes the length
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert "Content-Encoding" not in response  # or viewers would not ask the server for ranges
    name = open_document.file.name
    if sendfile == "x-accel-redirect":
        assert response["X-Accel-Redirect"] == f"/_protected/documents/{name}"
        assert "X-Sendfile" not in response
    else:
        assert Path(response["X-Sendfile"]) == Path(open_document.file.path)
        assert "X-Accel-Redirect" not in response


def test_a_closed_document_gives_the_web_server_nothing(client, sendfile, closed_document):
    response = client.get(closed_document.url)
    assert response.status_code == 404
    assert "X-Accel-Redirect" not in response
    assert "X-Sendfile" not in response
    assert closed_document.file.name not in response.content.decode()


def test_an_unknown_sendfile_header_or_both_ways_at_once_stop_the_start():
    with pytest.raises(ImproperlyConfigured, match="IMPRINT_DOCUMENTS_SENDFILE"):
        sendfile_backend("x-lighttpd", "")
    with pytest.raises(ImproperlyConfigured, match="not both"):
        sendfile_backend("x-sendfile", "reports")


@pytest.fixture(params=[None, "https://objects.example.org"], ids=["aws", "own endpoint"])
def bucket(request, settings, monkeypatch):
    """The documents storage as production builds it for a bucket, with made-up credentials."""
    options = documents_bucket("institute-documents")["OPTIONS"]
    options.update(
        region_name="eu-west-1",
        endpoint_url=request.param,
        access_key="AKIAIOSFODNN7EXAMPLE",
        secret_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    )
    storage = S3Storage(**options)
    file_field = get_document_model()._meta.get_field("file")
    monkeypatch.setattr(file_field, "storage", storage)
    settings.WAGTAILDOCS_SERVE_METHOD = "redirect"
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    for directive in ("object-src", "connect-src"):
        directives[directive] = [*directives[directive], *bucket_origins(options)]
    return storage


def test_an_open_document_redirects_to_a_signed_url_that_expires(client, open_document, bucket):
    response = client.get(open_document.url)
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.scheme == "https"
    assert location.path.endswith(f"/{open_document.file.name}")
    query = {key: values[0] for key, values in parse_qs(location.query).items()}
    assert query["X-Amz-Algorithm"] == "AWS4-HMAC-SHA256"
    assert query["X-Amz-Expires"] == "300"
    assert query["X-Amz-Credential"].startswith("AKIAIOSFODNN7EXAMPLE/")
    assert query["X-Amz-Credential"].endswith("/eu-west-1/s3/aws4_request")
    assert len(query["X-Amz-Signature"]) == 64


def test_a_closed_document_never_gets_a_signed_url(client, closed_document, bucket):
    response = client.get(closed_document.url)
    assert response.status_code == 404
    assert "Location" not in response
    assert "X-Amz-Signature" not in response.content.decode()


def test_pages_link_the_checking_view_not_the_bucket(client, open_document, bucket):
    response = client.get(open_document.page.url)
    html = response.content.decode()
    assert f'data="/documents/{open_document.pk}/{open_document.filename}"' in html
    assert "X-Amz-Signature" not in html


@pytest.mark.parametrize("directive", ["object-src", "connect-src"])
def test_the_page_lets_its_pdf_reader_follow_the_redirect(client, open_document, bucket, directive):
    """The page's policy allows the bucket as a source of the <object> (without JavaScript) and
    of PDF.js's range requests: else the reader stays blank."""
    target = urlsplit(client.get(open_document.url)["Location"])
    policy = client.get(open_document.page.url)["Content-Security-Policy"]
    sources = next(d for d in policy.split(";") if d.strip().startswith(directive)).split()
    assert f"{target.scheme}://{target.netloc}" in sources


def test_settings_for_a_bucket_let_both_pdf_readers_reach_it():
    """Built by the settings themselves (a fresh process): <object> and PDF.js's requests."""
    code = (
        "import json; from imprint.settings import test as s; "
        "print(json.dumps(s.CONTENT_SECURITY_POLICY['DIRECTIVES'], default=str))"
    )
    env = {**os.environ, "IMPRINT_DOCUMENTS_BUCKET": "institute-documents"}
    env["IMPRINT_DOCUMENTS_REGION"] = "eu-west-1"
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    directives = json.loads(done.stdout.strip().splitlines()[-1])
    for directive in ("object-src", "connect-src"):
        assert "https://institute-documents.s3.eu-west-1.amazonaws.com" in directives[directive]
    assert directives["worker-src"] == ["'self'"]
