import pytest
from django.contrib.auth.models import User

from imprint.publications.models import PublicationPage
from tests import factories as f

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def editor_setup(home, tmp_path):
    User.objects.create_superuser("editor", "editor@example.org", "correct horse")
    index = f.PublicationIndexPageFactory(parent=home)
    f.PersonFactory(name="Mina Park")
    f.PersonFactory(name="Kenji Sato")
    pdf = tmp_path / "alliance-brief.pdf"
    pdf.write_bytes(f.pdf_bytes("Alliance brief", pages=5))
    return index, pdf


def log_in(page, base_url: str) -> None:
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "correct horse")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base_url + "/admin/")


def choose_author(page, index: int, name: str) -> None:
    page.get_by_role("button", name="Add author").click()
    form = page.locator(f"#inline_child_authors-{index}")
    form.get_by_role("button", name="Choose person").click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("link", name=name).click()
    form.get_by_text(name).wait_for()


def upload_pdf(page, pdf_path) -> None:
    page.get_by_role("button", name="Choose a document").click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("tab", name="Upload").click()
    modal.locator("input[type=file]").set_input_files(str(pdf_path))
    modal.locator("input[name='document-chooser-upload-title']").fill("Alliance brief PDF")
    modal.get_by_role("button", name="Upload").click()
    page.locator(".modal-dialog").wait_for(state="detached")


def test_editor_creates_a_brief_with_two_authors_and_a_pdf(live_server, page, editor_setup):
    index, pdf_path = editor_setup
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/admin/pages/add/publications/publicationpage/{index.pk}/")
    page.fill("#id_title", "Extended deterrence after the summit")
    choose_author(page, 0, "Mina Park")
    choose_author(page, 1, "Kenji Sato")
    upload_pdf(page, pdf_path)
    page.locator("footer .dropdown-toggle, [data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name="Publish").click()
    # Published: Wagtail shows the parent's listing ("**/admin/pages/**" matched the add form).
    page.wait_for_url(f"**/admin/pages/{index.pk}/")

    brief = PublicationPage.objects.get(title="Extended deterrence after the summit")
    assert brief.live
    assert [a.person.name for a in brief.authors.all()] == ["Mina Park", "Kenji Sato"]
    assert brief.pdf is not None and brief.pdf.file.read(5) == b"%PDF-"

    page.goto(live_server.url + "/")
    assert page.get_by_role("link", name="Extended deterrence after the summit").first.is_visible()
