"""geo/ is layered: core → io → analysis → views → output. Each layer imports only the layers
below it (and itself), and nothing under geo/ imports Dash, Flask or the app's own packages.

Every import counts, also one inside a function: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ("core", "io", "analysis", "views", "output")
FORBIDDEN = (
    "dash",
    "dash_leaflet",
    "dash_ag_grid",
    "dash_extensions",
    "flask",
    "callbacks",
    "layouts",
    "app",
    "cli",
)  # werkzeug.security (password hashes) is allowed


def _imported(node: ast.AST, module: str) -> list[str]:
    """Absolute dotted names an import statement brings in (``from geo import io`` → ``geo.io``)."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if isinstance(node, ast.ImportFrom):
        if node.level:  # relative: resolve against the importing module's package
            base = module.split(".")[: -node.level]
            mod = ".".join(base + ([node.module] if node.module else []))
        else:
            mod = node.module or ""
        return [f"{mod}.{a.name}" for a in node.names] if mod in ("geo", *(f"geo.{x}" for x in LAYERS)) else [mod]
    return []


def violations(geo_dir: Path) -> list[str]:
    """``file:line: message`` for every import that breaks the layering."""
    out = []
    for path in sorted(geo_dir.rglob("*.py")):
        rel = path.relative_to(geo_dir.parent)
        module = ".".join(rel.with_suffix("").parts)
        parts = rel.parts
        own = parts[1] if len(parts) > 2 else None  # geo/<layer>/...; geo/__init__.py has no layer
        if len(parts) > 2 and own not in LAYERS:
            out.append(f"{rel}: geo/{own}/ is not a layer ({', '.join(LAYERS)})")
            continue
        if len(parts) == 2 and path.name != "__init__.py":
            out.append(f"{rel}: a module directly in geo/ belongs in a layer ({', '.join(LAYERS)})")
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            for name in _imported(node, module):
                top = name.split(".")[0]
                if top in FORBIDDEN:
                    out.append(f"{rel}:{node.lineno}: imports {name} (geo/ never imports Dash, Flask or the app)")
                elif top == "geo" and own is not None:
                    target = name.split(".")[1] if name.count(".") else None
                    if target in LAYERS and LAYERS.index(target) > LAYERS.index(own):
                        out.append(f"{rel}:{node.lineno}: geo.{own} imports {name}, a layer above it")
                    elif target not in LAYERS:
                        out.append(f"{rel}:{node.lineno}: imports {name}, not inside a layer")
    return out


def test_geo_is_layered():
    assert violations(ROOT / "geo") == []


def test_every_layer_exists_and_holds_modules():
    for layer in LAYERS:
        assert (ROOT / "geo" / layer / "__init__.py").is_file()
        assert len(list((ROOT / "geo" / layer).glob("*.py"))) > 1, layer


@pytest.mark.parametrize(
    ("layer", "source", "expected"),
    [
        ("core", "from geo.io import store\n", "geo.core imports geo.io.store, a layer above it"),
        ("io", "def f():\n    from geo.analysis import lokus\n", "geo.io imports geo.analysis.lokus, a layer above it"),
        ("analysis", "from geo import views\n", "geo.analysis imports geo.views, a layer above it"),
        ("views", "import geo.output.pdf\n", "geo.views imports geo.output.pdf, a layer above it"),
        ("analysis", "from ..output import pdf\n", "geo.analysis imports geo.output.pdf, a layer above it"),
        ("output", "import dash\n", "imports dash (geo/ never imports Dash"),
        ("core", "from flask import request\n", "imports flask (geo/ never imports Dash"),
        ("views", "from layouts import shell\n", "imports layouts (geo/ never imports Dash"),
    ],
)
def test_the_check_catches_a_deliberate_violation(tmp_path, layer, source, expected):
    geo = tmp_path / "geo"
    for name in LAYERS:
        (geo / name).mkdir(parents=True)
        (geo / name / "__init__.py").write_text("")
    (geo / "__init__.py").write_text("")
    (geo / layer / "ok.py").write_text("from geo.core import config\nimport pandas\n")
    assert violations(geo) == []
    (geo / layer / "bad.py").write_text(source)
    found = violations(geo)
    assert len(found) == 1 and expected in found[0] and found[0].startswith(f"geo/{layer}/bad.py:")


def test_a_module_outside_the_layers_is_refused(tmp_path):
    geo = tmp_path / "geo"
    (geo / "core").mkdir(parents=True)
    (geo / "__init__.py").write_text("")
    (geo / "loose.py").write_text("")
    (geo / "extra").mkdir()
    (geo / "extra" / "x.py").write_text("")
    found = violations(geo)
    assert any("geo/loose.py" in f for f in found) and any("geo/extra/x.py" in f for f in found)
