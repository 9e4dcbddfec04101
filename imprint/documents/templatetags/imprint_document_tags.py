from django import template

from ..access import DocumentState
from ..access import document_state as _document_state

register = template.Library()


@register.simple_tag
def document_state(document) -> DocumentState:
    """Whether readers can open the document, and which pages decide it (admin edit view)."""
    return _document_state(document)
