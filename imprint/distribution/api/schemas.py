"""What the JSON API answers, as pydantic models: they validate every answer and write the
OpenAPI schema. Absent values are null, never an empty string, so clients test one thing."""

from __future__ import annotations

import datetime
from typing import Any

from ninja import Schema
from pydantic import Field, create_model


class Error(Schema):
    detail: str = Field(description="What was wrong with the request, in a sentence.")


class ValidationErrorItem(Schema):
    loc: list[str | int]
    msg: str
    type: str


class ValidationErrors(Schema):
    detail: list[ValidationErrorItem]


class Creator(Schema):
    name: str
    given: str | None = Field(description="Null when the name cannot be split (a literal name).")
    family: str | None
    affiliation: str | None
    orcid: str | None = Field(description="Bare ORCID iD, like 0000-0002-1825-0097.")
    orcid_url: str | None
    role: str | None = Field(description="Editor, Translator...; null for an author.")
    url: str = Field(description="The person's page on this site.")


class TopicRef(Schema):
    slug: str
    name: str


class Pdf(Schema):
    url: str = Field(description="The PDF; named only when every reader may open it.")
    pages: int | None


class Container(Schema):
    title: str = Field(description="The journal's or the blog's name.")
    url: str
    volume: str | None
    issue: str | None
    issue_title: str | None
    pages: str | None = Field(description='"12-34" or "12".')
    issn: list[str] = Field(description="Print first, then online.")


class SeriesRef(Schema):
    title: str
    number: int | None


class Publication(Schema):
    id: int
    slug: str
    url: str = Field(description="The publication's page.")
    api_url: str
    title: str
    subtitle: str | None
    type: str = Field(description="journal_article, policy_brief, report, ...")
    type_label: str
    date: datetime.date = Field(description="The publication date citations use.")
    first_published: datetime.datetime | None
    last_modified: datetime.datetime | None
    language: str
    creators: list[Creator]
    abstract: str = Field(description="The executive summary as plain text.")
    keywords: list[str]
    topics: list[TopicRef]
    publisher: str
    doi: str | None = Field(description="Bare DOI, like 10.5555/kp.2026.3.")
    doi_url: str | None
    pdf: Pdf | None
    image_url: str | None
    container: Container | None = Field(description="Journal (with volume and issue) or blog.")
    series: SeriesRef | None
    csl: dict[str, Any] = Field(description="The CSL-JSON item, as citations format it.")


class Person(Schema):
    id: int
    slug: str
    name: str
    honorific: str | None
    role: str | None
    affiliation: str | None
    bio: str = Field(description="Plain text.")
    orcid: str | None
    orcid_url: str | None
    is_expert: bool
    photo_url: str | None
    url: str
    api_url: str
    publications_url: str = Field(description="Their publications in this API.")


class Topic(Schema):
    id: int
    slug: str
    name: str
    kind: str = Field(description="region or theme")
    description: str = Field(description="Plain text.")
    url: str
    api_url: str
    publications_url: str


class Series(Schema):
    id: int
    slug: str
    title: str
    intro: str = Field(description="Plain text.")
    is_limited: bool
    url: str
    api_url: str
    publications_url: str


class Volume(Schema):
    number: int
    year: int


class JournalRef(Schema):
    id: int
    slug: str
    title: str
    url: str
    issn_print: str | None
    issn_online: str | None


class Issue(Schema):
    id: int
    slug: str
    title: str
    number: int
    date: datetime.date
    theme: str | None
    doi: str | None
    doi_url: str | None
    url: str
    api_url: str
    cover_url: str | None
    pdf: Pdf | None = Field(description="The whole issue, when every reader may open it.")
    volume: Volume | None
    journal: JournalRef | None
    articles: list[Publication] = Field(description="Its public articles, by first page.")


class Document(Schema):
    id: int
    title: str
    url: str
    pages: int | None
    language: str | None
    file_extension: str
    file_size: int | None = Field(description="Bytes, when known.")


def paged(item: type[Schema], name: str) -> type[Schema]:
    """A page of ``item``: the items, the total and the links to the pages around it."""
    return create_model(
        name,
        __base__=Schema,
        count=(int, Field(description="Items matching the filters, on every page.")),
        page=(int, ...),
        pages=(int, Field(description="How many pages of this size there are.")),
        page_size=(int, ...),
        next=(str | None, Field(description="The next page, or null on the last.")),
        previous=(str | None, Field(description="The page before, or null on the first.")),
        results=(list[item], ...),
    )


PublicationList = paged(Publication, "PublicationList")
PersonList = paged(Person, "PersonList")
TopicList = paged(Topic, "TopicList")
SeriesList = paged(Series, "SeriesList")
IssueList = paged(Issue, "IssueList")
DocumentList = paged(Document, "DocumentList")
