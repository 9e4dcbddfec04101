from django.db import transaction
from django.db.models.signals import post_init, post_save
from django_tasks_db.compat import TaskResultStatus, task_finished

from .models import ImprintDocument

# Saves that touch only these fields come from extraction itself and must not re-trigger it.
EXTRACTION_FIELDS = {
    "page_count",
    "thumbnail",
    "extraction_status",
    "extraction_message",
    "extracted_at",
    "file_size",
    "file_hash",
}


def remember_file(sender, instance: ImprintDocument, **kwargs) -> None:
    instance._loaded_file_name = instance.file.name if instance.file else ""


def enqueue_extraction(
    sender, instance: ImprintDocument, created: bool, update_fields=None, **kwargs
) -> None:
    if update_fields is not None and set(update_fields) <= EXTRACTION_FIELDS:
        return
    if not created and instance.file.name == getattr(instance, "_loaded_file_name", None):
        return
    instance._loaded_file_name = instance.file.name
    from .services import document_mark_pending
    from .tasks import document_extract_task

    document_id = instance.pk
    if not created:
        document_mark_pending(document_id=document_id)
    transaction.on_commit(lambda: document_extract_task.enqueue(document_id))


def extraction_gave_up(sender, task_result, **kwargs) -> None:
    """An extraction task that failed (an error, or its worker lost too often) ends the wait."""
    from .services import document_mark_failed
    from .tasks import document_extract_task

    if task_result.task.module_path != document_extract_task.module_path:
        return
    if task_result.status == TaskResultStatus.FAILED:
        lost = any(e.exception_class_path.endswith(".WorkerLost") for e in task_result.errors)
        document_mark_failed(
            document_id=task_result.args[0], attempts=task_result.attempts, worker_lost=lost
        )


def register_signal_handlers() -> None:
    post_init.connect(remember_file, sender=ImprintDocument)
    post_save.connect(enqueue_extraction, sender=ImprintDocument)
    task_finished.connect(extraction_gave_up, dispatch_uid="imprint-extraction-gave-up")
