"""geo.io.db: the one connection helper of the store, scenarios, accounts and sign-in counts."""

import os
import sqlite3
from contextlib import closing

import pytest

from geo.io import db

SCHEMA = "CREATE TABLE IF NOT EXISTS t (x INTEGER);"


def test_tables_are_made_and_made_again_for_a_new_file(tmp_path):
    path = tmp_path / "a.sqlite"
    with closing(db.connect(path, SCHEMA)) as con:
        assert db.has_table(con, "t")
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    for suffix in ("", "-wal", "-shm"):
        (tmp_path / f"a.sqlite{suffix}").unlink(missing_ok=True)
    with closing(db.connect(path, SCHEMA)) as con:  # removed meanwhile: made again, not assumed
        assert db.has_table(con, "t")


def test_a_reader_never_creates(tmp_path):
    assert db.connect(tmp_path / "none.sqlite", SCHEMA, create=False, table="t") is None
    assert not (tmp_path / "none.sqlite").exists()
    sqlite3.connect(tmp_path / "empty.sqlite").close()
    assert db.connect(tmp_path / "empty.sqlite", SCHEMA, create=False, table="t") is None


def test_a_transaction_commits_or_rolls_back(tmp_path):
    path = tmp_path / "a.sqlite"
    with closing(db.connect(path, SCHEMA)) as con:
        with db.transaction(con):
            con.execute("INSERT INTO t VALUES (1)")
        with pytest.raises(RuntimeError), db.transaction(con):
            con.execute("INSERT INTO t VALUES (2)")
            raise RuntimeError("half-way")
        assert [r[0] for r in con.execute("SELECT x FROM t")] == [1]


def test_retry_while_locked_tries_again_and_gives_up_on_other_errors():
    calls = []

    def locked_twice():
        calls.append(1)
        if len(calls) < 3:
            raise sqlite3.OperationalError("database is locked")
        return "done"

    assert db.retry_locked(locked_twice, seconds=5) == "done" and len(calls) == 3

    def broken():
        calls.append(1)
        raise sqlite3.OperationalError("no such table: x")

    calls.clear()
    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        db.retry_locked(broken, seconds=5)
    assert len(calls) == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to a read-only folder")
def test_a_read_only_folder_is_read_as_it_is(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    with closing(db.connect(folder / "a.sqlite", SCHEMA)) as con:
        con.execute("INSERT INTO t VALUES (7)")
    for extra in folder.glob("a.sqlite-*"):
        extra.unlink()
    folder.chmod(0o555)
    try:
        with closing(db.connect(folder / "a.sqlite", SCHEMA, create=False, table="t")) as con:
            assert [r[0] for r in con.execute("SELECT x FROM t")] == [7]
    finally:
        folder.chmod(0o755)


def test_the_version_check_is_remembered_for_one_request_until_something_is_stored(data_dir):
    import pandas as pd

    from geo.io import store

    calls = []

    def check():
        calls.append(1)
        return len(calls)

    assert db.per_request("k", check) == 1 and db.per_request("k", check) == 2  # outside a request: every time
    db.begin_request()
    try:
        assert db.per_request("k", check) == 3 and db.per_request("k", check) == 3
        before = store.version_key()
        df = pd.DataFrame({"kode_desa": ["a"], "tahun": [2023], "balita_diukur": [10], "balita_stunting": [1]})
        vid = store.import_table("prevalensi", df, {"file_name": "a.csv", "imported_by": "ana"})
        assert store.version_key() != before and store.version_key()[1] == vid  # the same request sees its import
        assert db.per_request("k", check) == 4
    finally:
        db.end_request()
