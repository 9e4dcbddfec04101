from django_tasks import task

from .services import document_extract


@task()
def document_extract_task(document_id: int) -> str | None:
    """Extract a document's page count, thumbnail and text; returns the resulting status."""
    result = document_extract(document_id=document_id)
    return result.status if result else None
