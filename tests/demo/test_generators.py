"""The demo's own generators: ORCID iDs, PDFs, images. No database."""

import io
import random

import pypdfium2 as pdfium
import pytest
from PIL import Image

from imprint.demo import images, pdfs
from imprint.demo.orcid import orcid_for
from imprint.demo.pdfs import Paper, publication_pdf
from imprint.people.models import validate_orcid


def paper(**overrides) -> Paper:
    fields = {
        "title": "Rethinking trade in Japan",
        "authors": ["Hana Seo", "Tomás Herrera"],
        "institute": "Meridian Institute",
        "pages": 5,
    }
    return Paper(**(fields | overrides))


def page_texts(data: bytes) -> list[str]:
    pdf = pdfium.PdfDocument(data)
    return [pdf[n].get_textpage().get_text_range() for n in range(len(pdf))]


def test_demo_orcid_ids_pass_the_people_apps_check():
    for n in range(30):
        validate_orcid(orcid_for(n))


@pytest.mark.parametrize("pages", [4, 11, 20])
def test_a_pdf_has_exactly_the_pages_asked_for_with_numbers(pages):
    texts = page_texts(publication_pdf(paper(pages=pages), random.Random(1)))
    assert len(texts) == pages
    assert "Hana Seo, Tomás Herrera" in texts[0]
    assert "Rethinking trade in Japan" in texts[0]
    assert texts[-1].rstrip().endswith(str(pages))


def test_the_same_seed_makes_the_same_pdf():
    first = publication_pdf(paper(), random.Random(7))
    assert publication_pdf(paper(), random.Random(7)) == first


def test_a_kept_pdf_is_the_same_and_leaves_the_random_state_as_making_it_would(
    settings, tmp_path, monkeypatch
):
    settings.IMPRINT_DEMO_PDF_CACHE = str(tmp_path)
    made_rng = random.Random(3)
    made = publication_pdf(paper(), made_rng)
    monkeypatch.setattr(pdfs, "_publication_pdf", lambda *a: pytest.fail("made again"))
    kept_rng = random.Random(3)
    assert publication_pdf(paper(), kept_rng) == made
    assert kept_rng.random() == made_rng.random()
    monkeypatch.undo()
    other = publication_pdf(paper(title="Another title"), random.Random(3))
    assert other != made  # another paper is another file


def test_without_a_cjk_font_a_korean_paper_falls_back_to_english(monkeypatch):
    monkeypatch.setattr(pdfs, "CJK_FONTS", [])
    korean = paper(
        title="한반도 동맹의 미래",
        english_title="The future of alliances",
        language="ko",
        summary="동맹의 미래에 관한 요약입니다.",
    )
    texts = page_texts(publication_pdf(korean, random.Random(1)))
    assert "The future of alliances" in texts[0]


@pytest.mark.skipif(pdfs.cjk_font() is None, reason="needs a CJK font (fonts-noto-cjk)")
def test_a_japanese_paper_is_set_in_japanese():
    japanese = paper(title="海洋秩序と日韓協力", language="ja")
    texts = page_texts(publication_pdf(japanese, random.Random(1)))
    assert "海洋秩序と日韓協力" in texts[0]
    assert "はじめに" in texts[1]


def test_generated_images_are_valid_and_repeatable():
    for data in (
        images.feature_image(random.Random(3)),
        images.portrait("Hana Seo", random.Random(3)),
        images.cover("Pacific Peninsula Review", 1, 2, "Technology and trust", random.Random(3)),
        images.logo("Meridian"),
    ):
        assert Image.open(io.BytesIO(data)).size[0] > 100
    assert images.feature_image(random.Random(3)) == images.feature_image(random.Random(3))
