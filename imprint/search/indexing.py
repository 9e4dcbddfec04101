"""Keeping the search index up to date from the worker, also when two workers index one object.

modelsearch's own task looks up an object's index entry, then inserts one if there was none.
Two workers indexing a new object at the same moment (a page saved twice in a row queues two
tasks) both insert: one task fails on the unique constraint, and what it read, possibly the
newer text, is not indexed. Imprint's task runs the update in a transaction (on SQLite that
takes the write lock first, so the two wait for each other) and tries again after a conflict
(PostgreSQL): the entry exists then, and is updated.
"""

from __future__ import annotations

from django.apps import apps
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.db.models.signals import post_save
from django_tasks import task
from modelsearch import index
from modelsearch.signal_handlers import post_save_signal_handler


@task()
def search_index_update_task(app_label: str, model_name: str, pk: str) -> None:
    instance = apps.get_model(app_label, model_name).objects.get(pk=pk)
    try:
        with transaction.atomic():
            index.insert_or_update_object(instance)
    except IntegrityError:
        # Another worker inserted this object's entry between our look-up and our insert.
        index.insert_or_update_object(instance)


def enqueue_index_update(sender: type[Model], instance: Model, **kwargs) -> None:
    if kwargs.get("raw", False):
        return
    meta = instance._meta
    search_index_update_task.enqueue(meta.app_label, meta.model_name, str(instance.pk))


def take_over_index_updates() -> None:
    """Enqueue ``search_index_update_task`` where modelsearch's save handler enqueued its own.

    Call it after modelsearch connected its handlers (``wagtail.search``'s ``ready()``).
    """
    for model in index.get_indexed_models():
        if post_save.disconnect(post_save_signal_handler, sender=model):
            post_save.connect(enqueue_index_update, sender=model)
