import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image
from wagtail.documents import get_document_model

from imprint.documents.models import DocumentPage, ExtractionStatus
from imprint.documents.pdfreader import THUMBNAIL_MAX_PIXELS

from .pdfs import CJK_FONT, blank_pdf, raw_pdf, text_pdf

pytestmark = pytest.mark.django_db

Document = get_document_model()


def upload(name: str, data: bytes, capture) -> Document:
    """Create a document as an upload does; extraction runs when the transaction commits."""
    with capture(execute=True):
        document = Document(title=name)
        document.file.save(name, ContentFile(data))
    document.refresh_from_db()
    return document


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


def test_text_of_every_page_is_stored_in_order(capture):
    document = upload("brief.pdf", text_pdf(["Alliance costs", "Trade routes", "Energy"]), capture)
    assert document.extraction_status == ExtractionStatus.DONE
    assert document.page_count == 3
    assert list(document.pages.values_list("number", "text")) == [
        (1, "Alliance costs"),
        (2, "Trade routes"),
        (3, "Energy"),
    ]
    assert document.file_size > 0 and document.file_hash


def test_a_cover_thumbnail_is_rendered_from_page_one(capture):
    document = upload("cover.pdf", text_pdf(["Cover page"]), capture)
    with document.thumbnail.open("rb") as fh:
        assert fh.read(3) == b"\xff\xd8\xff"  # a JPEG


@pytest.mark.skipif(not CJK_FONT.exists(), reason="needs Debian's fonts-noto-cjk")
def test_korean_and_japanese_text_survive_extraction(capture):
    lines = ["한반도 평화와 동맹의 미래", "インド太平洋の経済安全保障"]
    document = upload("cjk.pdf", text_pdf(lines, cjk=True), capture)
    texts = list(document.pages.values_list("text", flat=True))
    assert texts == lines


def test_a_password_protected_pdf_is_kept_with_a_clear_message(capture):
    document = upload("locked.pdf", text_pdf(["Secret"], password="s3cret"), capture)
    assert document.extraction_status == ExtractionStatus.FAILED
    assert "password-protected" in document.extraction_message
    assert document.file.size > 0 and not document.pages.exists()


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("truncated.pdf", text_pdf(["Half a file"])[:300], "could not be read as a PDF"),
        ("notreally.pdf", b"<html>this is a web page</html>", "could not be read as a PDF"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_a_broken_pdf_is_kept_with_a_clear_message(capture, name, data, words):
    document = upload(name, data, capture)
    assert document.extraction_status == ExtractionStatus.FAILED
    assert words in document.extraction_message
    assert Document.objects.filter(pk=document.pk).exists()


def test_a_pdf_over_the_page_limit_is_counted_but_not_read(capture, settings):
    settings.IMPRINT_PDF_MAX_EXTRACT_PAGES = 2
    document = upload("long.pdf", text_pdf(["one", "two", "three"]), capture)
    assert document.extraction_status == ExtractionStatus.TOO_LONG
    assert document.page_count == 3
    assert "Too long to read: 3 pages, the limit is 2." in document.extraction_message
    assert not document.pages.exists()


def test_a_5000_page_pdf_is_too_long_to_read_not_a_non_pdf(capture):
    document = upload("long.pdf", raw_pdf(5000), capture)
    assert document.get_extraction_status_display() == "Too long to read"
    assert "5,000 pages, the limit is 2,000" in document.extraction_message


@pytest.mark.parametrize(("width", "height"), [(1, 14400), (14400, 1), (14400, 14400), (0, 0)])
def test_a_page_of_any_size_gets_a_small_thumbnail(capture, width, height):
    document = upload("strip.pdf", raw_pdf(1, width=width, height=height), capture)
    assert document.extraction_status == ExtractionStatus.DONE
    with document.thumbnail.open("rb") as fh, Image.open(fh) as image:
        assert image.width * image.height <= THUMBNAIL_MAX_PIXELS
        assert max(image.size) <= 3 * min(image.size)


def test_a_pdf_that_needs_too_much_memory_is_stopped_and_the_editor_told(capture, settings):
    settings.IMPRINT_PDF_MEMORY_MB = 40  # less than the reader needs to start at all
    document = upload("greedy.pdf", text_pdf(["Fine"]), capture)
    assert document.extraction_status == ExtractionStatus.FAILED
    assert "needed more than 40 MB of memory" in document.extraction_message
    assert "damaged" not in document.extraction_message


def test_a_pdf_that_takes_too_long_is_stopped_and_the_editor_told(capture, settings):
    settings.IMPRINT_PDF_TIMEOUT_SECONDS = 0.01
    document = upload("slow.pdf", text_pdf(["Slow"]), capture)
    assert document.extraction_status == ExtractionStatus.FAILED
    assert "took longer than 0.01 seconds" in document.extraction_message


def test_a_scanned_pdf_without_text_says_so(capture):
    document = upload("scan.pdf", blank_pdf(2), capture)
    assert document.extraction_status == ExtractionStatus.DONE
    assert "scanned images" in document.extraction_message


def test_other_files_are_skipped(capture):
    document = upload("data.csv", b"year,value\n2024,3\n", capture)
    assert document.extraction_status == ExtractionStatus.SKIPPED


def test_replacing_the_file_reads_the_new_one(capture):
    document = upload("v1.pdf", text_pdf(["First version"]), capture)
    with capture(execute=True):
        document.file.save("v2.pdf", ContentFile(text_pdf(["Second", "version"])))
    document.refresh_from_db()
    assert document.page_count == 2
    assert list(document.pages.values_list("text", flat=True)) == ["Second", "version"]


def test_editing_the_title_does_not_read_the_file_again(capture):
    document = upload("same.pdf", text_pdf(["Same"]), capture)
    with capture(execute=False) as callbacks:
        document.title = "Renamed"
        document.save()
    names = [getattr(c, "__name__", "") for c in callbacks]
    assert names == ["start_new_generation"]  # pages showing it change; nothing is read


def test_command_re_extracts_and_refuses_unknown_ids(capture):
    document = upload("again.pdf", text_pdf(["Again"]), capture)
    DocumentPage.objects.all().delete()
    call_command("extract_documents", str(document.pk), verbosity=0)
    assert document.pages.count() == 1
    with pytest.raises(CommandError, match="No document with id 999"):
        call_command("extract_documents", "999")
    with pytest.raises(CommandError, match="Name document ids"):
        call_command("extract_documents")
