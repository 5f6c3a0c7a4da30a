"""Quality flags computed from small datasets built in the test."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.analysis import quality
from geo.analysis.dataset import Dataset
from geo.io import boundaries as bnd
from geo.io.loading import empty_table, prepare_table
from tests.helpers.builders import grid


@pytest.fixture
def ds():
    b = bnd.normalise(grid(), file="g.gpkg")
    codes = list(b["kode_desa"])
    prev = pd.DataFrame(
        {
            "kode_desa": codes[:3] * 2,
            "nama_desa": "",
            "tahun": [2021] * 3 + [2022] * 3,
            "balita_diukur": 100,
            "balita_stunting": [10, 20, 30, 12, 40, 31],
            "sumber": "Dinkes",
        }
    )
    cak = pd.DataFrame(
        [
            {
                "kode_desa": codes[0],
                "tahun": 2022,
                "indikator": "anc4",
                "pembilang": 12,
                "penyebut": 10,
                "opd": "Dinkes",
            },
            {
                "kode_desa": codes[0],
                "tahun": 2022,
                "indikator": "air_minum",
                "pembilang": 50,
                "penyebut": 100,
                "opd": "Dinas PUPR",
            },
            {
                "kode_desa": codes[0],
                "tahun": 2022,
                "indikator": "jamban_sehat",
                "pembilang": 50,
                "penyebut": 140,
                "opd": "Dinkes",
            },
            {
                "kode_desa": codes[1],
                "tahun": 2022,
                "indikator": "air_minum",
                "pembilang": 50,
                "penyebut": 100,
                "opd": "Dinas PUPR",
            },
            {
                "kode_desa": codes[1],
                "tahun": 2022,
                "indikator": "jamban_sehat",
                "pembilang": 50,
                "penyebut": 104,
                "opd": "Dinkes",
            },
        ]
    ).assign(nama_desa="", sumber="")
    return Dataset(
        boundaries=b,
        prevalensi=prepare_table("prevalensi", prev),
        cakupan=prepare_table("cakupan", cak),
        lokus=empty_table("lokus"),
        sarana=empty_table("sarana"),
        published=pd.DataFrame(),
        version="t",
    )


def test_coverage_over_100(ds):
    (f,) = quality.coverage_over_100(ds)
    assert f["indicator"] == "anc4" and f["pct"] == pytest.approx(120)


def test_prevalence_jump_over_15_points(ds):
    jumps = quality.prevalence_jumps(ds)
    assert [(j["kode_desa"], j["a"], j["b"]) for j in jumps] == [("99.01.01.2002", 20.0, 40.0)]


def test_two_offices_disagree_beyond_tolerance():
    """Issue 11: every village and period where offices differ by more than 10% (relative), with both figures."""
    b = bnd.normalise(grid(), file="g.gpkg")
    codes = list(b["kode_desa"])
    rows = [
        (codes[0], "Dinas PUPR", 50),
        (codes[0], "Kader Desa", 56),  # 6/56 = 10.7%: flagged
        (codes[1], "Dinas PUPR", 50),
        (codes[1], "Kader Desa", 55),  # 5/55 = 9.1%: not flagged
        (codes[2], "Dinas PUPR", 50),
    ]  # one office only
    cak = pd.DataFrame(
        [
            {"kode_desa": c, "tahun": 2022, "indikator": "air_minum", "pembilang": k, "penyebut": 100, "opd": o}
            for c, o, k in rows
        ]
    ).assign(nama_desa="", sumber="")
    full = prepare_table("cakupan", cak)
    ds = Dataset(
        boundaries=b,
        prevalensi=empty_table("prevalensi"),
        lokus=empty_table("lokus"),
        cakupan=full[full["opd"] == "Dinas PUPR"],
        sarana=empty_table("sarana"),
        published=pd.DataFrame(),
        version="t",
        all_offices={"cakupan": full},
    )
    (d,) = quality.disagreements(ds)
    assert d["kode_desa"] == codes[0] and d["year"] == 2022 and d["indicator"] == "air_minum"
    assert (d["office_a"], d["a"], d["office_b"], d["b"]) == ("Dinas PUPR", 50.0, "Kader Desa", 56.0)
    assert ds.offices("air_minum", 2022) == ["Dinas PUPR", "Kader Desa"]


def test_codes_the_boundaries_no_longer_have(ds):
    ds.lokus = pd.DataFrame({"kode_desa": ["99.99.99.9999"], "tahun": [2022]})
    (u,) = quality.unmatched_codes(ds)
    assert u["dataset"] == "lokus" and u["codes"] == ["99.99.99.9999"]


def test_missing_villages_and_completeness(ds):
    m = {(f["indicator"], f["year"]): len(f["codes"]) for f in quality.missing(ds)}
    assert m[("stunting", 2022)] == 6 and m[("anc4", 2022)] == 8
    s = {r["dataset"]: r for r in quality.summary(ds)}
    assert s["prevalensi"]["villages"] == 3 and s["prevalensi"]["total"] == 9
    assert s["prevalensi"]["first_year"] == 2021 and s["prevalensi"]["last_year"] == 2022
    assert s["cakupan"]["offices"][:2] == ["Dinkes", "Dinas PUPR"]
    assert s["lokus"]["villages"] == 0
