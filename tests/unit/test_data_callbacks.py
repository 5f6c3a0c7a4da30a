"""The data page's callback functions, called directly (sign-in state passed in)."""
from __future__ import annotations

import base64

import pytest

from callbacks import data as data_cb
from geo import store

GOOD = "kode_desa,nama_desa,tahun,nomor_sk\n74.15.01.1002,Busoa,2023,SK 1\n"


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("KONVERGENSI_DATA_DIR", str(tmp_path))
    return tmp_path


def contents(text: str) -> str:
    return "data:text/csv;base64," + base64.b64encode(text.encode()).decode()


def test_not_signed_in_cannot_check_or_import():
    out = data_cb.check_upload(contents(GOOD), "l.csv", "lokus", "id", user=None)
    assert out[1] is None and out[2] is True
    msg, *_ = data_cb.confirm_import({"token": "0" * 32, "kind": "lokus", "file": "l.csv"}, [], "id", user=None)
    assert "Masuk" in msg and store.version_key()[1] == 0


def test_check_then_confirm_stores_a_version():
    _, pending, disabled, _, _ = data_cb.check_upload(contents(GOOD), "l.csv", "lokus", "id", user="ana")
    assert pending and not disabled
    msg, table, cleared, _ = data_cb.confirm_import(pending, [], "id", user="ana")
    assert "versi 1" in msg and cleared is None
    v = store.latest("lokus")
    assert v["oleh"] == "ana" and v["nama_berkas"] == "l.csv"
    # the pending file is gone: confirming twice stores nothing more
    msg, *_ = data_cb.confirm_import(pending, [], "id", user="ana")
    assert store.version_key()[1] == 1


def test_warnings_need_acceptance():
    text = GOOD.replace("74.15.01.1002,Busoa", ",Busoaa")
    _, pending, disabled, style, _ = data_cb.check_upload(contents(text), "l.csv", "lokus", "id", user="ana")
    assert pending["warnings"] == 1 and disabled and style == {"display": "block"}
    data_cb.confirm_import(pending, [], "id", user="ana")
    assert store.version_key()[1] == 0
    data_cb.confirm_import(pending, ["ok"], "id", user="ana")
    assert store.version_key()[1] == 1
    assert store.latest("lokus")["peringatan"][0]["key"] == "desa.fuzzy_match"


def test_forged_token_is_refused(data_dir):
    (data_dir / "secret").write_text("x")
    msg, *_ = data_cb.confirm_import({"token": "../secret", "kind": "lokus", "file": "x"}, ["ok"], "id", user="ana")
    assert "kedaluwarsa" in msg and store.version_key()[1] == 0


def test_restore_from_callback():
    data_cb.check_upload(contents(GOOD), "l.csv", "lokus", "id", user="ana")
    _, pending, *_ = data_cb.check_upload(contents(GOOD), "l.csv", "lokus", "id", user="ana")
    data_cb.confirm_import(pending, [], "id", user="ana")
    msg, _ = data_cb.restore_version(1, "en", user="budi")
    assert "restored as version 2" in msg
    assert data_cb.restore_version(1, "en", user=None)[0].startswith("Sign in")


def test_data_page_lists_saved_lokus_scenarios_with_links(tmp_path, monkeypatch):
    from callbacks import data as data_cb
    from geo import scenarios
    monkeypatch.setenv("KONVERGENSI_DATA_DIR", str(tmp_path))
    assert data_cb.scenario_rows("id") == []
    scenarios.save("Usulan & <b>", "dv1", {"n": 2, "selected": ["a", "b"]})
    scenarios.save("Usulan & <b>", "dv2", {"n": 1, "selected": ["a"]})
    rows = data_cb.scenario_rows("en")
    assert [(r["version"], r["data_version"], r["villages"]) for r in rows] == [("v2", "dv2", "1"), ("v1", "dv1", "2")]
    assert rows[1]["pdf"] == "/unduh/paket-rembuk.pdf?skenario=Usulan+%26+%3Cb%3E&versi=1&lang=en"
    assert rows[1]["print"].startswith("/lokus/cetak?skenario=Usulan+%26+%3Cb%3E&versi=1")
