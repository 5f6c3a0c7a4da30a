"""The lokus proposal the rembuk meeting sees: default ranking vs saved scenario, with reasons."""

from __future__ import annotations

import io

import pytest
from flask import Flask
from pypdf import PdfReader

from callbacks import exports as exports_cb
from geo.analysis import lokus
from geo.io import scenarios
from geo.output import pdf
from geo.views import lokusview as lv
from geo.views import proposal
from geo.views import rembuk as grembuk
from tests.helpers.builders import small_dataset


def save(ds, name, add=(), remove=(), reasons=None, n=None, data_version=None, weights=None):
    res = lv.compute(ds, weights, None, n, add, remove, reasons)
    content = {
        "base_year": res.crit.base_year,
        "n": res.n,
        "weights": res.weights,
        "thresholds": {k: list(v) for k, v in res.thresholds.items()},
        "add": res.selection.added,
        "remove": res.selection.removed,
        "selected": res.selection.selected,
        "reasons": dict(reasons or {}),
    }
    return scenarios.save(name, data_version or ds.version, content, by="ana")


def pdf_text(ds, lang, proposals=None) -> str:
    reader = PdfReader(io.BytesIO(pdf.build_pack(ds, lang, proposals)))
    return "\n".join(p.extract_text() for p in reader.pages)


def test_without_scenarios_the_default_top_n_with_computed_reasons(data_dir):
    ds = small_dataset()
    m = proposal.meeting(ds)
    assert m.kind == proposal.DEFAULT and m.scenario is None and m.key == ("bawaan",)
    ranked = m.res.ranked
    # Default N = last year's lokus count (3); prevalence rises with the grid position.
    assert m.selected == list(ranked["kode_desa"].head(3))
    items = proposal.items(m, "id")
    assert [i["rank"] for i in items] == [1, 2, 3]
    assert items[0]["reason"].startswith("Peringkat 1 dari 9, skor 85,7; merah: jumlah balita stunting")
    assert proposal.items(m, "en")[0]["reason"].startswith("Rank 1 of 9, score 85.7; red: number of stunted children")
    info = grembuk.lokus_slide(ds, "id")
    assert info["headline"].startswith(
        "Usulan bawaan: 3 desa diusulkan; 0 di antaranya sudah punya sarana air/sanitasi selesai. "
    )
    # ... followed by how many are solid by the top-N probability (geo.analysis.uncertainty)
    solid = sum(1 for i in items if i["p_top"] >= 0.9)
    assert info["headline"].endswith(f"{solid} dari 3 desa kokoh (peluang masuk N teratas ≥ 0,9).")
    assert info["codes"] == m.selected and info["removed"].empty
    assert info["overlap_text"] == "0 dari 3 desa usulan juga desa lokus 2022."


def test_latest_scenario_is_shown_with_the_planners_reasons(data_dir):
    ds = small_dataset()
    ranked = lv.compute(ds).ranked
    first, low = ranked["kode_desa"].iloc[0], ranked["kode_desa"].iloc[8]
    save(ds, "Lama")
    save(
        ds,
        "Usulan Bappeda",
        add=[low],
        remove=[first],
        reasons={low: "sumur belum ada", first: "sudah dibantu provinsi"},
    )
    m = proposal.meeting(ds)
    assert m.kind == proposal.SCENARIO and m.key == ("skenario", "Usulan Bappeda", 1)
    items = {i["desa"]: i for i in proposal.items(m, "id")}
    assert first not in items and items[low]["status"] == "tambah"
    assert items[low]["reason"].startswith("Ditambahkan perencana: sumur belum ada (Peringkat 9 dari 9")
    removed = proposal.removed_items(m, "en")
    assert [r["desa"] for r in removed] == [first]
    assert removed[0]["reason"].startswith("Removed by the planner: sudah dibantu provinsi (Rank 1 of 9")
    info = grembuk.lokus_slide(ds, "en")
    assert info["headline"].startswith("Scenario \u201cUsulan Bappeda\u201d v1 by ana: 3 villages (1 added, 1 removed")
    # An older scenario can be asked for by name.
    old = proposal.meeting(ds, "Lama")
    assert old.key == ("skenario", "Lama", 1) and old.res.selection.added == []
    with pytest.raises(scenarios.ScenarioError):
        proposal.meeting(ds, "Tidak ada")


