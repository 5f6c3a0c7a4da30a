# The project folder is on sys.path through pytest's `pythonpath` setting (pyproject.toml).
# Tests never touch a developer's store: every test session gets an empty data folder.
# Shared fixtures and helpers live in tests/helpers; the fixtures are registered here.
import os
import tempfile

import pytest

os.environ["KONVERGENSI_DATA_DIR"] = tempfile.mkdtemp(prefix="konvergensi-test-")
pytest.register_assert_rewrite("tests.helpers")

pytest_plugins = ["tests.helpers.data", "tests.helpers.app", "tests.helpers.browser", "tests.helpers.postgres"]


def pytest_collection_modifyitems(items):
    """Everything under tests/e2e is marked ``e2e`` (``pytest -m "not e2e"`` runs the rest)."""
    for item in items:
        if "/tests/e2e/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(autouse=True)
def _settings_follow_the_environment():
    """A test that builds the web app pins its settings for the process (geo.core.config.use);
    the next test reads its own environment again (its own data folder)."""
    yield
    from geo.core import config, schema

    config.use(None)
    schema.use(None)  # the indicator catalogue in effect: the bundled one again (geo.core.schema.use)
