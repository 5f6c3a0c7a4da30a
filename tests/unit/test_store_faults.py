"""A store that cannot be written (disk full, read-only): clear message, nothing half-written (issue 6).

The real read-only mount and the real full tmpfs are in tests/e2e/test_faults.py; here the
fault is injected inside the write transaction, half-way through the rows.
"""

from __future__ import annotations

import errno
import io
import sqlite3

import pytest

import cli
from callbacks import data as data_cb
from geo.analysis import dataset
from geo.core.i18n import t
from geo.io import importers, loading, store
from tests.helpers.callbacks import text_of

CAKUPAN = (loading.BUNDLED_DEMO / "cakupan.csv").read_bytes()
PREV = (loading.BUNDLED_DEMO / "prevalensi.csv").read_bytes()


@pytest.fixture(autouse=True)
def prevalensi_v1(data_dir):
    """Each test starts from a store holding one version: the demo prevalence."""
    assert importers.run("prevalensi", PREV, "prevalensi.csv", by="ana").version_id == 1


def fail_half_way(monkeypatch, exc):
    original = store._insert_rows

    def broken(con, vid, records, geoms):
        original(con, vid, records[: len(records) // 2], geoms[: len(geoms) // 2])
        raise exc

    monkeypatch.setattr(store, "_insert_rows", broken)


def snapshot():
    con = sqlite3.connect(store.path())
    try:
        return con.execute("SELECT count(*) FROM versi").fetchone(), con.execute(
            "SELECT count(*) FROM baris"
        ).fetchone()
    finally:
        con.close()


@pytest.mark.parametrize(
    "exc, key",
    [
        (sqlite3.OperationalError("database or disk is full"), "store.disk_full"),
        (OSError(errno.ENOSPC, "No space left on device"), "store.disk_full"),
        (sqlite3.OperationalError("attempt to write a readonly database"), "store.read_only"),
        (OSError(errno.EROFS, "Read-only file system"), "store.read_only"),
        (sqlite3.DatabaseError("database disk image is malformed"), "store.write_failed"),
    ],
)
def test_failed_write_is_a_plain_message_and_rolls_back(monkeypatch, exc, key):
    before, version = snapshot(), dataset.current().version
    fail_half_way(monkeypatch, exc)
    out = io.StringIO()
    monkeypatch.setattr("sys.argv", ["app.py"])
    path = store.path().parent / "cakupan.csv"
    path.write_bytes(CAKUPAN)
    assert cli.main(["import", "cakupan", str(path)], out=out) == cli.EXIT_REJECTED
    text = out.getvalue()
    assert store.write_problem(exc).key == key
    assert "tidak ada yang berubah" in text.lower() and "Traceback" not in text and str(store.path()) not in text
    assert snapshot() == before  # no version row, no half of the rows
    assert dataset.current().version == version  # viewing goes on with the same data


def test_data_page_says_the_disk_is_full_and_keeps_the_upload(monkeypatch, data_dir):
    before = snapshot()
    contents = "data:text/csv;base64," + __import__("base64").b64encode(CAKUPAN).decode()
    _, pending, disabled, *_ = data_cb.check_upload(contents, "cakupan.csv", "cakupan", "id", user="ana")
    assert pending and not disabled
    fail_half_way(monkeypatch, sqlite3.OperationalError("database or disk is full"))
    msg, table, pending_after, disabled = data_cb.confirm_import(pending, [], "id", user="ana")
    assert "disk server penuh" in msg and "tidak ada yang berubah" in msg
    assert snapshot() == before
    msg_en, *_ = data_cb.confirm_import(pending, [], "en", user="ana")
    assert "the server's disk is full" in msg_en
    monkeypatch.undo()  # space again: the same pending upload can be confirmed
    monkeypatch.setenv("KONVERGENSI_DATA_DIR", str(data_dir))
    msg, *_ = data_cb.confirm_import(pending, [], "id", user="ana")
    assert msg == t("data.imported", "id", version=2)
    assert snapshot()[0][0] == before[0][0] + 1


def test_data_page_cannot_keep_the_upload(monkeypatch):
    def no_space(self, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("pathlib.Path.write_bytes", no_space)
    contents = "data:text/csv;base64," + __import__("base64").b64encode(CAKUPAN).decode()
    check, pending, disabled, *_ = data_cb.check_upload(contents, "cakupan.csv", "cakupan", "id", user="ana")
    assert pending is None and disabled
    assert "disk server penuh" in text_of(check)
