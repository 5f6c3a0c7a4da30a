"""The validation layout (callbacks/validation.py) is current and names every component every
callback uses, with a property that component has: a wiring mistake fails here, not silently
in a browser."""

from __future__ import annotations

import importlib
import inspect
import json

import pytest

from callbacks import validation


@pytest.fixture()
def server(tmp_path, monkeypatch):
    monkeypatch.setenv("KONVERGENSI_DATA_DIR", str(tmp_path))  # bundled demo data, no import
    from app import server

    return server


def _callback_parts(app):
    """(id, property) of every Input, Output and State of every callback of ``app``."""
    from dash._callback import GLOBAL_CALLBACK_LIST

    out = []
    for cb in [*app._callback_list, *GLOBAL_CALLBACK_LIST]:
        if cb.get("hidden"):  # Dash's own (page router, title)
            continue
        outputs = cb["output"].strip(".").split("...")
        for o in filter(None, outputs):
            cid, prop = o.rsplit(".", 1)
            out.append((json.loads(cid) if cid.startswith("{") else cid, prop.split("@")[0]))
        for dep in [*cb["inputs"], *cb["state"]]:
            cid = dep["id"]
            out.append((json.loads(cid) if isinstance(cid, str) and cid.startswith("{") else cid, dep["property"]))
    return out


def _matches(pattern, cid) -> bool:
    if not isinstance(pattern, dict):
        return pattern == cid
    if not isinstance(cid, dict) or set(cid) != set(pattern):
        return False
    return all(isinstance(v, list) or cid[k] == v for k, v in pattern.items())  # [ALL], [MATCH]: any value


def _props(stub: dict) -> set[str]:
    """The properties of the stub's component type (the keyword arguments of its class)."""
    module = {
        "dash_html_components": "dash.html",
        "dash_core_components": "dash.dcc",
        "dash_leaflet": "dash_leaflet",
        "dash_ag_grid": "dash_ag_grid",
    }[stub["namespace"]]
    cls = getattr(importlib.import_module(module), stub["type"])
    return set(inspect.signature(cls.__init__).parameters) - {"self", "kwargs"}


def test_the_file_is_current(server):
    generated = json.loads(json.dumps(validation.generate(server)))
    assert generated == json.loads(validation.FILE.read_text()), (
        "callbacks/validation_layout.json is out of date: run `make validation-layout`"
    )


def test_every_callback_names_components_of_the_layout_with_their_properties(server):
    import app

    stubs = json.loads(validation.FILE.read_text())
    parts = _callback_parts(app.app)
    assert len(parts) > 50
    for cid, prop in parts:
        if isinstance(cid, str) and cid.startswith("_pages_"):
            continue  # Dash's own page container (in the validation layout through dash.page_container)
        found = [s for s in stubs if _matches(cid, s["id"])]
        assert found, f"callback names {cid!r}, which no page has"
        for stub in found:
            names = _props(stub)
            assert prop in names or prop.startswith(("data-", "aria-")), (
                f"{stub['type']} {cid!r} has no property {prop!r}"
            )


def test_the_check_catches_a_missing_id_and_a_wrong_property(server):
    stubs = json.loads(validation.FILE.read_text())
    assert not [s for s in stubs if _matches("no-such-id", s["id"])]
    button = next(s for s in stubs if s["type"] == "Button")
    assert "n_clicks" in _props(button)
    assert "figure" not in _props(button)


def test_the_app_checks_callbacks_against_it(server):
    import app

    r = server.test_client().get("/")
    assert r.status_code == 200
    assert app.app.config.suppress_callback_exceptions is False
    config = json.loads(r.text.split('<script id="_dash-config" type="application/json">')[1].split("</script>")[0])
    ids = {json.dumps(c["props"].get("id"), sort_keys=True) for c in config["validation_layout"]["props"]["children"]}
    assert json.dumps("map", sort_keys=True) in ids
    assert len(r.text) < 200_000  # stubs only, not every page's data
