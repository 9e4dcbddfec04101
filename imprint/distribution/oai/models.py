from django.db import models


class HarvestItem(models.Model):
    """A publication as harvesters know it: when it last changed for them, and whether it is
    gone. Written in the same transaction as the change to the content (``signal_handlers``).

    A row exists only for a page that was public at some point: drafts and private pages never
    get one, so they never show, not even as deleted. Once public and then not (unpublished,
    deleted, made private, moved out of public view) the row stays ``deleted`` for good: the
    repository says ``deletedRecord=persistent``.
    """

    page_id = models.BigIntegerField(unique=True)  # no foreign key: it outlives the page
    datestamp = models.DateTimeField()
    deleted = models.BooleanField(default=False)
    # Where the page was and which sets it was in the last time it was public: once it is
    # gone these say which site and which set harvests learn of the deletion.
    path = models.CharField(max_length=255)
    sets = models.TextField(blank=True, help_text="Set specs between spaces: ' type:report '.")

    class Meta:
        indexes = [models.Index(fields=["datestamp", "page_id"], name="oai_item_order_idx")]

    def __str__(self) -> str:
        return f"{self.page_id} {'deleted' if self.deleted else 'public'} {self.datestamp}"
