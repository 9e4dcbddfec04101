"""Factories for the content model. Page factories take ``parent`` and add the page below it."""

import datetime

import factory
from wagtail.models import Page

from imprint.blog.models import BlogIndexPage, BlogPostPage
from imprint.home.models import HomePage
from imprint.journal.models import ArticlePage, IssuePage, JournalPage, VolumePage
from imprint.people.models import Person
from imprint.publications.models import PublicationIndexPage, PublicationPage, SeriesPage
from imprint.topics.models import Topic, TopicKind


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Author Number{n}")
    role = "Senior Fellow"
    affiliation = "Imprint Institute"
    bio = "<p>Writes about alliances and trade.</p>"


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Topic {n}")
    kind = TopicKind.THEME


class PageFactory(factory.Factory):
    """Builds a page and adds it under ``parent`` (the home page if none is given)."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Page {n}")

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        parent = parent or HomePage.objects.get()
        page = model_class(*args, **kwargs)
        parent.add_child(instance=page)
        page.save_revision().publish() if page.live else page.save_revision()
        return page


class PublicationIndexPageFactory(PageFactory):
    class Meta:
        model = PublicationIndexPage

    title = "Publications"
    slug = "publications"


class PublicationPageFactory(PageFactory):
    class Meta:
        model = PublicationPage

    title = factory.Sequence(lambda n: f"Policy brief number {n}")
    publication_date = factory.Sequence(lambda n: datetime.date(2025, 1, 1) + datetime.timedelta(n))
    summary = "<p>An executive summary a reader can skim.</p>"


class SeriesPageFactory(PageFactory):
    class Meta:
        model = SeriesPage

    title = factory.Sequence(lambda n: f"Series {n}")


class JournalPageFactory(PageFactory):
    class Meta:
        model = JournalPage

    title = "Journal of Pacific Affairs"
    slug = "journal"
    issn_online = "2049-3630"


class VolumePageFactory(PageFactory):
    class Meta:
        model = VolumePage

    number = factory.Sequence(lambda n: n + 1)
    title = factory.LazyAttribute(lambda o: f"Volume {o.number}")
    year = 2025


class IssuePageFactory(PageFactory):
    class Meta:
        model = IssuePage

    number = factory.Sequence(lambda n: n + 1)
    title = factory.LazyAttribute(lambda o: f"Issue {o.number}")
    issue_date = datetime.date(2025, 6, 1)
    theme = "Alliances under strain"


class ArticlePageFactory(PageFactory):
    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"Journal article number {n}")
    publication_date = datetime.date(2025, 6, 1)


class BlogIndexPageFactory(PageFactory):
    class Meta:
        model = BlogIndexPage

    title = "The Pacific Desk"
    slug = "blog"


class BlogPostPageFactory(PageFactory):
    class Meta:
        model = BlogPostPage

    title = factory.Sequence(lambda n: f"Blog post number {n}")
    publication_date = factory.Sequence(lambda n: datetime.date(2025, 3, 1) + datetime.timedelta(n))


def add_authors(page: PublicationPage, *people: Person) -> None:
    """Set the page's ordered authors and publish the change."""
    from imprint.publications.models import PublicationAuthor

    page.authors = [PublicationAuthor(person=p, sort_order=i) for i, p in enumerate(people)]
    page.save_revision().publish()


def get_root() -> Page:
    return Page.objects.get(depth=1)


def pdf_bytes(title: str = "A test paper", pages: int = 3) -> bytes:
    """A small real PDF with one line of text per page."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=14)
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.cell(text=f"{title}, page {number}")
    return bytes(pdf.output())


def make_pdf_document(title: str = "A test paper", pages: int = 3):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    document = get_document_model()(title=title)
    document.file.save(
        f"{title.lower().replace(' ', '-')}.pdf", ContentFile(pdf_bytes(title, pages))
    )
    return document


def ensure_migration_rows() -> None:
    """The root collection and the default locale, as Wagtail's migrations leave them."""
    from wagtail.models import Collection, Locale

    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    Locale.objects.get_or_create(language_code="en")


def ensure_editorial_groups() -> None:
    """The Editors and Moderators groups and the default moderation workflow, as Wagtail's
    migrations leave them, put back when a transactional test that ran earlier in the same
    worker flushed them."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import (
        GroupApprovalTask,
        GroupPagePermission,
        Page,
        Workflow,
        WorkflowPage,
        WorkflowTask,
    )

    if Group.objects.filter(name="Moderators").exists():
        return
    root = Page.get_first_root_node()
    admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    grants = {
        "Moderators": ("add_page", "change_page", "publish_page"),
        "Editors": ("add_page", "change_page"),
    }
    groups = {}
    for name, codenames in grants.items():
        group = groups[name] = Group.objects.create(name=name)
        group.permissions.add(admin)
        for codename in codenames:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            GroupPagePermission.objects.create(group=group, page=root, permission=permission)
    task = GroupApprovalTask.objects.create(name="Moderators approval")
    task.groups.add(groups["Moderators"])
    workflow = Workflow.objects.create(name="Moderators approval")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=root)


def ensure_site_tree() -> HomePage:
    """The home page and default site, rebuilt after a transactional test flushed them."""
    from wagtail.models import Collection, Locale, Site

    home = HomePage.objects.first()
    if home is not None:
        return home
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    locale, _ = Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node() or Page.add_root(title="Root", locale=locale)
    home = root.add_child(instance=HomePage(title="Home", slug="home", locale=locale))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    return home


def build_demo(**options) -> str:
    """Run the ``build_demo`` command with ``options`` and return what it printed."""
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("build_demo", stdout=out, **options)
    return out.getvalue()
