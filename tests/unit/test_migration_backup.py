"""Issue 11: a store written by the code before observations (tables ``versi``/``baris`` without
coverage) is migrated on first start keeping every version; ``backup`` writes a consistent
copy while an import is under way; restoring from that copy works."""

from __future__ import annotations

import io
import json
import sqlite3
import threading

import pytest

import cli
from geo.analysis import dataset
from geo.io import db, store

# The schema exactly as geo/io/store.py wrote it before issue 11 (commit 1bbcb00).
OLD_SCHEMA = """
CREATE TABLE IF NOT EXISTS versi (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    jenis TEXT NOT NULL,
    nama_berkas TEXT NOT NULL,
    hash_berkas TEXT NOT NULL,
    waktu TEXT NOT NULL,
    oleh TEXT NOT NULL,
    jumlah_baris INTEGER NOT NULL,
    jumlah_desa INTEGER NOT NULL,
    peringatan TEXT NOT NULL,
    dipulihkan_dari INTEGER REFERENCES versi(id),
    kolom TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS baris (
    versi_id INTEGER NOT NULL REFERENCES versi(id),
    urut INTEGER NOT NULL,
    data TEXT NOT NULL,
    geom BLOB,
    PRIMARY KEY (versi_id, urut)
);
CREATE INDEX IF NOT EXISTS versi_jenis ON versi(jenis, id);
"""


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("KONVERGENSI_DATA_DIR", str(tmp_path / "data"))
    (tmp_path / "data").mkdir()
    return tmp_path / "data"


