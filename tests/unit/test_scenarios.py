"""Saved lokus scenarios: versions, reopening, comparing."""
import sqlite3

import pytest

from geo import scenarios


def content(selected, n=2, w=1.0):
    return {"base_year": 2021, "n": n, "weights": {"prevalensi": w}, "thresholds": {"prevalensi": [30, 20]},
            "add": [], "remove": [], "reasons": {}, "selected": selected}


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


def test_default_location_is_under_the_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("KONVERGENSI_DATA_DIR", str(tmp_path / "d"))
    scenarios.save("S", "v", content(["a"]))
    assert (tmp_path / "d" / "skenario.sqlite").exists()
    assert scenarios.parse_key(scenarios.key("a|b", 3)) == ("a|b", 3)
