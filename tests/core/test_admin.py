import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from wagtail.models import Workflow

from imprint.publications.models import PublicationPage
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = User.objects.create_superuser("boss", "boss@example.org", "pw")
    client.force_login(user)
    return client


def test_admin_menu_is_grouped_by_what_editors_do(admin_client, home):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    for label in ("Publications", "Journal", "Blog", "People", "Topics"):
        assert f'"label": "{label}"' in html or f'"label":"{label}"' in html, label


def test_publication_listing_filters_by_type(admin_client, publication_index):
    f.PublicationPageFactory(parent=publication_index, title="A report", publication_type="report")
    f.PublicationPageFactory(parent=publication_index, title="A brief")
    url = reverse("publications:index") + "?publication_type=report"
    html = admin_client.get(url).content.decode()
    assert "A report" in html
    assert "A brief" not in html


def test_moderation_takes_a_draft_through_review_to_published(client, publication_index):
    f.ensure_editorial_groups()
    editor = User.objects.create_user("ed", "ed@example.org", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    moderator = User.objects.create_user("mo", "mo@example.org", "pw")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    page = f.PublicationPageFactory(parent=publication_index, title="Draft brief", live=False)

    workflow = page.get_workflow()
    assert isinstance(workflow, Workflow)
    state = workflow.start(page, editor)
    page.refresh_from_db()
    assert page.workflow_in_progress and not page.live

    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "approve")
    page.refresh_from_db()
    assert PublicationPage.objects.get(pk=page.pk).live


def test_the_admin_search_still_finds_pages_and_drafts(admin_client, publication_index):
    """Readers' search is ours; editors keep Wagtail's, which also finds drafts."""
    f.PublicationPageFactory(parent=publication_index, title="Glacier monitoring")
    draft = f.PublicationPageFactory(parent=publication_index, title="Glacier draft notes")
    draft.unpublish()
    html = admin_client.get(reverse("wagtailadmin_pages:search"), {"q": "glacier"}).content
    assert b"Glacier monitoring" in html and b"Glacier draft notes" in html
