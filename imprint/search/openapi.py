"""The OpenAPI 3.1 description of the search API (served at /api/search/openapi.json)."""

from __future__ import annotations

from .backends import FACETS

_STRING = {"type": "string"}


def schema(search_url: str) -> dict:
    facet_value = {
        "type": "object",
        "required": ["value", "label", "count", "selected"],
        "properties": {
            "value": {"type": "string", "description": "Pass back as the facet's parameter."},
            "label": _STRING,
            "count": {"type": "integer", "minimum": 0},
            "selected": {"type": "boolean"},
        },
    }
    result = {
        "type": "object",
        "required": ["url", "type", "type_label", "title", "authors", "date", "snippet", "pdf"],
        "properties": {
            "url": {"type": "string", "description": "Path on this site."},
            "type": _STRING,
            "type_label": _STRING,
            "title": _STRING,
            "authors": {"type": "array", "items": _STRING},
            "date": {"type": ["string", "null"], "format": "date"},
            "snippet": {
                "type": "string",
                "description": "HTML: escaped text; matched words in <mark>.",
            },
            "pdf": {
                "type": ["object", "null"],
                "description": "Where the words were found in the publication's PDF.",
                "properties": {
                    "page": {"type": "integer", "minimum": 1},
                    "url": {"type": "string", "description": "The PDF; add #page=N to open there."},
                    "snippet": _STRING,
                },
            },
        },
    }
    filters = [
        {
            "name": facet,
            "in": "query",
            "required": False,
            "description": f"Only results with this {facet} (repeat for any of several).",
            "schema": {"type": "array", "items": _STRING},
            "style": "form",
            "explode": True,
        }
        for facet in FACETS
    ]
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Imprint search",
            "version": "1",
            "description": (
                "Search every public page, PDF, person and topic of this site. Query syntax: "
                'words (all must match), "an exact phrase", -excluded, a OR b.'
            ),
        },
        "servers": [{"url": search_url.rsplit("/api/search/", 1)[0] or "/"}],
        "paths": {
            "/api/search/": {
                "get": {
                    "operationId": "search",
                    "summary": "Search the site",
                    "parameters": [
                        {
                            "name": "q",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "string", "maxLength": 10000},
                        },
                        {
                            "name": "sort",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "string", "enum": ["relevance", "date"]},
                        },
                        {
                            "name": "page",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "integer", "minimum": 1},
                        },
                        *filters,
                    ],
                    "responses": {
                        "200": {
                            "description": "Results, facets and counts.",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "required": ["query", "total", "results", "facets"],
                                        "properties": {
                                            "query": _STRING,
                                            "total": {"type": "integer", "minimum": 0},
                                            "page": {"type": "integer"},
                                            "pages": {"type": "integer"},
                                            "per_page": {"type": "integer"},
                                            "sort": _STRING,
                                            "index_total": {
                                                "type": "integer",
                                                "description": "Publications in the index.",
                                            },
                                            "results": {"type": "array", "items": result},
                                            "facets": {
                                                "type": "object",
                                                "additionalProperties": {
                                                    "type": "array",
                                                    "items": facet_value,
                                                },
                                            },
                                            "suggestion": {"type": ["string", "null"]},
                                            "truncated": {"type": "boolean"},
                                            "error": _STRING,
                                        },
                                    }
                                }
                            },
                        },
                        "404": {"description": "A page number that is not a whole number."},
                    },
                }
            },
            "/api/search/suggest/": {
                "get": {
                    "operationId": "suggest",
                    "summary": "Titles, people and topics for what has been typed",
                    "parameters": [
                        {"name": "q", "in": "query", "required": True, "schema": _STRING}
                    ],
                    "responses": {
                        "200": {
                            "description": "Up to eight suggestions.",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "properties": {
                                            "query": _STRING,
                                            "suggestions": {
                                                "type": "array",
                                                "items": {
                                                    "type": "object",
                                                    "properties": {
                                                        "title": _STRING,
                                                        "url": _STRING,
                                                        "type_label": _STRING,
                                                    },
                                                },
                                            },
                                        },
                                    }
                                }
                            },
                        }
                    },
                }
            },
        },
    }
