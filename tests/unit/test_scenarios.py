"""Saved lokus scenarios: versions, reopening, comparing."""

import sqlite3

import pytest

from geo.io import scenarios


def content(selected, n=2, w=1.0):
    return {
        "base_year": 2021,
        "n": n,
        "weights": {"prevalensi": w},
        "thresholds": {"prevalensi": [30, 20]},
        "add": [],
        "remove": [],
        "reasons": {},
        "selected": selected,
    }


def test_saving_a_name_again_creates_a_new_version(tmp_path):
    db = tmp_path / "s.sqlite"
    a1 = scenarios.save("Usulan Bappeda", "v1", content(["A", "B"]), path=db)
    a2 = scenarios.save("  Usulan   Bappeda ", "v1", content(["A", "C"], w=2.0), path=db)
    assert (a1.version, a2.version) == (1, 2) and a2.name == "Usulan Bappeda"
    latest = scenarios.open_("Usulan Bappeda", path=db)
    assert latest.version == 2 and latest.selected == ["A", "C"] and latest.weights == {"prevalensi": 2.0}
    first = scenarios.open_("Usulan Bappeda", 1, path=db)
    assert first.selected == ["A", "B"] and first.thresholds == {"prevalensi": (30, 20)}
    listed = scenarios.list_all(path=db)
    assert [(x["name"], x["version"]) for x in listed] == [("Usulan Bappeda", 2), ("Usulan Bappeda", 1)]
    assert listed[0]["selected"] == 2
    # Nothing is overwritten: both rows are in the file.
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT COUNT(*) FROM skenario").fetchone()[0] == 2
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_compare_lists_the_villages_that_differ(tmp_path):
    db = tmp_path / "s.sqlite"
    a = scenarios.save("A", "v", content(["x", "y", "z"]), path=db)
    b = scenarios.save("B", "v", content(["y", "w"], w=3), path=db)
    d = scenarios.compare(a, b)
    assert d["only_a"] == ["x", "z"] and d["only_b"] == ["w"] and d["both"] == ["y"]
    assert d["weights_changed"] == ["prevalensi"]


def test_errors_have_message_keys(tmp_path):
    db = tmp_path / "s.sqlite"
    with pytest.raises(scenarios.ScenarioError) as e:
        scenarios.save("  ", "v", content([]), path=db)
    assert e.value.key == "scenario.err.name_empty"
    with pytest.raises(scenarios.ScenarioError) as e:
        scenarios.save("x" * 81, "v", content([]), path=db)
    assert e.value.key == "scenario.err.name_long"
    with pytest.raises(scenarios.ScenarioError) as e:
        scenarios.open_("nothing", path=db)
    assert e.value.key == "scenario.err.not_found"
    assert scenarios.list_all(path=tmp_path / "absent.sqlite") == []


def test_scenarios_live_in_the_store_database(data_dir):
    from geo.io import store

    assert scenarios.list_all() == [] and not store.path().exists()  # reading creates nothing
    key = store.version_key()
    scenarios.save("S", "v", content(["a"]))
    assert scenarios.db_path() == store.path() == data_dir / "konvergensi.sqlite"
    assert not (data_dir / "skenario.sqlite").exists()
    with sqlite3.connect(store.path()) as con:
        assert con.execute("SELECT nama, versi FROM skenario").fetchall() == [("S", 1)]
    # A scenario is not a data version: the dashboard's data stay as they were.
    assert store.version_key() == key and store.list_versions() == []
    assert scenarios.parse_key(scenarios.key("a|b", 3)) == ("a|b", 3)


def test_legacy_scenario_file_is_moved_into_the_store_once(data_dir):
    d = data_dir
    legacy = d / "skenario.sqlite"
    with sqlite3.connect(legacy) as con:
        con.executescript(scenarios.SCHEMA)
        con.execute(
            "INSERT INTO skenario (nama, versi, dibuat, versi_data, isi) VALUES "
            "('Lama', 1, '2024-01-01T00:00:00+00:00', 'v0', '{\"selected\": [\"a\"], \"n\": 1}')"
        )
    con.close()
    assert [(x["name"], x["version"]) for x in scenarios.list_all()] == [("Lama", 1)]
    assert not legacy.exists() and (d / "skenario.sqlite.dipindah").exists()
    assert scenarios.save("Lama", "v1", content(["b"])).version == 2
    assert [x["version"] for x in scenarios.list_all()] == [2, 1]


def _save_many(args):
    data_dir, name, k = args
    import os

    os.environ["KONVERGENSI_DATA_DIR"] = data_dir
    from geo.io import scenarios as sc

    return [sc.save(name, "v", content([f"{name}-{k}-{i}"])).version for i in range(5)]


def test_concurrent_saves_from_several_processes_all_end_as_versions(data_dir, backend):
    import multiprocessing as mp

    jobs = [(str(data_dir), "Bersama", k) for k in range(4)] + [(str(data_dir), "Lain", 9)]
    with mp.get_context("spawn").Pool(5) as pool:
        results = pool.map(_save_many, jobs)
    shared = sorted(v for r in results[:4] for v in r)
    assert shared == list(range(1, 21))  # 4 processes x 5 saves: every version number exactly once
    assert results[4] == [1, 2, 3, 4, 5]
    listed = scenarios.list_all()
    assert len(listed) == 25
    assert {scenarios.open_("Bersama", v).selected[0] for v in range(1, 21)} == {
        f"Bersama-{k}-{i}" for k in range(4) for i in range(5)
    }
