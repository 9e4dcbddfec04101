from django_tasks import task

from .services import crossref_deposit_send


@task()
def crossref_deposit_task(deposit_id: int) -> str:
    """Send one recorded Crossref deposit (safe to run twice: a submitted one is left alone)."""
    return crossref_deposit_send(deposit_id=deposit_id)
