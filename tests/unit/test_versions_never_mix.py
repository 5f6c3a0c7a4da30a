"""A page drawn from one data version never gets another version's values (issue 6)."""

from __future__ import annotations

import pandas as pd
import pytest
from dash import no_update

from callbacks import lokus as lokus_cb
from callbacks import map as map_cb
from geo.analysis import dataset
from geo.io import importers
from geo.views import mapview
from tests.helpers.callbacks import inputs, text_of

pytestmark = pytest.mark.usefixtures("data_dir")  # every test on an empty data folder of its own


def import_prevalensi(stunted: int) -> None:
    b = dataset.bundled().boundaries
    df = pd.DataFrame(
        {
            "kode_desa": b["kode_desa"],
            "nama_desa": b["nama_desa"],
            "tahun": 2023,
            "balita_diukur": 100,
            "balita_stunting": stunted,
            "sumber": "Dinkes",
        }
    )
    out = importers.run("prevalensi", df.to_csv(index=False).encode(), "p.csv", by="uji")
    assert out.version_id, [p.key for p in out.checked.problems]


def test_url_version_reads_the_versioned_layer_url():
    assert mapview.url_version("/api/abc123/desa.geojson") == "abc123"
    assert mapview.url_version("/api/abc123/desa.geojson?x=1") == "abc123"
    assert mapview.url_version(None) is None and mapview.url_version("/other") is None


def test_hideout_names_the_data_version():
    ds = dataset.current()
    ctx = map_cb.page_context(ds, "id")
    assert ctx["hideout"]["version"] == ds.version == mapview.url_version(ctx["desa_url"])


def test_restyle_on_the_current_version_restyles():
    ds = dataset.current()
    url = map_cb.page_context(ds, "id")["desa_url"]
    style, options, year, ind, notice = map_cb.restyle_page("air_minum", 2021, ["on"], 2022, "id", url)
    assert style["h"]["version"] == ds.version and style["h"]["ind"] == "air_minum" and style["legend"]
    assert notice is None and ind is no_update


def test_restyle_after_an_import_keeps_the_map_and_asks_for_a_reload():
    old = dataset.current()
    url = map_cb.page_context(old, "id")["desa_url"]
    import_prevalensi(stunted=30)
    new = dataset.current()
    assert new.version != old.version
    shown = map_cb.page_context(old, "id")["hideout"]
    out = map_cb.restyle_page("air_minum", 2020, ["on"], 2022, "id", url, shown)
    # Old geometry and values stay together: no new values, no new legend; the browser (which
    # may already have recoloured from its own data) gets back the choice the map showed.
    assert out[0] == {"h": mapview.choice_part(shown)} and "legend" not in out[0]
    assert out[0]["h"]["version"] == old.version and out[1] is no_update
    assert (out[2], out[3]) == (shown["year"], shown["ind"])  # the choice goes back to what the map shows
    text = text_of(out[4])
    assert "Data telah diperbarui" in text and "Muat ulang halaman" in text
    link = out[4].children[-1]
    assert link.href == "/"
    en = map_cb.restyle_page("stunting", 2023, ["on"], 2022, "en", url)[4]
    assert "The data has been updated" in text_of(en) and en.children[-1].href == "/?lang=en"
    # a page loaded after the import restyles normally with the new version
    fresh = map_cb.page_context(new, "id")["desa_url"]
    style, *_, notice = map_cb.restyle_page("stunting", 2023, ["on"], None, "id", fresh)
    assert style["h"]["version"] == new.version and notice is None


def test_lokus_workbench_refuses_to_mix_versions():
    old = dataset.current()
    url = lokus_cb.page_context(old, "id")["desa_url"]
    n, wv, wid, rv, rid, yv, yid = inputs(old)
    fresh = lokus_cb.update(n, wv, wid, rv, rid, yv, yid, None, "id", page_url=url)
    assert fresh[0] is not no_update and fresh[7] == ""
    import_prevalensi(stunted=40)
    out = lokus_cb.update(n, wv, wid, rv, rid, yv, yid, None, "id", page_url=url)
    assert out[:7] == (no_update,) * 7
    assert "Data telah diperbarui" in text_of(out[7]) and out[7].children[-1].href == "/lokus"
