"""In Chromium: pages with JSON-LD blocks (and titles that try to end them) run under the
strict Content-Security-Policy without a single violation, and the blocks read back whole."""

import pytest

from tests import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOSTILE = "Costs </script><script>window.injected = 1</script> <!-- 日本 🇯🇵"


def test_json_ld_is_data_not_script_under_the_strict_policy(live_server, page, home):
    index = f.PublicationIndexPageFactory(parent=home, slug="publications")
    brief = f.PublicationPageFactory(parent=index, title=HOSTILE)
    author = f.PersonFactory(name="Hana Seo", orcid="0000-0002-1825-0097")
    f.add_authors(brief, author)
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))

    for path in ["/", brief.url, f"/people/{author.slug}/", "/publications/"]:
        response = page.goto(live_server.url + path)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("load")
        blocks = page.eval_on_selector_all(
            "script[type='application/ld+json']", "els => els.map(e => JSON.parse(e.textContent))"
        )
        assert blocks, path
    page.goto(live_server.url + brief.url)
    names = page.eval_on_selector_all(
        "script[type='application/ld+json']",
        "els => els.map(e => JSON.parse(e.textContent).name).filter(Boolean)",
    )
    assert HOSTILE in names
    assert page.evaluate("window.injected") is None
    assert page.locator("main h1").inner_text() == HOSTILE
    assert errors == []
