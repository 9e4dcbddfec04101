"""The search index when two workers index the same new object at the same moment."""

import pytest
from django.db import IntegrityError
from django_tasks.signals import task_enqueued
from modelsearch import index

from imprint.search import indexing
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_saving_a_page_queues_imprints_index_task(publication_index):
    queued = []

    def remember(sender, task_result, **kwargs):
        queued.append(task_result.task.module_path)

    task_enqueued.connect(remember)
    try:
        f.PublicationPageFactory(parent=publication_index, title="Tidal power")
    finally:
        task_enqueued.disconnect(remember)
    assert "imprint.search.indexing.search_index_update_task" in queued
    assert "modelsearch.tasks.insert_or_update_object_task" not in queued


def test_an_entry_another_worker_inserted_meanwhile_is_updated_not_a_failure(
    client, publication_index, monkeypatch
):
    page = f.PublicationPageFactory(parent=publication_index, title="Ferry routes")
    page.title = "Ferry routes and island towns"
    page.save()
    index.remove_object(page)  # a new object: no entry yet
    real = index.insert_or_update_object
    lost_race = []

    def another_worker_first(instance):
        if not lost_race:
            lost_race.append(instance)
            real(type(instance).objects.get(pk=instance.pk))  # the other worker's insert
            raise IntegrityError("UNIQUE constraint failed: wagtailsearch_indexentry")
        real(instance)

    monkeypatch.setattr(index, "insert_or_update_object", another_worker_first)
    result = indexing.search_index_update_task.enqueue(
        page._meta.app_label, page._meta.model_name, str(page.pk)
    )
    assert lost_race and result.status == "SUCCESSFUL"
    html = client.get("/search/", {"q": "island"}).content.decode()
    assert "Ferry routes and island towns" in html
