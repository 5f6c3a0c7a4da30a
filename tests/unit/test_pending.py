"""Pending uploads that were never confirmed are deleted after 24 hours (issue 10)."""
import os
import time

from callbacks import data as cb


def test_old_pending_uploads_are_deleted(tmp_path, monkeypatch):
    monkeypatch.setenv("KONVERGENSI_DATA_DIR", str(tmp_path))
    folder = cb.pending_dir()
    folder.mkdir(parents=True)
    old, fresh = folder / ("a" * 32), folder / ("b" * 32)
    old.write_bytes(b"x")
    fresh.write_bytes(b"y")
    day_ago = time.time() - cb.PENDING_HOURS * 3600 - 60
    os.utime(old, (day_ago, day_ago))
    assert cb.clean_pending() == 1
    assert not old.exists() and fresh.exists()
    # checking a new upload cleans up too
    os.utime(fresh, (day_ago, day_ago))
    cb.check_upload("data:text/csv;base64,eA==", "x.csv", "prevalensi", "id", "ana")
    assert not fresh.exists()
