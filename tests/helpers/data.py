"""A fresh data folder: the one way a test points the app at its own, empty store."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ENV = "KONVERGENSI_DATA_DIR"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty data folder of this test's own; ``KONVERGENSI_DATA_DIR`` points at it.

    Files a test writes for itself (uploads, reports) go in ``tmp_path``, beside it.
    """
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv(ENV, str(folder))
    return folder


@contextlib.contextmanager
def data_dir_env(folder: Path) -> Iterator[Path]:
    """``KONVERGENSI_DATA_DIR`` points at ``folder`` inside the block, as before after it.

    For module-scoped fixtures, which cannot use ``monkeypatch`` (function-scoped).
    """
    old = os.environ.get(ENV)
    os.environ[ENV] = str(folder)
    try:
        yield folder
    finally:
        if old is None:
            os.environ.pop(ENV, None)
        else:
            os.environ[ENV] = old


@pytest.fixture
def web_server(data_dir: Path):
    """The web app of this test's own, built for its data folder (``app.create_app`` with its
    settings, as gunicorn builds one from the environment): its Flask server."""
    import app
    from geo.core.config import Settings

    return app.create_app(Settings.from_env(data_dir=data_dir)).server
