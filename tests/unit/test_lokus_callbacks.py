"""Lokus workbench callbacks called directly, the export files and the HTTP routes."""

import io
import re

import openpyxl
import pandas as pd
import pytest
from dash import no_update

from callbacks import lokus as cb
from geo.analysis import dataset, lokus
from geo.output import lokusfiles
from geo.views import lokusview as lv
from layouts import ids
from tests.helpers.callbacks import inputs, text_of

pytestmark = pytest.mark.usefixtures("data_dir")  # every test on an empty data folder of its own


def test_page_context_defaults_from_data():
    ds = dataset.current()
    ctx = cb.page_context(ds, "id")
    assert ctx["ok"] and ctx["n"] == len(ds.lokus_codes(ds.lokus_years[-1]))
    assert len(ctx["rows"]) == len(ds.boundaries)
    assert "jumlah desa lokus 2022" in ctx["n_hint"]
    assert text_of(cb.layout("id"))  # builds without error
    assert "DATA CONTOH" in text_of(cb.layout("id"))


def test_update_changes_order_with_weights_and_refuses_zero_weights():
    n, wv, wid, rv, rid, yv, yid = inputs()
    rows, hideout, summary, gap, stab, params, reasons, error = cb.update(n, wv, wid, rv, rid, yv, yid, None, "id")
    assert error == "" and reasons == []
    base_order = [r["kode"] for r in rows]
    only_count = [0 if i["c"] != lokus.COUNT else 1 for i in wid]
    rows2, *_ = cb.update(n, only_count, wid, rv, rid, yv, yid, None, "id")
    assert [r["kode"] for r in rows2] != base_order
    counts = [r[lokus.COUNT] for r in rows2 if r["peringkat"]]
    assert counts == sorted(counts, reverse=True)
    out = cb.update(n, [0] * len(wv), wid, rv, rid, yv, yid, None, "id")
    assert all(o is no_update for o in out[:7])
    assert "Semua bobot bernilai 0" in text_of(out[7])
    bad = list(rv)
    bad[0] = 5  # red below yellow for prevalence
    out = cb.update(n, wv, wid, bad, rid, yv, yid, None, "en")
    assert "red threshold" in text_of(out[7])


def test_toggle_via_table_and_map_and_reasons():
    ds = dataset.current()
    res = lv.compute(ds)
    params = cb.params_of(res)
    outsider = res.ranked.loc[~res.ranked["kode_desa"].isin(res.selection.proposed), "kode_desa"].iloc[0]
    insider = res.selection.proposed[0]
    o = cb.change_overrides(ids.LOKUS_GRID + ".cellClicked", {"colId": "pilih", "rowId": outsider}, None, params, None)
    assert o["add"] == [outsider]
    assert (
        cb.change_overrides(ids.LOKUS_GRID + ".cellClicked", {"colId": "desa", "rowId": outsider}, None, params, None)
        is no_update
    )
    o = cb.change_overrides(ids.LOKUS_DESA_LAYER, None, {"properties": {"kode": insider}}, params, o)
    assert o["remove"] == [insider]
    n, wv, wid, rv, rid, yv, yid = inputs()
    out = cb.update(n, wv, wid, rv, rid, yv, yid, o, "id")
    summary, reasons_panel = text_of(out[2]), out[6]
    assert "1 ditambahkan, 1 dikeluarkan" in summary and "Belum ada alasan" in summary
    assert len(reasons_panel) == 2  # title + list
    # Downloads and saving wait for reasons.
    data, msg = cb.download("xlsx", params, o, None, "id")
    assert data is no_update and "menunggu alasan" in msg
    msg, options, _ = cb.save_scenario("A", params, o, "id", user="ana")
    assert "Belum dapat disimpan" in msg and options is no_update
    reason_ids = [{"type": ids.LOKUS_REASON, "kode": outsider}, {"type": ids.LOKUS_REASON, "kode": insider}]
    o2 = cb.set_reasons(["akses laut sulit", "sudah ada program lain"], reason_ids, o)
    assert o2["reasons"] == {outsider: "akses laut sulit", insider: "sudah ada program lain"}
    assert cb.set_reasons(["akses laut sulit", "sudah ada program lain"], reason_ids, o2) is no_update
    data, msg = cb.download("csv", params, o2, None, "id")
    assert msg == "" and data["filename"] == "usulan-desa-lokus.csv"


