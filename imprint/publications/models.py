import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Orderable, Page
from wagtail.search import index

from imprint.core.blocks import RICH_FEATURES, BodyBlock, RecommendationBlock
from imprint.core.restrictions import ReaderRestrictionsMixin

DOI_HELP = "The Digital Object Identifier, like 10.12345/kp.2026.3; leave empty if none."


def validate_doi(value: str) -> None:
    """A bare DOI (``10.<registrant>/<suffix>``), not a link: citations add https://doi.org/."""
    if not DOI_PATTERN.fullmatch(value):
        raise ValidationError(
            "Enter a DOI like 10.12345/kp.2026.3 (without https://doi.org/): it starts with "
            "10., then the registrant's number, a slash and the item's own suffix."
        )


# Crossref's advice for modern DOIs: 10.NNNN(.NNNN...)/ then printable characters, no spaces.
DOI_PATTERN = re.compile(r"10\.\d{4,9}(?:\.\d+)*/[^\s\x00-\x1f]+")


def doi_field() -> models.CharField:
    """The DOI field of publications and issues (one definition, two models)."""
    return models.CharField(
        "DOI", max_length=255, blank=True, validators=[validate_doi], help_text=DOI_HELP
    )


class PublicationType(models.TextChoices):
    JOURNAL_ARTICLE = "journal_article", "Journal article"
    POLICY_BRIEF = "policy_brief", "Policy brief"
    REPORT = "report", "Report"
    WORKING_PAPER = "working_paper", "Working paper"
    COMMENTARY = "commentary", "Commentary"
    BLOG_POST = "blog_post", "Blog post"


PUBLICATION_TYPE_PLURALS = {
    PublicationType.JOURNAL_ARTICLE: "Journal articles",
    PublicationType.POLICY_BRIEF: "Policy briefs",
    PublicationType.REPORT: "Reports",
    PublicationType.WORKING_PAPER: "Working papers",
    PublicationType.COMMENTARY: "Commentaries",
    PublicationType.BLOG_POST: "Blog posts",
}


