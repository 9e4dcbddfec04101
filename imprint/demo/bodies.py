"""Generated page content: bodies, recommendations, dates, authors and topics, all seeded."""

from __future__ import annotations

import datetime
import random

from django.utils.html import strip_tags

from imprint.topics.models import TopicKind

from . import content, text
from .pdfs import Paper

TABLE = {
    "data": [
        ["Year", "Exports (index)", "Imports (index)", "Joint exercises"],
        ["2023", "100", "100", "14"],
        ["2024", "104", "97", "17"],
        ["2025", "109", "95", "21"],
    ],
    "first_row_is_table_header": True,
    "first_col_is_header": False,
    "table_caption": "Illustrative indices (demo data, not real statistics)",
}
SPEAKERS = ["A senior official", "A former negotiator", "A shipyard executive", "A legislator"]


def random_date(rng: random.Random, start_year: int = 2021, end_year: int = 2025) -> datetime.date:
    start = datetime.date(start_year, 1, 1).toordinal()
    end = datetime.date(end_year, 12, 31).toordinal()
    return datetime.date.fromordinal(rng.randint(start, end))


def _paragraph(rng: random.Random, sentences: tuple[int, int] = (3, 6)) -> tuple[str, str]:
    return ("paragraph", f"<p>{text.paragraph(rng, sentences)}</p>")


def _heading(title: str) -> tuple[str, dict]:
    return ("heading", {"text": title, "level": "h2"})


def body(rng: random.Random, paragraphs: int = 4, *, with_table: bool = True) -> list:
    """A body StreamField value: paragraphs under headings, a quote and (optionally) a table."""
    blocks = [_paragraph(rng), _heading("The argument in brief")]
    blocks += [_paragraph(rng) for _ in range(paragraphs)]
    quote = {"quote": text.sentence(rng), "attribution": rng.choice(SPEAKERS)}
    blocks.append(("quote", quote))
    if with_table:
        blocks.append(("table", TABLE))
    blocks += [_heading("What comes next"), _paragraph(rng)]
    return blocks


def recommendations(rng: random.Random) -> list:
    return [
        ("recommendation", {"heading": head, "text": f"<p>{body}</p>"})
        for head, body in text.recommendations(rng)
    ]


def pick_authors(rng: random.Random, people: list, low: int = 1, high: int = 3) -> list:
    return rng.sample(people, rng.randint(low, high))


def pick_topics(rng: random.Random, topics: list) -> list:
    """One region and one or two themes; the region comes first."""
    regions = [t for t in topics if t.kind == TopicKind.REGION]
    themes = [t for t in topics if t.kind == TopicKind.THEME]
    return [rng.choice(regions), *rng.sample(themes, rng.randint(1, 2))]


def topic_title(rng: random.Random, topics: list, joiner: str = "in") -> str:
    """A title about the second topic (a theme) in the first (a region)."""
    return text.title(rng, f"{topics[1].name.lower()} {joiner} {topics[0].name}")


def publication_fields(
    rng: random.Random, *, title: str, topics: list, people: list, images: list
) -> dict:
    """The fields every kind of publication shares, for ``DemoStore.child``."""
    return {
        "title": title,
        "summary": f"<p>{text.paragraph(rng, (2, 3))}</p>",
        "recommendations": recommendations(rng),
        "body": body(rng),
        "conclusion": f"<p>{text.paragraph(rng, (2, 3))}</p>",
        "feature_image": rng.choice(images),
        "author_people": people,
        "publication_date": random_date(rng),
        "topics": topics,
    }


def foreign_fields(rng: random.Random, language: str) -> dict:
    """Summary, body and conclusion of a Korean or Japanese publication, in that language."""
    pool = {"ko": text.KOREAN_PARAGRAPHS, "ja": text.JAPANESE_PARAGRAPHS}[language]
    headings = text.SECTION_HEADINGS[language]
    paragraphs = rng.sample(pool, 6)
    return {
        "summary": f"<p>{paragraphs[0]}</p>",
        "recommendations": [],
        "body": [
            ("paragraph", f"<p>{paragraphs[1]} {paragraphs[2]}</p>"),
            _heading(headings[2]),
            ("paragraph", f"<p>{paragraphs[3]}</p>"),
            ("quote", {"quote": paragraphs[4], "attribution": ""}),
            _heading(headings[9]),
            ("paragraph", f"<p>{paragraphs[5]}</p>"),
        ],
        "conclusion": "",
    }


def paper(page_fields: dict, pages: int, language: str = "en", english: str = "") -> Paper:
    """What the PDF of a page built from ``page_fields`` says."""
    return Paper(
        title=page_fields["title"],
        english_title=english,
        authors=[p.name for p in page_fields["author_people"]],
        institute=content.INSTITUTE["name"],
        pages=pages,
        language=language,
        date=page_fields["publication_date"],
        summary=strip_tags(page_fields["summary"]),
    )
