import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.images import get_image_model_string
from wagtail.search import index

ORCID_RE = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")


def validate_orcid(value: str) -> None:
    """Check an ORCID iD's form and its ISO 7064 11,2 check digit."""
    if not ORCID_RE.match(value):
        raise ValidationError("Enter an ORCID iD like 0000-0002-1825-0097.")
    digits = value.replace("-", "")
    total = 0
    for ch in digits[:-1]:
        total = (total + int(ch)) * 2
    check = (12 - total % 11) % 11
    expected = "X" if check == 10 else str(check)
    if digits[-1] != expected:
        raise ValidationError("This ORCID iD's check digit is wrong; please copy it again.")


class Person(index.Indexed, models.Model):
    """An author, editor or expert. Their profile page lists their work."""

    name = models.CharField(max_length=200, help_text="As it should appear in bylines.")
    sort_name = models.CharField(
        max_length=200,
        blank=True,
        help_text="For alphabetical lists, e.g. 'Kim Min-jun' or 'Doe, Jane'.",
    )
    slug = models.SlugField(max_length=200, unique=True, allow_unicode=True, blank=True)
    honorific = models.CharField(max_length=40, blank=True, help_text="For example Dr. or Prof.")
    role = models.CharField(max_length=200, blank=True, help_text="For example Senior Fellow.")
    affiliation = models.CharField(max_length=255, blank=True)
    bio = RichTextField(blank=True, features=["bold", "italic", "link"])
    photo = models.ForeignKey(
        get_image_model_string(), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    orcid = models.CharField(
        "ORCID iD",
        max_length=19,
        blank=True,
        validators=[validate_orcid],
        help_text="Sixteen characters like 0000-0002-1825-0097.",
    )
    email = models.EmailField(blank=True, help_text="Not shown to readers.")
    is_staff_expert = models.BooleanField(
        default=False, help_text="List this person among the institute's experts."
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("sort_name"),
                FieldPanel("slug"),
                FieldPanel("honorific"),
            ],
            heading="Name",
        ),
        FieldPanel("role"),
        FieldPanel("affiliation"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("orcid"),
        FieldPanel("email"),
        FieldPanel("is_staff_expert"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("affiliation"),
        index.SearchField("bio"),
    ]

    class Meta:
        ordering = ["sort_name", "name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.sort_name:
            self.sort_name = self.name
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        from .selectors import person_url

        return person_url(person=self)

    def _unique_slug(self) -> str:
        base = slugify(self.name, allow_unicode=True) or "person"
        slug, n = base, 2
        while Person.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    @property
    def display_name(self) -> str:
        return f"{self.honorific} {self.name}".strip()

    @property
    def orcid_url(self) -> str:
        return f"https://orcid.org/{self.orcid}" if self.orcid else ""
