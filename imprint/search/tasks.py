from django_tasks import task

from imprint.core.tasks import PERIODIC_QUEUE

from .services import index_apply_pending


# On the periodic queue: quick work that must not wait behind a long PDF extraction.
@task(queue_name=PERIODIC_QUEUE)
def search_apply_task() -> int:
    """Bring the search index up to date with the changes recorded so far."""
    return index_apply_pending()
