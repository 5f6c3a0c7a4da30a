"""Message catalogue: every text a user reads, Indonesian first, English second.

Each module in this package defines ``MESSAGES = {key: (indonesian, english)}``;
they are merged here. Keys must be unique across modules (checked by the tests).
"""
from __future__ import annotations

from geo.messages import core

_MODULES = (core,)


def _merge() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for mod in _MODULES:
        for key, (id_text, en_text) in mod.MESSAGES.items():
            if key in merged:
                raise KeyError(f"duplicate message key {key!r} in {mod.__name__}")
            merged[key] = {"id": id_text, "en": en_text}
    return merged


MESSAGES = _merge()
