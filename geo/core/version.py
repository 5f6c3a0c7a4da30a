"""The version of this code, named in every export beside the data versions.

The git commit of the project folder when it is a git checkout (``git describe --always
--dirty``), else the package version below. Read once per process.
"""

from __future__ import annotations

import subprocess
from functools import lru_cache
from pathlib import Path

PACKAGE_VERSION = "0.14.0"
PROJECT_DIR = Path(__file__).resolve().parents[2]


@lru_cache(maxsize=1)
def code_version() -> str:
    try:
        out = subprocess.run(
            ["git", "describe", "--always", "--dirty", "--abbrev=12"],
            cwd=str(PROJECT_DIR),
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        out = ""
    return f"konvergensi {PACKAGE_VERSION} ({out})" if out else f"konvergensi {PACKAGE_VERSION}"
