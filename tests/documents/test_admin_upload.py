import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model

from .pdfs import text_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(User.objects.create_superuser("ed", "ed@example.org", "pw"))
    return client


def test_editor_sees_extraction_result_after_upload(
    editor_client, django_capture_on_commit_callbacks
):
    pdf = SimpleUploadedFile("paper.pdf", text_pdf(["One", "Two"]), "application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(reverse("wagtaildocs:add"), {"title": "Paper", "file": pdf})
    assert response.status_code == 302
    document = get_document_model().objects.get(title="Paper")
    html = editor_client.get(reverse("wagtaildocs:edit", args=[document.pk])).content.decode()
    assert "Text extracted, 2 pages" in html


def test_editor_is_told_why_a_locked_pdf_is_not_searchable(
    editor_client, django_capture_on_commit_callbacks
):
    pdf = SimpleUploadedFile("locked.pdf", text_pdf(["x"], password="pw"), "application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(reverse("wagtaildocs:add"), {"title": "Locked", "file": pdf})
    document = get_document_model().objects.get(title="Locked")
    html = editor_client.get(reverse("wagtaildocs:edit", args=[document.pk])).content.decode()
    assert "password-protected" in html
    assert document.file.size > 0
