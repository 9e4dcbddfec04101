"""BibTeX, RIS and CSL-JSON: what reference managers import, written from ``works.Work``.

Each writer takes a list of works (one publication, an issue, a search) and returns text; the
download views add the content type and the file name from ``FORMATS``. Text stays UTF-8
(Korean, Japanese and Chinese names and titles are kept as they are: biber, Zotero and
Mendeley read UTF-8); BibTeX escapes only the characters TeX would read as commands.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from ..works import Creator, Work


@dataclass(frozen=True)
class Format:
    name: str  # as in URLs: bibtex, ris, csl-json
    label: str
    extension: str
    content_type: str


FORMATS = {
    "bibtex": Format("bibtex", "BibTeX", "bib", "application/x-bibtex; charset=utf-8"),
    "ris": Format("ris", "RIS", "ris", "application/x-research-info-systems; charset=utf-8"),
    # The type doi.org answers content negotiation with for CSL-JSON.
    "csl-json": Format(
        "csl-json", "CSL-JSON", "json", "application/vnd.citationstyles.csl+json; charset=utf-8"
    ),
}


def render(format_name: str, works: Sequence[Work]) -> str:
    """``works`` written in the format named ``format_name`` (a key of ``FORMATS``)."""
    writer = {"bibtex": bibtex, "ris": ris, "csl-json": csl_json}[format_name]
    return writer(works)


# --- CSL-JSON -------------------------------------------------------------------------------


def csl_json(works: Sequence[Work]) -> str:
    """A CSL-JSON array (citeproc-js, citeproc-py, Zotero and pandoc read it)."""
    return json.dumps([w.csl_json() for w in works], ensure_ascii=False, indent=2) + "\n"


# --- BibTeX ---------------------------------------------------------------------------------

BIBTEX_TYPES = {
    "article-journal": "article",
    "report": "techreport",
    # @misc, not biblatex's @online: classic BibTeX styles and most readers know it.
    "post-weblog": "misc",
    "article": "misc",
}
# TeX reads these as commands or groups; a backslash first, so later escapes are not doubled.
_TEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_TEX_PATTERN = re.compile("|".join(re.escape(c) for c in _TEX_SPECIAL))
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def tex_escape(text: str) -> str:
    """Plain text as a BibTeX field value: TeX's special characters escaped, lines joined."""
    text = _CONTROL.sub("", " ".join(text.split()))
    return _TEX_PATTERN.sub(lambda m: _TEX_SPECIAL[m.group()], text)


def bibtex_key(work: Work) -> str:
    """``doe2025alliances`` from the first author, the year and the title's first word; ASCII
    only (keys are identifiers in LaTeX), with the page id when no ASCII word is left."""
    first = work.creators[0] if work.creators else None
    name = _ascii_word(first.family or first.name) if first else ""
    word = next((w for w in map(_ascii_word, work.title.split()) if len(w) > 3), "")
    key = f"{name}{work.date.year}{word}"
    if not name or not word:
        key = f"{key}-{work.page_id}"
    return key