def publication_content_panels(*, with_type: bool) -> list:
    """The editing form of a publication; subclasses that fix the type leave that field out."""
    meta = [
        FieldPanel("publication_date"),
        FieldPanel("language"),
        FieldPanel("doi"),
        FieldPanel("is_featured"),
    ]
    if with_type:
        meta.insert(0, FieldPanel("publication_type"))
    return [
        *Page.content_panels,
        FieldPanel("subtitle"),
        MultiFieldPanel(meta, heading="Publication"),
        InlinePanel("authors", label="Author", heading="Authors"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("feature_image"),
        FieldPanel("introduction"),
        FieldPanel("summary"),
        FieldPanel("recommendations_intro"),
        FieldPanel("recommendations"),
        FieldPanel("body"),
        FieldPanel("conclusion"),
        FieldPanel("pdf"),
        MultiFieldPanel(
            [
                FieldPanel("series"),
                FieldPanel("series_number"),
                PageChooserPanel("derived_from", "publications.PublicationPage"),
            ],
            heading="Series",
        ),
        FieldPanel("disclaimer"),
    ]


class PublicationPage(ReaderRestrictionsMixin, Page):
    """Anything the institute publishes; journal articles and blog posts specialise it.

    One concrete table for every kind keeps listings across kinds to a single query.
    """

    subtitle = models.CharField(max_length=255, blank=True)
    publication_type = models.CharField(
        max_length=20, choices=PublicationType, default=PublicationType.POLICY_BRIEF, db_index=True
    )
    publication_date = models.DateField(
        default=timezone.localdate,
        db_index=True,
        help_text="The date readers see and citations use.",
    )
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, default="en")
    doi = doi_field()
    topics = ParentalManyToManyField("topics.Topic", blank=True, related_name="publications")
    introduction = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="A few sentences shown above the executive summary, for example to introduce "
        "a brief of a series and link the full paper it comes from.",
    )
    summary = RichTextField("executive summary", blank=True, features=RICH_FEATURES)
    recommendations_intro = models.CharField(
        "recommendations lead-in",
        max_length=255,
        blank=True,
        help_text='Optional sentence above the recommendations, for example "The United States '
        'and its allies should:".',
    )
    recommendations = StreamField(
        [("recommendation", RecommendationBlock())],
        blank=True,
        help_text="Policy recommendations: each a heading and a short text.",
    )
    body = StreamField(BodyBlock(), blank=True)
    conclusion = RichTextField(blank=True, features=RICH_FEATURES)
    pdf = models.ForeignKey(
        get_document_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="PDF",
    )
    feature_image = models.ForeignKey(
        get_image_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    disclaimer = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="Leave empty to show the institute's standard legal notice.",
    )
    is_featured = models.BooleanField(
        "featured", default=False, help_text="Show on the home page among featured work."
    )
    series = models.ForeignKey(
        "publications.SeriesPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="items",
    )
    series_number = models.PositiveIntegerField(null=True, blank=True)
    derived_from = models.ForeignKey(
        "publications.PublicationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="derivatives",
        help_text="The full paper this item was derived from, if any.",
    )

    content_panels = publication_content_panels(with_type=True)
    # Read with the page when readers' routing finds it (home.models.HomePage.route): the page
    # shows both, and each would be a query of its own.
    reader_select_related = ("feature_image", "pdf")
    search_fields = [
        *Page.search_fields,
        index.SearchField("subtitle"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("publication_type"),
        index.FilterField("publication_date"),
    ]
    parent_page_types = ["publications.PublicationIndexPage"]
    subpage_types: list[str] = []
    template = "publications/publication_page.html"

    class Meta:
        indexes = [
            models.Index(fields=["publication_type", "publication_date"]),
            # The home page's featured few: without it, every publication newer than the
            # newest featured one is read to find them.
            models.Index(
                fields=["-publication_date", "-page_ptr"],
                condition=models.Q(is_featured=True),
                name="publication_featured_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["doi"],
                condition=~models.Q(doi=""),
                name="unique_publication_doi",
                violation_error_message="Another publication already has this DOI.",
            ),
            models.UniqueConstraint(
                fields=["series", "series_number"],
                name="unique_series_number",
                violation_error_message=(
                    "Another publication already has this number in this series: choose another "
                    "number."
                ),
            ),
        ]

    def clean(self) -> None:
        super().clean()
        if self.series_number and not self.series_id:
            raise ValidationError({"series_number": "Choose the series this number belongs to."})
        if self.derived_from_id and self.derived_from_id == self.pk:
            raise ValidationError({"derived_from": "A publication cannot be derived from itself."})

    def get_context(self, request, *args, **kwargs):
        from .selectors import derived_items, public_page

        context = super().get_context(request, *args, **kwargs)
        context["derived"] = derived_items(page=self)
        # A draft or private series or source paper is not named, let alone linked.
        context["series"] = public_page(SeriesPage, pk=self.series_id)
        context["derived_from"] = public_page(PublicationPage, pk=self.derived_from_id)
        # One query for byline and bios alike (a no-op on previews' in-memory authors).
        context["authors"] = list(self.authors.all().select_related("person", "person__photo"))
        return context

    @property
    def type_label(self) -> str:
        return PublicationType(self.publication_type).label

    @property
    def author_people(self) -> list:
        return [a.person for a in self.authors.all()]


class PublicationAuthor(Orderable):
    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="authors")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="authorships"
    )
    role = models.CharField(
        max_length=100, blank=True, help_text="Optional, for example Editor or Translator."
    )

    panels = [FieldPanel("person"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = "author"
        constraints = [
            # One row a person: a second role goes in "role" ("Author and translator").
            models.UniqueConstraint(fields=["page", "person"], name="unique_author_per_publication")
        ]


class PublicationIndexPage(ReaderRestrictionsMixin, Page):
    """The publications listing, filterable by type, topic, author and year."""

    intro = RichTextField(blank=True, features=RICH_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["publications.PublicationPage", "publications.SeriesPage"]
    max_count = 1
    template = "publications/publication_index_page.html"

    def get_context(self, request, *args, **kwargs):
        from .views import listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(listing_context(request, base_queryset=None))
        return context


class SeriesPage(ReaderRestrictionsMixin, Page):
    """An ordered, numbered series of items, such as briefs derived from a journal issue."""

    intro = RichTextField(blank=True, features=RICH_FEATURES)
    is_limited = models.BooleanField(
        default=False, help_text="A limited series has a fixed number of items."
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("is_limited")]
    parent_page_types = ["publications.PublicationIndexPage"]
    subpage_types: list[str] = []
    template = "publications/series_page.html"

    def get_context(self, request, *args, **kwargs):
        from .selectors import series_items

        context = super().get_context(request, *args, **kwargs)
        context["items"] = series_items(series=self)
        return context
