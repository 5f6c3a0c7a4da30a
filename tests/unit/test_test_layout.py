"""Tests share code only through tests/helpers: no test module imports another test module
or a conftest, so moving or deleting one test never breaks another."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
HELPERS = "tests.helpers"


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(TESTS.parent).with_suffix("").parts)


def bad_imports(source: str, module: str) -> list[str]:
    """Imports in ``source`` (the module ``module``) that reach a test module or a conftest.

    Allowed under ``tests``: ``tests.helpers`` and what lies under it. Relative imports are
    resolved against ``module`` and judged the same way.
    """
    package = module.rsplit(".", 1)[0]
    bad = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            # `from tests import x` imports the module tests.x; `from tests.helpers import x` is fine
            targets = [
                f"{prefix}.{a.name}" if prefix in ("tests", "tests.e2e", "tests.unit") else prefix for a in node.names
            ]
        else:
            continue
        for target in targets:
            first = target.split(".")[0]
            if first == "conftest" or target.endswith(".conftest") or first.startswith("test_"):
                bad.append(target)
            elif first == "tests" and not (target == HELPERS or target.startswith(HELPERS + ".")):
                bad.append(target)
    return bad


def checked_files() -> list[Path]:
    files = [*TESTS.rglob("test_*.py"), *TESTS.rglob("conftest.py"), *(TESTS / "helpers").rglob("*.py")]
    return sorted(set(files))


def test_tests_import_only_helpers_and_the_app():
    files = checked_files()
    assert len(files) > 40 and TESTS / "conftest.py" in files
    found = {
        str(f.relative_to(TESTS.parent)): bad
        for f in files
        if (bad := bad_imports(f.read_text(encoding="utf-8"), _module_name(f)))
    }
    assert found == {}, "import shared code from tests.helpers, not from a test module or conftest"


def test_the_check_catches_a_test_importing_another_test_or_a_conftest():
    module = "tests.e2e.test_new"
    assert bad_imports("from tests.e2e.test_map import open_map\n", module) == ["tests.e2e.test_map"]
    assert bad_imports("from tests.e2e.conftest import ROOT\n", module) == ["tests.e2e.conftest"]
    assert bad_imports("import tests.unit.test_callbacks as tc\n", module) == ["tests.unit.test_callbacks"]
    assert bad_imports("from tests import ppgbm\n", module) == ["tests.ppgbm"]
    assert bad_imports("from tests.unit import test_rembuk\n", module) == ["tests.unit.test_rembuk"]
    assert bad_imports("from .test_data import upload\n", module) == ["tests.e2e.test_data"]
    assert bad_imports("from . import conftest\n", module) == ["tests.e2e.conftest"]
    assert bad_imports("import conftest\n", module) == ["conftest"]
    assert bad_imports("def f():\n    from tests.unit.fixtures import grid\n", module) == ["tests.unit.fixtures"]


def test_the_check_lets_helpers_and_the_app_through():
    ok = (
        "from tests.helpers.browser import open_map\nfrom tests.helpers import ppgbm\nimport tests.helpers.app\n"
        "from geo import dataset\nfrom layouts import ids\nimport pytest\nfrom bench import load\n"
    )
    assert bad_imports(ok, "tests.e2e.test_new") == []
    assert bad_imports("from .app import ROOT\n", "tests.helpers.browser") == []
