"""Versioning, restore, concurrent imports, a killed import, and current() over the store."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

from geo.analysis import dataset
from geo.io import importers, store

ROOT = Path(__file__).resolve().parents[2]


# Every test here runs against both stores: SQLite (the default) and PostgreSQL.
pytestmark = pytest.mark.usefixtures("backend")


def prev(n=2, stunted=10):
    b = dataset.bundled().boundaries
    return pd.DataFrame(
        {
            "kode_desa": b["kode_desa"][:n],
            "nama_desa": b["nama_desa"][:n],
            "tahun": 2023,
            "bulan": None,
            "balita_diukur": 100,
            "balita_stunting": stunted,
            "sumber": "Dinkes",
        }
    )


def test_versions_are_kept_and_latest_wins(data_dir):
    assert store.version_key()[1] == 0 and store.latest("prevalensi") is None
    v1 = store.import_table(
        "prevalensi", prev(stunted=10), {"file_name": "a.csv", "file_hash": "h1", "imported_by": "ana"}
    )
    v2 = store.import_table(
        "prevalensi", prev(stunted=30), {"file_name": "b.csv", "file_hash": "h2", "imported_by": "budi", "warnings": []}
    )
    assert store.latest("prevalensi")["id"] == v2 and store.version_key()[1] == v2
    assert list(store.load("prevalensi")["balita_stunting"]) == [30, 30]
    assert list(store.load(version_id=v1)["balita_stunting"]) == [10, 10]
    meta = store.list_versions("prevalensi")
    assert [m["id"] for m in meta] == [v2, v1]
    assert meta[1]["nama_berkas"] == "a.csv" and meta[1]["oleh"] == "ana" and meta[1]["jumlah_baris"] == 2
    assert meta[1]["waktu"].endswith("Z")


def test_restore_makes_a_new_version_and_overwrites_nothing(data_dir):
    v1 = store.import_table("prevalensi", prev(stunted=10), {"file_name": "a.csv", "imported_by": "ana"})
    v2 = store.import_table("prevalensi", prev(stunted=30), {"file_name": "b.csv", "imported_by": "ana"})
    v3 = store.restore(v1, by="citra")
    assert v3 > v2
    assert list(store.load("prevalensi")["balita_stunting"]) == [10, 10]
    assert list(store.load(version_id=v2)["balita_stunting"]) == [30, 30]
    latest = store.latest("prevalensi")
    assert latest["dipulihkan_dari"] == v1 and latest["oleh"] == "citra"
    assert len(store.list_versions()) == 3


def test_accepted_warnings_are_recorded(data_dir):
    b = dataset.bundled().boundaries
    text = f"nama_desa,tahun,balita_diukur,balita_stunting\n{b['nama_desa'][0]}x,2023,10,1\n"
    out = importers.run("prevalensi", text.encode(), "w.csv", by="ana", boundaries=b)
    assert out.version_id
    (w,) = store.latest("prevalensi")["peringatan"]
    assert w["key"] == "desa.fuzzy_match" and w["row"] == 2


def test_rejected_file_changes_nothing(data_dir):
    out = importers.run("prevalensi", b"kode_desa,tahun,balita_diukur,balita_stunting\nXX,2023,1,1\n", "x.csv", "ana")
    assert out.version_id is None and not out.checked.ok
    assert store.version_key()[1] == 0


def test_current_follows_the_store(data_dir):
    ds0 = dataset.current()
    assert ds0.demo == {"prevalensi", "cakupan", "lokus", "sarana", "rencana", "realisasi"}
    store.import_table("prevalensi", prev(stunted=42), {"file_name": "a.csv", "imported_by": "ana"})
    ds1 = dataset.current()
    assert ds1 is not ds0 and ds1.version != ds0.version
    assert ds1.demo == {"cakupan", "lokus", "sarana", "rencana", "realisasi"}
    assert ds1.versions["prevalensi"].startswith("v")
    assert "Dinkes" in ds1.sources["prevalensi"]
    assert set(ds1.prevalence["balita_stunting"]) == {42}
    assert dataset.current() is ds1


def test_latest_month_is_used_not_a_sum(data_dir):
    df = pd.concat([prev().assign(bulan=2, balita_stunting=20), prev().assign(bulan=8, balita_stunting=15)])
    store.import_table("prevalensi", df, {"file_name": "m.csv", "imported_by": "ana"})
    ds = dataset.current()
    assert list(ds.prevalence["balita_stunting"]) == [15, 15] and list(ds.prevalence["balita_diukur"]) == [100, 100]


def test_concurrent_imports_from_threads_all_complete(data_dir):
    errors = []

    def work(i):
        try:
            store.import_table(
                "cakupan" if i % 2 else "prevalensi",
                prev(n=60, stunted=i),
                {"file_name": f"{i}.csv", "imported_by": f"u{i}"},
            )
        except Exception as exc:  # noqa: BLE001 - the test reports any failure
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors
    vs = store.list_versions()
    assert len(vs) == 8
    for v in vs:
        assert len(store.load(version_id=v["id"])) == 60 == v["jumlah_baris"]


CHILD = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {root!r})
    import pandas as pd
    from geo.io import store
    df = pd.DataFrame({{"kode_desa": ["a"] * 5000, "tahun": 2023, "balita_diukur": 1, "balita_stunting": {stunted}}})
    if {slow}:
        original = store._insert_rows
        def slow(con, vid, records, geoms):
            original(con, vid, records[:2500], geoms[:2500])
            print("half", flush=True)
            time.sleep(60)
        store._insert_rows = slow
    print(store.import_table("prevalensi", df, {{"file_name": "p{stunted}.csv", "imported_by": "p{stunted}"}}), flush=True)
""")


