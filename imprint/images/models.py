import secrets

from django.db import models
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class ImprintImage(AbstractImage):
    """An image with the credit, source and licence readers see under it."""

    credit = models.CharField(
        max_length=255,
        blank=True,
        help_text='Who made the image, shown as "Feature image from …" under it.',
    )
    source_url = models.URLField(blank=True, help_text="Where the image was obtained, if online.")
    licence = models.CharField(
        max_length=100, blank=True, help_text="For example CC BY 4.0, or 'Used with permission'."
    )

    admin_form_fields = (*Image.admin_form_fields, "credit", "source_url", "licence")

    def get_upload_to(self, filename: str) -> str:
        """Wagtail's path with a random prefix: an image of an unpublished page can't be guessed.

        Images are served straight from storage, so their names are their only lock.
        Renditions keep the start of the original's name, so they inherit the prefix.
        """
        return super().get_upload_to(f"{secrets.token_hex(8)}_{filename}")

    @property
    def credit_line(self) -> str:
        parts = [p for p in (self.credit, self.licence) if p]
        return ", ".join(parts)


class ImprintRendition(AbstractRendition):
    image = models.ForeignKey(ImprintImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
