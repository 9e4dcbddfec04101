from django.db import models
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index


class TopicKind(models.TextChoices):
    REGION = "region", "Region"
    THEME = "theme", "Theme"


class Topic(index.Indexed, models.Model):
    """A region (Japan, South Korea, Indo-Pacific) or theme (trade, security) of the work."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(
        max_length=100,
        unique=True,
        allow_unicode=True,
        blank=True,
        help_text="The topic's address; left empty, it is made from the name.",
        error_messages={
            "unique": "Another topic already has this address. Change the name or type a "
            "different slug."
        },
    )
    kind = models.CharField(max_length=10, choices=TopicKind, default=TopicKind.THEME)
    description = RichTextField(blank=True, features=["bold", "italic", "link"])

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("kind"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = slugify(self.name, allow_unicode=True)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("topic_detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        # Filled in here, not only in save(), so that the form's uniqueness check sees it.
        if not self.slug:
            self.slug = slugify(self.name, allow_unicode=True)
