"""What a page says about itself in its <head>: tags for search engines, social sites,
reference managers and Google Scholar, and schema.org JSON-LD.

A ``Head`` is built by ``scholarly`` (publications) or ``pages`` (everything else) and rendered
by ``distribution/head.html``; the template escapes every attribute, and ``json_ld_text``
makes the JSON safe inside a <script> element.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.core.serializers.json import DjangoJSONEncoder

DESCRIPTION_CHARS = 300
DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"

# Inside <script> the HTML parser ends the element at "</script" and enters an escaped state
# at "<!--"; JSON may spell every one of these characters as an escape, and & keeps a value
# from reading as a character reference to tools that decode the element's text as HTML.
_SCRIPT_ESCAPES = {
    ord("<"): "\\u003C",
    ord(">"): "\\u003E",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


@dataclass(frozen=True)
class Image:
    """An image for social cards: absolute URL, size in pixels when known, and its alt text."""

    url: str
    alt: str
    width: int | None = None
    height: int | None = None


@dataclass
class Head:
    """The tags of one page; ``meta`` holds (attribute, name, content) in document order."""

    title: str
    canonical: str
    description: str = ""
    og_type: str = "website"
    site_name: str = ""
    image: Image | None = None
    meta: list[tuple[str, str, str]] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (rel, href)
    json_ld: list[dict] = field(default_factory=list)

    def meta_name(self, key: str, content: object) -> None:
        """Add ``<meta name=key content=...>`` unless the content is empty."""
        if content not in (None, ""):
            self.meta.append(("name", key, str(content)))

    def meta_property(self, key: str, content: object) -> None:
        """Add ``<meta property=key content=...>`` (Open Graph) unless the content is empty."""
        if content not in (None, ""):
            self.meta.append(("property", key, str(content)))

    @property
    def twitter_card(self) -> str:
        return "summary_large_image" if self.image and _is_large(self.image) else "summary"

    @property
    def json_ld_texts(self) -> list[str]:
        return [json_ld_text(block) for block in self.json_ld]


def _is_large(image: Image) -> bool:
    # Twitter's large card wants at least 300 x 157; an image of unknown size is taken as large.
    return (image.width or 300) >= 300 and (image.height or 157) >= 157


def json_ld_text(data: dict) -> str:
    """JSON for a <script type="application/ld+json"> element: nothing in a value (a title
    with "</script>" or "<!--" in it) can end the element or change how it is parsed."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return text.translate(_SCRIPT_ESCAPES)


def shorten(text: str, limit: int = DESCRIPTION_CHARS) -> str:
    """``text`` on one line, cut at a word before ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:.") + "…"
