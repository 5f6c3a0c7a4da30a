"""Message catalogue: every text a user reads, Indonesian first, English second.

Each module in this package defines ``MESSAGES = {key: (indonesian, english)}``; all
modules are found and merged here, so a feature adds its texts in a module of its own.
Keys must be unique across modules (checked at import).
"""

from __future__ import annotations

import importlib
import pkgutil


def _merge() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        mod = importlib.import_module(f"{__name__}.{info.name}")
        for key, (id_text, en_text) in mod.MESSAGES.items():
            if key in merged:
                raise KeyError(f"duplicate message key {key!r} in {mod.__name__}")
            merged[key] = {"id": id_text, "en": en_text}
    return merged


MESSAGES = _merge()