def old_store(folder):
    """A konvergensi.sqlite as the previous code wrote it: 2020-2021 prevalence (v1), 2022 (v2, which
    then hid v1), coverage from two offices (v3, v4), and a restore of v1 (v5)."""
    b = dataset.bundled().boundaries
    codes, names = list(b["kode_desa"][:3]), list(b["nama_desa"][:3])
    con = sqlite3.connect(folder / "konvergensi.sqlite", isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.executescript(OLD_SCHEMA)

    def version(kind, rows, restored=None, file="f.csv"):
        cols = list(rows[0])
        cur = con.execute(
            "INSERT INTO versi (jenis, nama_berkas, hash_berkas, waktu, oleh, jumlah_baris, jumlah_desa, "
            "peringatan, dipulihkan_dari, kolom) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (kind, file, "abc", "2025-01-01T00:00:00Z", "admin", len(rows), 3, "[]", restored, json.dumps(cols)),
        )
        con.executemany(
            "INSERT INTO baris (versi_id, urut, data, geom) VALUES (?,?,?,NULL)",
            [(cur.lastrowid, i, json.dumps(r)) for i, r in enumerate(rows)],
        )

    def prev(years, k):
        return [
            {
                "kode_desa": c,
                "nama_desa": n,
                "tahun": y,
                "bulan": None,
                "balita_diukur": 100,
                "balita_stunting": k,
                "sumber": "Dinkes",
            }
            for y in years
            for c, n in zip(codes, names)
        ]

    def cak(ind, office, k):
        return [
            {
                "kode_desa": c,
                "nama_desa": n,
                "tahun": 2021,
                "indikator": ind,
                "pembilang": k,
                "penyebut": 100,
                "opd": office,
                "sumber": None,
            }
            for c, n in zip(codes, names)
        ]

    version("prevalensi", prev([2020, 2021], 10), file="p2021.csv")
    version("prevalensi", prev([2022], 20), file="p2022.csv")
    version("cakupan", cak("anc4", "Dinas Kesehatan", 50))
    version("cakupan", cak("air_minum", "Dinas PUPR", 60))
    version("prevalensi", prev([2020, 2021], 10), restored=1, file="p2021.csv")
    con.close()
    db.forget_tables(folder / "konvergensi.sqlite")


def test_old_store_is_migrated_keeping_every_version(data_dir):
    old_store(data_dir)
    store._migrated.clear()
    vs = store.list_versions()
    assert [v["id"] for v in vs] == [5, 4, 3, 2, 1]
    assert vs[-1]["cakupan"] == [
        ["stunting", 2020, None, "Dinas Kesehatan"],
        ["stunting", 2021, None, "Dinas Kesehatan"],
    ]
    assert vs[0]["dipulihkan_dari"] == 1 and vs[0]["ditarik"] is None
    assert list(data_dir.glob("konvergensi.sebelum-migrasi-*.sqlite")), "a copy is kept before migrating"
    ds = dataset.current()
    assert ds.years("stunting") == [2020, 2021, 2022]
    assert ds.years("anc4") == [2021] and ds.years("air_minum") == [2021]
    with sqlite3.connect(data_dir / "konvergensi.sqlite") as con:
        assert con.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION
    # a second start does nothing more
    store._migrated.clear()
    assert [v["id"] for v in store.list_versions()] == [5, 4, 3, 2, 1]
    assert len(list(data_dir.glob("konvergensi.sebelum-migrasi-*.sqlite"))) == 1
    # and the migrated store takes the new commands
    assert cli.main(["withdraw", "2"], out=io.StringIO()) == 0
    assert dataset.current().years("stunting") == [2020, 2021]


def test_backup_while_an_import_is_under_way_and_restore_from_it(data_dir, tmp_path):
    old_store(data_dir)
    store._migrated.clear()
    assert len(store.list_versions()) == 5
    started, release = threading.Event(), threading.Event()

    def slow_import():  # holds the write lock with a half-written version
        con = store.connect()
        with db.transaction(con):
            con.execute(
                "INSERT INTO versi (jenis, nama_berkas, hash_berkas, waktu, oleh, jumlah_baris, jumlah_desa, "
                "peringatan, kolom) VALUES ('lokus','x.csv','h','2025','a',0,0,'[]','[]')"
            )
            started.set()
            release.wait(30)
        con.close()

    th = threading.Thread(target=slow_import)
    th.start()
    assert started.wait(10)
    out = io.StringIO()
    try:
        code = cli.main(["backup", str(tmp_path / "salinan.sqlite")], out=out)
    finally:
        release.set()
        th.join()
    assert code == 0 and "salinan.sqlite" in out.getvalue() and "5 versi" in out.getvalue()
    with sqlite3.connect(tmp_path / "salinan.sqlite") as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT count(*) FROM versi").fetchone()[0] == 5
    assert len(store.list_versions()) == 6  # the import finished after the copy
    out = io.StringIO()
    assert cli.main(["restore-backup", str(tmp_path / "salinan.sqlite")], out=out) == 0
    assert [v["id"] for v in store.list_versions()] == [5, 4, 3, 2, 1]
    assert list(data_dir.glob("konvergensi.sebelum-pulih-*.sqlite"))
    assert dataset.current().years("stunting") == [2020, 2021, 2022]
    (tmp_path / "rusak.sqlite").write_bytes(b"not a database")
    out = io.StringIO()
    assert cli.main(["restore-backup", str(tmp_path / "rusak.sqlite")], out=out) == 2


def test_an_old_store_in_a_read_only_folder_is_shown_as_it_is(data_dir, monkeypatch):
    """Migration needs to write; where it cannot, the versions are read with their coverage
    computed from their rows, so the dashboard still shows every year."""
    old_store(data_dir)
    store._migrated.clear()
    store._cannot_migrate.clear()
    real = store.migrate

    def read_only(con):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(store, "migrate", read_only)
    vs = store.list_versions()
    assert [v["id"] for v in vs] == [5, 4, 3, 2, 1] and vs[-1]["cakupan"][0][:2] == ["stunting", 2020]
    assert dataset.current().years("stunting") == [2020, 2021, 2022]
    monkeypatch.setattr(store, "migrate", real)
    store._cannot_migrate.clear()
