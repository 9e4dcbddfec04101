from django_tasks import task

from imprint.core.tasks import PERIODIC_QUEUE

from .services import harvest_items_sync


@task(queue_name=PERIODIC_QUEUE)
def oai_items_sync_task() -> int:
    """Check every harvest item against its page (safe to run twice, or at once by two)."""
    return harvest_items_sync()