def test_save_open_compare_scenarios(data_dir):
    ds = dataset.current()
    res = lv.compute(ds)
    params = cb.params_of(res)
    msg, options, current = cb.save_scenario("Usulan 1", params, None, "id", user="ana")
    assert "versi 1" in msg and len(options) == 1
    params2 = dict(params, weights=dict(params["weights"], jumlah_stunting=0))
    out = cb.open_scenario(current, "id")
    assert out["n"] == res.n and out["overrides"]["add"] == []
    msg, options, current2 = cb.save_scenario("Usulan 2", params2, None, "id", user="ana")
    assert len(options) == 2 and (data_dir / "konvergensi.sqlite").exists()
    diff = cb.compare(current, current2, "id")
    text = text_of(diff)
    assert "Hanya di A" in text and "Hanya di B" in text
    # Reset and open restore the inputs.
    wid = [{"type": ids.LOKUS_WEIGHT, "c": c} for c in params["weights"]]
    n, w, r, y, o, m, cur = cb.set_inputs(ids.LOKUS_SC_OPEN, current2, wid, "id")
    assert w[list(params["weights"]).index("jumlah_stunting")] == 0 and cur == current2
    n, w, r, y, o, m, cur = cb.set_inputs(ids.LOKUS_RESET, None, wid, "id")
    assert w == list(lv.defaults(ds)["weights"].values()) and o == cb.EMPTY_OVERRIDES and cur is None
    assert cb.print_url(current2, "en").startswith("/lokus/cetak?lang=en&skenario=Usulan+2")


def test_xlsx_export_has_values_colours_reasons_weights_and_demo_note():
    ds = dataset.current()
    res = lv.compute(ds)
    add = res.ranked["kode_desa"].iloc[-1]
    res = lv.compute(ds, add=[add], reasons={add: "desa pulau terluar"})
    wb = openpyxl.load_workbook(io.BytesIO(lokusfiles.to_xlsx(res, "id", "Usulan 1 v1")))
    sheet = wb.worksheets[0]
    df = pd.read_excel(io.BytesIO(lokusfiles.to_xlsx(res, "id")), sheet_name=0)
    assert len(df) == len(ds.boundaries)
    assert list(df["Peringkat"].dropna().astype(int))[:3] == [1, 2, 3]
    assert "Warna: Prevalensi stunting (%)" in df.columns
    assert set(df["Warna: Prevalensi stunting (%)"].dropna()) <= {"Merah", "Kuning", "Hijau"}
    assert (df["Data"] == "DATA CONTOH").all()
    assert df.loc[df["kode_desa"] == add, "Alasan perubahan"].item() == "desa pulau terluar"
    assert (df["Dipilih"] == "ya").sum() == res.n + 1
    # The colour cell is filled with the colour of its class.
    col = [c.value for c in sheet[1]].index("Warna: Prevalensi stunting (%)") + 1
    cell = next(
        sheet.cell(row=i, column=col)
        for i in range(2, sheet.max_row + 1)
        if sheet.cell(row=i, column=col).value == "Merah"
    )
    assert cell.fill.fgColor.rgb.endswith("D55E00")
    params = {r[0].value: r[1].value for r in wb.worksheets[1].iter_rows(min_row=2)}
    assert params["Bobot: Prevalensi stunting (%)"] == "3,00"
    assert params["Ambang merah: Prevalensi stunting (%)"] == "30,0"
    assert params["Skenario"] == "Usulan 1 v1"
    assert "DATA CONTOH" in params


def test_download_routes_and_print_view(web_server):
    server = web_server  # an app of this test's own, for its data folder
    client = server.test_client()
    r = client.get("/unduh/usulan-lokus.xlsx")
    assert r.status_code == 200 and "usulan-desa-lokus.xlsx" in r.headers["Content-Disposition"]
    df = pd.read_excel(io.BytesIO(r.data), sheet_name=0)
    assert len(df) == len(dataset.current().boundaries)
    r = client.get("/unduh/usulan-lokus.csv?lang=en")
    text = r.data.decode("utf-8-sig")
    head, table = text.split("\n\n", 1)
    assert "DEMO DATA" in head and "Weight: Stunting prevalence (%)" in head
    df = pd.read_csv(io.StringIO(table))
    assert df["Rank"].dropna().iloc[0] == 1 and (df["Data"] == "DEMO DATA").all()
    client = server.test_client()  # the English download above set the language cookie
    r = client.get("/lokus/cetak")
    page = r.data.decode()
    assert r.status_code == 200 and "Desa yang dipilih (29)" in page and "DATA CONTOH" in page
    # no inline script (the policy refuses them): only the Print button's file
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/assets/print.js" defer>'] and "onclick" not in page
    assert client.get("/lokus/cetak?skenario=tidak-ada").status_code == 404
