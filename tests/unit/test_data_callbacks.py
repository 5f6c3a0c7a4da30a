"""The data page's callback functions, called directly (sign-in state passed in)."""

from __future__ import annotations

import base64

import pytest

from callbacks import data as data_cb
from geo.io import pending, store

GOOD = "kode_desa,nama_desa,tahun,nomor_sk\n74.15.01.1002,Busoa,2023,SK 1\n"


pytestmark = pytest.mark.usefixtures("data_dir")  # every test on an empty data folder of its own


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


def test_data_page_lists_saved_lokus_scenarios_with_links():
    from callbacks import data as data_cb
    from geo.io import scenarios

    assert data_cb.scenario_rows("id") == []
    scenarios.save("Usulan & <b>", "dv1", {"n": 2, "selected": ["a", "b"]})
    scenarios.save("Usulan & <b>", "dv2", {"n": 1, "selected": ["a"]})
    rows = data_cb.scenario_rows("en")
    assert [(r["version"], r["data_version"], r["villages"]) for r in rows] == [("v2", "dv2", "1"), ("v1", "dv1", "2")]
    assert rows[1]["pdf"] == "/unduh/paket-rembuk.pdf?skenario=Usulan+%26+%3Cb%3E&versi=1&lang=en"
    assert rows[1]["print"].startswith("/lokus/cetak?skenario=Usulan+%26+%3Cb%3E&versi=1")


def _twin_store(data_dir):
    """Boundaries in the store where 'Busoa' names two villages in two kecamatan."""
    from geo.io import importers
    from tests.helpers.ambiguous import twin_boundaries

    path, codes = twin_boundaries(data_dir)
    assert importers.run("batas", path.read_bytes(), path.name, by="uji").version_id
    return codes


AMBIG = (
    "nama_desa,tahun,balita_diukur,balita_stunting,sumber\n"
    "Busoa,2024,100,20,Dinkes\nLaompo,2024,100,10,Dinkes\nBusoa,2023,90,9,Dinkes\n"
)


def test_ambiguous_names_are_offered_as_choices_then_imported_as_chosen(data_dir):
    codes = _twin_store(data_dir)
    *out, panel = data_cb.check_new_upload(contents(AMBIG), "p.csv", "prevalensi", "en", user="ana")
    result, pending, disabled = out[:3]
    assert pending is None and disabled
    assert "matches several villages: 2." in str(result)
    dropdowns = {d.id["index"]: d for d in _find(panel, "Dropdown")}
    assert sorted(dropdowns) == [2, 4]
    labels = [o["label"] for o in dropdowns[2].options]
    assert labels == [f"Busoa (Batauga, {codes[0]})", f"Busoa (Sampolawa, {codes[1]})"]
    assert all(d.value is None for d in dropdowns.values())
    # one row chosen: the other is still open, nothing can be imported
    ids_ = [{"type": "data-choice", "index": 2}, {"type": "data-choice", "index": 4}]
    result, pending, disabled, _, _ = data_cb.check_upload(
        contents(AMBIG), "p.csv", "prevalensi", "en", "ana", data_cb.choices_from(ids_, [codes[1], None])
    )
    assert pending is None and disabled and "matches several villages: 1." in str(result)
    # both chosen: each choice is a warning to accept, and the choices travel with the pending upload
    chosen = data_cb.choices_from(ids_, [codes[1], codes[0]])
    result, pending, disabled, style, _ = data_cb.check_upload(
        contents(AMBIG), "p.csv", "prevalensi", "en", "ana", chosen
    )
    assert pending["choices"] == {"2": codes[1], "4": codes[0]} and pending["warnings"] == 2
    assert disabled and style == {"display": "block"} and "confirmed as Busoa" in str(result)
    msg, *_ = data_cb.confirm_import(pending, ["ok"], "en", user="ana")
    assert "Stored as version 2" in msg
    v = store.latest("prevalensi")
    assert [w["key"] for w in v["peringatan"]] == ["desa.ambiguous_chosen"] * 2
    from geo.analysis import dataset

    prev = dataset.current().prevalensi
    got = {
        (r.kode_desa, int(r.tahun)) for r in prev.itertuples() if int(r.tahun) in (2023, 2024) and r.kode_desa in codes
    }
    assert got == {(codes[1], 2024), (codes[0], 2023)}


def test_a_choice_that_is_not_a_candidate_is_refused(data_dir):
    codes = _twin_store(data_dir)
    _, pending, disabled, _, _ = data_cb.check_upload(
        contents(AMBIG), "p.csv", "prevalensi", "id", "ana", {"2": "74.15.01.1003", "4": codes[0], "x": "y"}
    )
    assert pending is None and disabled
    assert data_cb.choices_from([{"type": "data-choice", "index": "5"}, "junk"], ["a", "b"]) == {"5": "a"}


def test_other_errors_reject_the_file_and_choosing_waits_until_they_are_fixed(data_dir):
    _twin_store(data_dir)
    text = AMBIG + "Laompo,2024,lima,5,Dinkes\n"
    result, pending, *_, panel = data_cb.check_new_upload(contents(text), "p.csv", "prevalensi", "en", user="ana")
    assert pending is None and panel is None
    assert "errors to fix in the file: 1." in str(result) and "several villages (2) need no change" in str(result)


def test_no_panel_without_ambiguous_names():
    *_, panel = data_cb.check_new_upload(contents(GOOD), "l.csv", "lokus", "id", user="ana")
    assert panel is None


def _find(component, type_name):
    out = []
    if component is None:
        return out
    if type(component).__name__ == type_name:
        out.append(component)
    children = getattr(component, "children", None)
    for c in children if isinstance(children, (list, tuple)) else [children]:
        if hasattr(c, "to_plotly_json"):
            out += _find(c, type_name)
    return out


def test_abandoned_pending_uploads_are_deleted(data_dir):
    import os
    import time

    _, first, *_ = data_cb.check_upload(contents(GOOD), "l.csv", "lokus", "id", user="ana")
    path = data_dir / "unggahan" / first["token"]
    assert path.exists()
    data_cb.discard_pending(first)  # the page checked another file instead
    assert not path.exists()
    _, second, *_ = data_cb.check_upload(contents(GOOD), "l.csv", "lokus", "id", user="ana")
    old = data_dir / "unggahan" / second["token"]
    os.utime(old, (time.time() - 2 * pending.MAX_AGE_S,) * 2)
    data_cb.check_upload(contents(GOOD), "l.csv", "lokus", "id", user="ana")  # any later check sweeps
    assert not old.exists() and len(list((data_dir / "unggahan").iterdir())) == 1
    msg, *_ = data_cb.confirm_import(second, [], "id", user="ana")
    assert "kedaluwarsa" in msg and store.version_key()[1] == 0