def _child(stunted, slow, errors=False):
    return subprocess.Popen(
        [sys.executable, "-c", CHILD.format(root=str(ROOT), stunted=stunted, slow=slow)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE if errors else None,
        text=True,
        env=dict(os.environ),
    )


def test_killed_import_leaves_the_previous_version(data_dir):
    v1 = store.import_table("prevalensi", prev(stunted=7), {"file_name": "good.csv", "imported_by": "ana"})
    proc = _child(99, True)
    assert proc.stdout.readline().strip() == "half"  # half the rows written inside the transaction
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    assert store.latest("prevalensi")["id"] == v1
    assert list(store.load("prevalensi")["balita_stunting"]) == [7, 7]
    assert [v["id"] for v in store.list_versions()] == [v1]
    # the store is still writable afterwards
    assert store.import_table("prevalensi", prev(), {"file_name": "x.csv", "imported_by": "ana"}) > v1


def test_two_processes_importing_at_once_both_complete(data_dir):
    procs = [_child(i, False, errors=True) for i in (1, 2)]
    outs = [p.communicate(timeout=180) for p in procs]  # (stdout, stderr): shown if a child fails
    assert all(p.returncode == 0 for p in procs), outs
    vs = store.list_versions("prevalensi")
    assert len(vs) == 2 and {v["oleh"] for v in vs} == {"p1", "p2"}
    assert all(len(store.load(version_id=v["id"])) == 5000 for v in vs)


def test_several_processes_creating_the_store_at_once_all_complete(data_dir):
    """First-time set-up (WAL switch, tables) raced by several processes: SQLite answers
    "locked" at once there, without its busy wait; every import must still complete."""
    procs = [_child(i, False, errors=True) for i in range(3, 9)]
    outs = [p.communicate(timeout=180) for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    assert len(store.list_versions("prevalensi")) == 6


def cak(indicators, office, n=3, den=100):
    b = dataset.bundled().boundaries
    rows = [
        {
            "kode_desa": c,
            "nama_desa": nm,
            "tahun": 2023,
            "indikator": ind,
            "pembilang": 50,
            "penyebut": den,
            "opd": office,
            "sumber": None,
        }
        for ind in indicators
        for c, nm in zip(b["kode_desa"][:n], b["nama_desa"][:n])
    ]
    return pd.DataFrame(rows)


def test_coverage_from_two_offices_is_merged_per_indicator(data_dir):
    from geo.views import mapview

    v1 = store.import_table(
        "cakupan",
        cak(["anc4", "imunisasi_dasar"], "Dinas Kesehatan"),
        {"file_name": "dinkes.xlsx", "imported_by": "ana"},
    )
    v2 = store.import_table(
        "cakupan", cak(["air_minum"], "Dinas PUPR"), {"file_name": "pupr.csv", "imported_by": "budi"}
    )
    ds = dataset.current()
    # (+ severe stunting, which comes with the demo prevalence still in use: geo.io.loading.with_severe)
    assert set(ds.cakupan["indikator"]) - {"stunting_berat"} == {"anc4", "imunisasi_dasar", "air_minum"}
    assert "cakupan" not in ds.demo
    assert ds.source_of("cakupan", "anc4").startswith(f"Dinas Kesehatan (v{v1},")
    assert ds.source_of("cakupan", "air_minum").startswith(f"Dinas PUPR (v{v2},")
    hideout = mapview.desa_hideout(ds, "air_minum", 2023, None, False, "id")
    assert hideout["src"].startswith("Dinas PUPR") and hideout["labels"]["demo"] == ""
    # a newer Dinkes file with anc4 only replaces anc4, keeps the rest
    store.import_table(
        "cakupan", cak(["anc4"], "Dinas Kesehatan", den=200), {"file_name": "d2.csv", "imported_by": "a"}
    )
    ds = dataset.current()
    assert set(ds.cakupan.loc[ds.cakupan.indikator == "anc4", "penyebut"]) == {200}
    assert set(ds.cakupan["indikator"]) - {"stunting_berat"} == {"anc4", "imunisasi_dasar", "air_minum"}


def test_imported_boundaries_of_another_kabupaten_hide_unrelated_demo(data_dir, tmp_path):
    from tests.helpers.other_kabupaten import zipped_shapefile

    data = zipped_shapefile(tmp_path).read_bytes()
    out = importers.run("batas", data, "wakatobi.zip", by="ana")
    assert out.checked.ok, out.checked.problems
    ds = dataset.current()
    assert len(ds.boundaries) == 100 and ds.region_name == "Kabupaten Wakatobi"
    assert ds.demo == frozenset() and len(ds.prevalensi) == 0 and ds.indicator_codes == []
    assert ds.versions["batas"] == f"v{out.version_id}"
    # every page context builds on empty tables
    from callbacks import map as map_cb
    from callbacks import quality as quality_cb
    from callbacks import trend as trend_cb

    assert map_cb.page_context(ds, "id")["year"] is None
    assert trend_cb.page_context(ds, "id")["kec_figure"] is None
    assert quality_cb.page_context(ds, "en")["summary"][0]["complete"] == "0 of 100 villages (0%)"


def test_readers_are_not_blocked_by_an_import_in_progress(data_dir):
    v1 = store.import_table("prevalensi", prev(stunted=7), {"file_name": "good.csv", "imported_by": "ana"})
    proc = _child(99, True)
    try:
        assert proc.stdout.readline().strip() == "half"
        t0 = time.time()
        assert store.version_key()[1] == v1 and store.latest("prevalensi")["id"] == v1
        assert len(store.load("prevalensi")) == 2
        assert time.time() - t0 < 5  # WAL: readers see the last commit, without waiting
    finally:
        proc.kill()
        proc.wait(10)


def test_works_without_coordinates_are_marked_approximate_on_the_map(data_dir):
    from geo.views import mapview

    b = dataset.bundled().boundaries
    text = (
        "nama_sarana,jenis,kode_desa,nama_desa,lintang,bujur,tahun,status,sumber_dana,kk_terlayani,opd\n"
        f"Sumur <i>X</i>,sumur bor,{b['kode_desa'][0]},,,,2024,selesai,APBD,30,Dinas PUPR\n"
    )
    out = importers.run("sarana", text.encode(), "s.csv", by="ana")
    assert out.version_id and [p.key for p in out.checked.warnings] == ["sarana.approximate"]
    ds = dataset.current()
    (f,) = mapview.sarana_geojson(ds, lang="id")["features"]
    assert f["properties"]["title"] == "Sumur <i>X</i>"  # plain text; map.js inserts it with textContent
    assert ["Lokasi", "lokasi perkiraan (titik tengah desa)"] in f["properties"]["rows"]
    assert "sarana" not in ds.demo and f["properties"]["demo"] == ""
