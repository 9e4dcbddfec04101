from django.db import models


class IndexChange(models.Model):
    """Something the search index must look at again, written in the same transaction as the
    change to the content (an outbox). The worker applies and then deletes these rows; applying
    one twice does no harm, so a crash at any point leaves the index converging to the database.

    ``target`` is ``page:<id>``, ``subtree:<id>`` (a page and everything below it),
    ``person:<id>``, ``topic:<id>``, ``document:<id>`` (the pages using it) or ``all``.
    """

    target = models.CharField(max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.target
