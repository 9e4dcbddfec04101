"""In Chromium: the Cite section under the site's Content-Security-Policy, its Copy button and
a download."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.distribution import cite_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reader_copies_a_reference_and_downloads_bibtex(live_server, page, home):
    world = cite_world.build()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(live_server.url + world.article.url)
    section = page.locator("section.cite")
    section.scroll_into_view_if_needed()
    if os.environ.get("IMPRINT_SCREENSHOTS"):
        section.screenshot(path=os.path.join(os.environ["IMPRINT_SCREENSHOTS"], "cite.png"))
        page.screenshot(path=os.path.join(os.environ["IMPRINT_SCREENSHOTS"], "cite-page.png"))

    apa = section.locator("#cite-apa")
    section.locator("button[data-copy=cite-apa]").click()
    assert page.evaluate("navigator.clipboard.readText()") == apa.inner_text().strip()
    assert section.locator("button[data-copy=cite-apa]").inner_text() == "Copied"
    section.get_by_text("MLA", exact=True).click()
    assert section.locator("#cite-modern-language-association").is_visible()

    with page.expect_download() as download:
        section.get_by_role("link", name="BibTeX").click()
    assert download.value.suggested_filename == "tariffs-and-trade.bib"
    assert "@article{doe2025tariffs," in Path(download.value.path()).read_text(encoding="utf-8")
    assert errors == []
