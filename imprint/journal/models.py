from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Page

from imprint.core.blocks import RICH_FEATURES
from imprint.core.restrictions import ReaderRestrictionsMixin
from imprint.publications.models import (
    PublicationPage,
    PublicationType,
    doi_field,
    publication_content_panels,
)

ISSUES_PER_PAGE = 24
issn_validator = RegexValidator(r"^\d{4}-\d{3}[\dX]$", "Enter an ISSN like 1234-5679.")


class JournalPage(ReaderRestrictionsMixin, RoutablePageMixin, Page):
    """A journal: its about text, ISSN and editorial introduction; volumes below it.

    ``articles/`` lists every article of the journal, newest first.
    """

    about = RichTextField(blank=True, features=RICH_FEATURES)
    editorial_intro = RichTextField(blank=True, features=RICH_FEATURES)
    issn_print = models.CharField(
        "ISSN (print)", max_length=9, blank=True, validators=[issn_validator]
    )
    issn_online = models.CharField(
        "ISSN (online)", max_length=9, blank=True, validators=[issn_validator]
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("about"),
        FieldPanel("editorial_intro"),
        MultiFieldPanel([FieldPanel("issn_print"), FieldPanel("issn_online")], heading="ISSN"),
    ]
    subpage_types = ["journal.VolumePage"]
    template = "journal/journal_page.html"

    def get_context(self, request, *args, **kwargs):
        from imprint.core.pagination import paginate

        from .selectors import journal_issues

        context = super().get_context(request, *args, **kwargs)
        context["issues"] = paginate(
            request, journal_issues(journal=self), per_page=ISSUES_PER_PAGE
        )
        return context

    @path("articles/", name="articles")
    def articles(self, request):
        from imprint.core.pagination import paginate, querystring_without_page

        from .selectors import journal_articles

        context = {
            "items": paginate(request, journal_articles(journal=self)),
            "querystring": querystring_without_page(request),
        }
        return self.render(
            request, context_overrides=context, template="journal/journal_articles.html"
        )


class VolumePage(ReaderRestrictionsMixin, Page):
    number = models.PositiveIntegerField()
    year = models.PositiveIntegerField()

    content_panels = [*Page.content_panels, FieldPanel("number"), FieldPanel("year")]
    parent_page_types = ["journal.JournalPage"]
    subpage_types = ["journal.IssuePage"]
    template = "journal/volume_page.html"

    def get_context(self, request, *args, **kwargs):
        from .selectors import volume_issues

        context = super().get_context(request, *args, **kwargs)
        context["issues"] = volume_issues(volume=self)
        return context


class SectionBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=255, help_text='For example "Alliance politics".')
    articles = blocks.ListBlock(blocks.PageChooserBlock(page_type="journal.ArticlePage"))

    class Meta:
        icon = "list-ul"


class IssuePage(ReaderRestrictionsMixin, Page):
    """One issue: a theme, a cover, the editor's introduction and ordered sections of articles."""

    number = models.PositiveIntegerField()
    issue_date = models.DateField()
    theme = models.CharField(max_length=255, blank=True)
    doi = doi_field()
    cover = models.ForeignKey(
        get_image_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pdf = models.ForeignKey(
        get_document_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="PDF of the whole issue",
        help_text="Readers can read it on the page or download it for later.",
    )
    editors_introduction = RichTextField(
        "editor's introduction", blank=True, features=RICH_FEATURES
    )
    sections = StreamField(
        [("section", SectionBlock())],
        blank=True,
        help_text="The table of contents: sections in order, each with its articles in order.",
    )

    reader_select_related = ("cover", "pdf")  # see PublicationPage
    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("number"),
                FieldPanel("issue_date"),
                FieldPanel("theme"),
                FieldPanel("doi"),
            ],
            heading="Issue",
        ),
        FieldPanel("cover"),
        FieldPanel("pdf"),
        FieldPanel("editors_introduction"),
        FieldPanel("sections"),
    ]
    parent_page_types = ["journal.VolumePage"]
    subpage_types = ["journal.ArticlePage"]
    template = "journal/issue_page.html"

    class Meta:
        # The home page's latest issue: without it SQLite scans every page of the site.
        indexes = [models.Index(fields=["-issue_date", "-number"], name="issue_newest_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["doi"],
                condition=~models.Q(doi=""),
                name="unique_issue_doi",
                violation_error_message="Another issue already has this DOI.",
            )
        ]

    def clean(self) -> None:
        super().clean()
        strays = self._articles_of_other_issues()
        if strays:
            titles = ", ".join(f"“{article.title}”" for article in strays)
            raise ValidationError(
                {
                    "sections": "Sections list this issue's own articles only; "
                    f"not in this issue: {titles}. Move the article here first, or remove it."
                }
            )

    def _articles_of_other_issues(self) -> list:
        chosen = [a for section in self.sections for a in section.value["articles"] if a]
        own = (
            set(ArticlePage.objects.child_of(self).values_list("pk", flat=True)) if self.pk else ()
        )
        return [article for article in chosen if article.pk not in own]

    @property
    def volume(self) -> "VolumePage":
        return self.get_parent().specific

    def get_context(self, request, *args, **kwargs):
        from .selectors import issue_table_of_contents

        context = super().get_context(request, *args, **kwargs)
        context["toc"] = issue_table_of_contents(issue=self)
        return context


class ArticlePage(PublicationPage):
    """A journal article: a publication that lives in an issue."""

    first_page = models.PositiveIntegerField(null=True, blank=True)
    last_page = models.PositiveIntegerField(null=True, blank=True)

    content_panels = [
        *publication_content_panels(with_type=False),
        MultiFieldPanel([FieldPanel("first_page"), FieldPanel("last_page")], heading="Pages"),
    ]
    parent_page_types = ["journal.IssuePage"]
    subpage_types: list[str] = []
    template = "journal/article_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.placement())
        return context

    def placement(self) -> dict:
        """The article's issue, volume and journal (three lookups by path, no tree walk)."""
        step = self.steplen
        return {
            "issue": IssuePage.objects.filter(path=self.path[:-step]).first(),
            "volume": VolumePage.objects.filter(path=self.path[: -2 * step]).first(),
            "journal": JournalPage.objects.filter(path=self.path[: -3 * step]).first(),
        }

    def save(self, *args, **kwargs):
        self.publication_type = PublicationType.JOURNAL_ARTICLE
        return super().save(*args, **kwargs)
