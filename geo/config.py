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
