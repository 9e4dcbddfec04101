"""The "Cite" section of publication and issue pages, and DOI links."""

from __future__ import annotations

from urllib.parse import quote

from django import template

from imprint.distribution.cite.formats import FORMATS
from imprint.distribution.cite.styles import references
from imprint.distribution.works import describe_many

register = template.Library()


@register.filter
def doi_url(doi: str) -> str:
    """https://doi.org/ and the DOI, its characters that URLs reserve escaped (a DOI may hold
    "#" or "?", which would end the path)."""
    return f"https://doi.org/{quote(doi, safe='/:;()._-~,+=!*@$')}" if doi else ""


@register.inclusion_tag("distribution/cite.html", takes_context=True)
def cite_box(context, page) -> dict:
    """Formatted references and download links for a publication that is being served
    (nothing for a page not saved yet, as in the preview of a new page)."""
    works = describe_many([page.pk], request=context.get("request")) if page.pk else []
    if not works:
        return {"work": None}
    work = works[0]
    return {
        "work": work,
        "references": references(work),
        "downloads": [(f, "cite_publication", page.pk) for f in FORMATS.values()],
    }


@register.simple_tag
def cite_formats() -> list:
    """The download formats, for the issue page's links."""
    return list(FORMATS.values())
