from django.db import transaction
from django.db.models.signals import post_init, post_save

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


def register_signal_handlers() -> None:
    post_init.connect(remember_file, sender=ImprintDocument)
    post_save.connect(enqueue_extraction, sender=ImprintDocument)
