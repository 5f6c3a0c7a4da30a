"""geo.core.memo.VersionedCache: once per (version, key), one version kept, bounded."""

import threading
import time

from geo.core.memo import VersionedCache


def test_computes_once_per_version_and_key():
    cache, calls = VersionedCache(), []

    def make(v):
        return lambda: calls.append(v) or f"value-{v}"

    assert cache.get("v1", "a", make(1)) == "value-1"
    assert cache.get("v1", "a", make(2)) == "value-1"
    assert cache.get("v1", "b", make(3)) == "value-3"
    assert calls == [1, 3] and len(cache) == 2


def test_a_new_version_drops_the_old_ones():
    cache = VersionedCache()
    cache.put("v1", "a", 1)
    cache.put("v1", "b", 2)
    cache.put("v2", "a", 3)
    assert len(cache) == 1 and cache.lookup("v1", "b") is None and cache.lookup("v2", "a") == 3


def test_size_drops_the_least_recently_used():
    cache = VersionedCache(size=2)
    cache.put("v", "a", 1)
    cache.put("v", "b", 2)
    assert cache.lookup("v", "a") == 1  # a is now the most recent
    cache.put("v", "c", 3)
    assert cache.lookup("v", "b") is None and cache.lookup("v", "a") == 1 and cache.lookup("v", "c") == 3


def test_one_build_builds_once_under_concurrency():
    cache, calls = VersionedCache(one_build=True), []

    def slow():
        calls.append(1)
        time.sleep(0.05)
        return "x"

    threads = [threading.Thread(target=cache.get, args=("v", "k", slow)) for _ in range(6)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert calls == [1] and cache.lookup("v", "k") == "x"
