"""The app's validation layout: every component a callback names, by id and type.

Dash checks each callback against the layout (`suppress_callback_exceptions=False`), so a
wiring mistake (an id no page has, a property a component lacks) is reported instead of
silently ignored. With pages, the layout is only the page container, so Dash is given a
*validation layout* instead: one stub (type and id, nothing else) per component with an id,
from every page as an admin sees it and from the parts that callbacks add later (ambiguous
names, restore buttons, reasons). Only ids and types are kept: a few kilobytes in each page's
config, not every page's data.

The stubs are made from the bundled demo data and kept in ``validation_layout.json`` beside
this module (``make validation-layout`` or ``python -m callbacks.validation``), because
building every page takes seconds at province scale and must not delay a server's first
visitor. tests/unit/test_validation_layout.py checks that the file is current and that it
holds every id every callback uses.
"""

from __future__ import annotations

import json
from pathlib import Path

from dash.development.base_component import Component

FILE = Path(__file__).with_name("validation_layout.json")


class Stub:
    """A component reduced to its type and id (Dash serialises it through ``to_plotly_json``)."""

    def __init__(self, namespace: str, type_: str, id_):
        self.namespace, self.type, self.id = namespace, type_, id_

    def to_plotly_json(self) -> dict:
        return {"namespace": self.namespace, "type": self.type, "props": {"id": self.id}}


def stubs(tree) -> list[dict]:
    """``{"namespace", "type", "id"}`` of every component with an id in ``tree``, in tree order."""
    out: list[dict] = []

    def walk(node):
        if isinstance(node, Component):
            node_id = getattr(node, "id", None)
            if node_id is not None:
                out.append({"namespace": node._namespace, "type": node._type, "id": node_id})
            for name in node._prop_names:
                value = getattr(node, name, None)
                if isinstance(value, (Component, list, tuple)):
                    walk(value)
        elif isinstance(node, (list, tuple)):
            for item in node:
                walk(item)

    walk(tree)
    return out


def _unique(items: list[dict]) -> list[dict]:
    seen, out = set(), []
    for it in items:
        key = json.dumps(it["id"], sort_keys=True)
        if key not in seen:
            seen.add(key)
            out.append(it)
    return sorted(out, key=lambda it: json.dumps(it["id"], sort_keys=True))


def generate(server) -> list[dict]:
    """Stubs of every registered page (as a signed-in admin sees it) and of the parts callbacks
    add. Call with the app's Flask server, on the bundled demo data."""
    import dash
    from flask import g

    from geo.io import accounts
    from layouts import data_page, lokus_page

    items: list[dict] = []
    with server.test_request_context("/?lang=id"):
        g.konvergensi_account = accounts.Account("validasi", "admin")
        for page in dash.page_registry.values():
            layout = page["layout"]
            items += stubs(layout(lang="id") if callable(layout) else layout)
        # parts that only a callback puts on a page
        items += stubs(data_page.choices_panel([{"row": 2, "name": "x", "options": []}], "id"))
        items += stubs(
            data_page.versions_table(
                [
                    {
                        "id": 1,
                        "in_use": False,
                        "label": "v1",
                        "kind": "",
                        "time": "",
                        "file": "",
                        "rows": 0,
                        "by": "",
                        "warnings": 0,
                    }
                ],
                "id",
                True,
            )
        )
        items += stubs(
            lokus_page.reasons_panel(
                [{"kind": "add", "status": "", "desa": "", "rank": "", "kode": "x", "reason": ""}], "id"
            )
        )
    return _unique(items)


def load() -> list[Stub]:
    """The stubs of ``validation_layout.json`` (none before it is first generated)."""
    if not FILE.exists():
        return []
    return [Stub(it["namespace"], it["type"], it["id"]) for it in json.loads(FILE.read_text())]


def write(items: list[dict]) -> None:
    FILE.write_text(json.dumps(items, indent=1, ensure_ascii=False, sort_keys=True) + "\n")


if __name__ == "__main__":  # python -m callbacks.validation (on the bundled demo data: see the Makefile)
    from app import server

    write(generate(server))
    print(f"{FILE}: {len(json.loads(FILE.read_text()))} components")