def test_scenario_on_older_data_says_so(data_dir):
    ds = small_dataset()
    save(ds, "S", data_version="lama")
    text = proposal.source_text(proposal.meeting(ds), "id")
    assert "versi lama \u2192 v1" in text and "pilihan desa tetap sama" in text


def test_scenario_that_cannot_be_computed_falls_back_to_the_default(data_dir):
    ds = small_dataset()
    save(ds, "Besar")
    # A saved N larger than this dataset's villages cannot be computed here.
    sc = scenarios.open_("Besar")
    sc.n = 99
    m = proposal.meeting_of(ds, sc)
    assert m.kind == proposal.DEFAULT and m.fallback
    assert "tidak dapat dihitung" in proposal.source_text(m, "id")
    with pytest.raises(lokus.LokusError):
        proposal.meeting_of(ds, sc, strict=True)


def test_pdf_shows_reasons_default_vs_scenario(data_dir):
    ds = small_dataset()
    default = pdf_text(ds, "id")
    assert "Usulan bawaan: 3 desa teratas menurut skor prioritas" in default
    assert "Peringkat 1 dari 9, skor 85,7" in default and "(alasan belum dicatat)" not in default
    ranked = lv.compute(ds).ranked
    first, low = ranked["kode_desa"].iloc[0], ranked["kode_desa"].iloc[8]
    save(ds, "Rapat", add=[low], remove=[first], reasons={low: "ALASAN-TAMBAH", first: "ALASAN-KELUAR"})
    text = pdf_text(ds, "en")
    assert "Scenario \u201cRapat\u201d version 1" in text
    assert "Added by the planner: ALASAN-TAMBAH" in text and "Removed by the planner: ALASAN-KELUAR" in text
    assert "Taken out of the top 3 by the planner (1)" in text
    assert "Rank 2 of 9, score" in text  # the villages kept by rank carry a computed reason


def test_download_cache_follows_the_scenario_and_query(data_dir):
    ds = small_dataset()
    app = Flask(__name__)
    exports_cb._cache.clear()
    built = []
    real_build = exports_cb.build

    def fake_build(kind, lang, n=0, ds_=None, proposals=None):
        built.append(proposal.key_of(proposals.scenario) if proposals is not None else None)
        return real_build("kamus", lang, 0, ds)  # cheap bytes; what matters is the key

    exports_cb.build = fake_build
    exports_cb.dataset.current, real_current = (lambda: ds), exports_cb.dataset.current
    try:
        with app.test_request_context("/unduh/paket-rembuk.pdf?lang=id"):
            exports_cb._cached("pdf", "id")
            exports_cb._cached("pdf", "id")
        assert built == [("bawaan",)]
        save(ds, "A")
        save(ds, "A")
        with app.test_request_context("/unduh/paket-rembuk.pdf"):
            exports_cb._cached("pdf", "id")
        with app.test_request_context("/unduh/paket-rembuk.pdf?skenario=A&versi=1"):
            exports_cb._cached("pdf", "id")
        assert built == [("bawaan",), ("skenario", "A", 2), ("skenario", "A", 1)]
        with app.test_request_context("/unduh/paket-rembuk.pdf?skenario=Tidak%20ada&lang=en"):
            resp = exports_cb.respond("pdf")
        assert resp.status_code == 404 and "Scenario 'Tidak ada' not found." in resp.get_data(as_text=True)
    finally:
        exports_cb.build = real_build
        exports_cb.dataset.current = real_current
        exports_cb._cache.clear()
