import io

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(User.objects.create_superuser("ed", "ed@example.org", "pw"))
    return client


def png(width: int, height: int) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("1", (width, height)).save(out, format="PNG")  # one bit a pixel: quick to make
    return SimpleUploadedFile("photo.png", out.getvalue(), "image/png")


def test_an_11000_pixel_square_image_is_refused_with_the_reason(editor_client):
    response = editor_client.post(
        reverse("wagtailimages:add"), {"title": "Huge", "file": png(11_000, 11_000)}
    )
    assert response.status_code == 200
    assert "This file has too many pixels (121000000). Maximum pixels 16000000." in (
        response.content.decode()
    )
    assert not get_image_model().objects.exists()


def test_a_large_photograph_is_accepted(editor_client):
    response = editor_client.post(
        reverse("wagtailimages:add"), {"title": "Photo", "file": png(4_800, 3_200)}
    )
    assert response.status_code == 302
    assert get_image_model().objects.filter(title="Photo").exists()
