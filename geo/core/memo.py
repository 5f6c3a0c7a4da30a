"""One small in-process cache for values computed once per data version.

Pages, layers and downloads depend on the data version: when an import makes a new version,
what was computed for the old one is dropped the next time something is stored. Every
cache of the app is one of these (the geometry cache on disk is geo.io.cache).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

_MISSING = object()


class VersionedCache:
    """``get(version, key, compute)``: ``compute()`` once per (version, key).

    Only one data version is kept: storing a value for another version drops the others.
    ``size`` bounds the number of entries (least recently used dropped first). ``compute``
    runs outside the lock, so a slow build never blocks readers of other keys; two threads
    missing the same key at once may both compute it (the values are equal), unless
    ``one_build=True``: then builds wait for each other (for what is too big to build twice).
    """

    def __init__(self, size: int | None = None, one_build: bool = False):
        self.size = size
        self._build = threading.Lock() if one_build else None
        self._lock = threading.Lock()
        self._data: OrderedDict[tuple[Hashable, Hashable], Any] = OrderedDict()

    def lookup(self, version: Hashable, key: Hashable, default=None):
        with self._lock:
            hit = self._data.get((version, key), _MISSING)
            if hit is _MISSING:
                return default
            self._data.move_to_end((version, key))
            return hit

    def put(self, version: Hashable, key: Hashable, value) -> None:
        with self._lock:
            for old in [k for k in self._data if k[0] != version]:
                del self._data[old]
            self._data[(version, key)] = value
            self._data.move_to_end((version, key))
            while self.size is not None and len(self._data) > self.size:
                self._data.popitem(last=False)

    def get(self, version: Hashable, key: Hashable, compute: Callable[[], Any]):
        hit = self.lookup(version, key, _MISSING)
        if hit is not _MISSING:
            return hit
        if self._build is None:
            hit = compute()
        else:
            with self._build:
                hit = self.lookup(version, key, _MISSING)  # built meanwhile by another thread
                if hit is not _MISSING:
                    return hit
                hit = compute()
        self.put(version, key, hit)
        return hit

    def clear(self) -> None:
        with self._lock:
            self._data.clear()

    def __len__(self) -> int:
        return len(self._data)
