"""Reading page metadata as machines do: extruct (JSON-LD, Open Graph) and lxml (meta tags),
from rendered pages; golden files compared after normalising what changes between runs."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import extruct
from lxml import html as lxml_html

GOLDEN = Path(__file__).parent / "golden" / "metadata"


def head_of(client, url: str, **extra) -> dict:
    """Everything a machine reads from the page's head: meta tags in order, links, JSON-LD
    and Open Graph as extruct parses them."""
    response = client.get(url, **extra)
    assert response.status_code == 200, (url, response.status_code)
    text = response.content.decode()
    tree = lxml_html.fromstring(text)
    meta = [
        (m.get("name") or m.get("property"), m.get("content"))
        for m in tree.xpath("//head/meta[@content]")
        if m.get("name") or m.get("property")
    ]
    links = {link.get("rel"): link.get("href") for link in tree.xpath("//head/link[@rel]")}
    data = extruct.extract(text, base_url="http://localhost/", syntaxes=["json-ld", "opengraph"])
    return {"meta": meta, "links": links, "json_ld": data["json-ld"], "og": data["opengraph"]}


def tags(head: dict, name: str) -> list[str]:
    return [content for key, content in head["meta"] if key == name]


def tag(head: dict, name: str) -> str:
    found = tags(head, name)
    assert len(found) == 1, (name, found)
    return found[0]


def json_ld(head: dict, kind: str) -> dict:
    found = [block for block in head["json_ld"] if block.get("@type") == kind]
    assert len(found) == 1, (kind, [b.get("@type") for b in head["json_ld"]])
    return found[0]


_RANDOM = [
    # Image files carry a random prefix (images.models.ImprintImage.get_upload_to).
    (re.compile(r"[0-9a-f]{16}_"), "RANDOM_"),
    (re.compile(r"\.[0-9a-f]{8}\.(?=(png|jpg|jpeg|webp|gif))"), ".HASH."),
    # Ids follow the database's sequences; a file name taken gets a random suffix.
    (re.compile(r"/documents/\d+/"), "/documents/ID/"),
    (re.compile(r"_[A-Za-z0-9]{7}\.pdf"), ".pdf"),
]


def normalised(head: dict) -> dict:
    text = json.dumps(head, ensure_ascii=False, sort_keys=True, indent=1)
    for pattern, replacement in _RANDOM:
        text = pattern.sub(replacement, text)
    return json.loads(text)


def assert_golden(name: str, head: dict) -> None:
    """Compare with ``golden/metadata/<name>.json``; IMPRINT_UPDATE_GOLDEN=1 writes it."""
    path = GOLDEN / f"{name}.json"
    got = normalised(head)
    if os.environ.get("IMPRINT_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(got, ensure_ascii=False, sort_keys=True, indent=1) + "\n")
    assert path.exists(), f"{path} is missing: run with IMPRINT_UPDATE_GOLDEN=1 to write it"
    assert got == json.loads(path.read_text()), f"{path} differs (IMPRINT_UPDATE_GOLDEN=1)"
