"""In Chromium: public pages run under the strict policy without a single violation, an injected
inline script does not run, and Wagtail's admin still works under its own policy."""

import pytest
from django.contrib.auth.models import User

from tests import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(home):
    index = f.PublicationIndexPageFactory(parent=home, slug="publications")
    author = f.PersonFactory(name="Hana Seo")
    brief = f.PublicationPageFactory(
        parent=index, title="Rebuilding trust", is_featured=True, pdf=f.make_pdf_document()
    )
    f.add_authors(brief, author)
    return brief, author


def console_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_public_pages_show_no_policy_violations(live_server, page, site):
    brief, author = site
    errors = console_errors(page)
    for path in ["/", "/publications/", brief.url, f"/people/{author.slug}/", "/search/?q=trust"]:
        response = page.goto(live_server.url + path)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("load")
    assert errors == []


def test_an_injected_inline_script_does_not_run(live_server, page, home):
    def inject(route):
        response = route.fetch()
        body = response.text().replace("</main>", "<script>window.injected = true</script></main>")
        route.fulfill(response=response, body=body)  # the server's headers, CSP included

    page.route(live_server.url + "/", inject)
    errors = console_errors(page)
    page.goto(live_server.url + "/")
    assert page.evaluate("window.injected") is None
    assert any("Content Security Policy" in error for error in errors)


def test_the_admin_works_under_its_own_policy(live_server, page, site):
    brief, _ = site
    User.objects.create_superuser("editor", "editor@example.org", "correct horse")
    errors = console_errors(page)
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "correct horse")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_server.url + "/admin/")
    page.goto(f"{live_server.url}/admin/pages/{brief.pk}/edit/")
    # The editor's scripts ran: the tabs and the rich-text editor are live.
    page.locator(".Draftail-Editor").first.wait_for()
    promote = page.get_by_role("tab", name="Promote")
    promote.click()
    assert promote.get_attribute("aria-selected") == "true"
    assert not [error for error in errors if "Content Security Policy" in error]
