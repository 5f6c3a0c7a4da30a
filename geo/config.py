"""Configuration from the environment, read when asked (never at import time)."""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """Where imported data and the store live: ``KONVERGENSI_DATA_DIR``, default ``var/data``
    inside the project (ignored by git). Not created here."""
    value = os.environ.get("KONVERGENSI_DATA_DIR", "").strip()
    return Path(value).expanduser().resolve() if value else PROJECT_DIR / "var" / "data"


def _path_env(name: str, default: Path) -> Path:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    path = Path(value).expanduser()
    if path.is_absolute() or path.exists():
        return path.resolve()
    return (PROJECT_DIR / path).resolve()


def bundled_boundaries(default: Path) -> Path:
    """Village boundaries of the bundled (fallback) data: ``KONVERGENSI_BOUNDARIES`` or ``default``.
    A relative path that does not exist from the working directory is taken from the
    project folder (``data/sultra_desa.gpkg``)."""
    return _path_env("KONVERGENSI_BOUNDARIES", default)


def bundled_demo_dir(default: Path) -> Path:
    """Folder of the bundled demo tables: ``KONVERGENSI_DEMO_DIR`` or ``default``."""
    return _path_env("KONVERGENSI_DEMO_DIR", default)