def _ascii_word(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def _bibtex_name(creator: Creator) -> str:
    if creator.is_literal:
        return "{" + tex_escape(creator.name) + "}"  # braces: one name, never split
    return f"{tex_escape(creator.family)}, {tex_escape(creator.given)}"


def _bibtex_entry(work: Work, key: str) -> str:
    kind = BIBTEX_TYPES.get(work.csl_type, "misc")
    authors = [c for c in work.creators if c.role.lower() not in {"editor", "translator"}]
    editors = [c for c in work.creators if c.role.lower() == "editor"]
    fields = {
        "author": " and ".join(_bibtex_name(c) for c in authors),
        "editor": " and ".join(_bibtex_name(c) for c in editors),
        # Double braces keep the title's capitals as written (BibTeX styles lowercase it).
        "title": "{" + tex_escape(work.full_title) + "}",
        "journal": tex_escape(work.container_title) if kind == "article" else "",
        "howpublished": tex_escape(work.container_title) if kind == "misc" else "",
        "volume": work.volume,
        "number": work.issue if kind == "article" else str(work.series_number or ""),
        "series": tex_escape(work.series_title),
        "pages": work.pages.replace("-", "--"),
        "year": str(work.date.year),
        "month": _MONTHS[work.date.month - 1],  # BibTeX's month macros, not locale names
        "date": work.date.isoformat(),
        "institution": tex_escape(work.publisher) if kind == "techreport" else "",
        "publisher": tex_escape(work.publisher) if kind != "techreport" else "",
        "type": tex_escape(work.kind_label) if kind == "techreport" else "",
        "issn": ", ".join(work.issn),
        "doi": work.doi,
        "url": work.url,
        "language": work.language,
        "keywords": tex_escape(", ".join(work.keywords)),
        "abstract": tex_escape(work.abstract),
    }
    body = ",\n".join(
        f"  {name} = {value}" if name == "month" else f"  {name} = {{{value}}}"
        for name, value in fields.items()
        if value
    )
    return f"@{kind}{{{key},\n{body}\n}}\n"


def bibtex(works: Sequence[Work]) -> str:
    """BibTeX entries (BibLaTeX reads them too: ``date``, ``doi`` and ``url`` are its fields),
    with keys made unique within the file."""
    seen: dict[str, int] = {}
    entries = []
    for work in works:
        key = bibtex_key(work)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            key = f"{key}{chr(ord('a') + min(seen[key] - 2, 25))}-{work.page_id}"
        entries.append(_bibtex_entry(work, key))
    return "\n".join(entries)


# --- RIS ------------------------------------------------------------------------------------

RIS_TYPES = {
    "article-journal": "JOUR",
    "report": "RPRT",
    "post-weblog": "BLOG",
    "article": "ELEC",
}


def _ris_value(text: str) -> str:
    # One tag a line: a line break inside a value would start a bogus tag.
    return _CONTROL.sub("", " ".join(str(text).split()))


def _ris_name(creator: Creator) -> str:
    return creator.name if creator.is_literal else f"{creator.family}, {creator.given}"


def _ris_record(work: Work) -> list[tuple[str, str]]:
    tags: list[tuple[str, str]] = [("TY", RIS_TYPES.get(work.csl_type, "GEN"))]
    tags.append(("TI", work.full_title))
    for creator in work.creators:
        role = creator.role.lower()
        tag = {"editor": "A2", "translator": "A4"}.get(role, "AU")
        tags.append((tag, _ris_name(creator)))
    optional = [
        ("T2", work.container_title),
        ("T3", work.series_title),
        ("VL", work.volume),
        ("IS", work.issue or str(work.series_number or "")),
        ("SP", str(work.first_page or "")),
        ("EP", str(work.last_page or "") if work.last_page != work.first_page else ""),
        ("PY", str(work.date.year)),
        ("DA", work.date.strftime("%Y/%m/%d")),
        ("PB", work.publisher),
        ("CY", work.publisher_place),
        ("M3", work.kind_label if work.csl_type == "report" else ""),
        ("SN", "; ".join(work.issn)),
        ("DO", work.doi),
        ("UR", work.url),
        ("L1", work.pdf_url),
        ("LA", work.language),
        ("AB", work.abstract),
    ]
    tags += [(tag, value) for tag, value in optional if value]
    tags += [("KW", keyword) for keyword in work.keywords]
    tags.append(("ER", ""))
    return tags


def ris(works: Sequence[Work]) -> str:
    """RIS records (``TAG  - value`` lines, CRLF as the format's specification writes)."""
    lines = []
    for work in works:
        lines += [f"{tag}  - {_ris_value(value)}" for tag, value in _ris_record(work)]
        lines.append("")
    return "\r\n".join(lines)
