"""Pending uploads that were never confirmed are deleted (issue 10 asks: after 24 hours at most;
they go after one hour, whenever a file is checked)."""

import os
import time

from geo.io import pending


def test_old_pending_uploads_are_deleted(data_dir):
    folder = pending.folder()
    folder.mkdir(parents=True)
    old, fresh = folder / ("a" * 32), folder / ("b" * 32)
    old.write_bytes(b"x")
    fresh.write_bytes(b"y")
    assert pending.MAX_AGE_S <= 24 * 3600
    long_ago = time.time() - pending.MAX_AGE_S - 60
    os.utime(old, (long_ago, long_ago))
    pending.sweep()
    assert not old.exists() and fresh.exists()
