"""Severe stunting (HAZ < −3) as the catalogue's ``stunting_berat``: counted by the by-name import,
stored with the stunting figure, and shown wherever catalogue indicators are (map, profile, exports)."""

from __future__ import annotations

import datetime as dt
import io

import numpy as np
import pandas as pd
import pytest

from geo.analysis import dataset
from geo.core import zscore
from geo.io import importers, loading
from geo.output import exports
from geo.views import mapview

pytestmark = pytest.mark.usefixtures("data_dir")  # every test on an empty data folder of its own

HEAD = "NIK;Nama;JK;Tgl Lahir;Tanggal Pengukuran;Berat;Tinggi;Cara Ukur;Desa/Kel;Kec;Pukesmas\n"
MEASURED_ON = dt.date(2024, 3, 15)
AGE_DAYS = 400  # lying length, no position correction
# Busoa: 3 severely stunted of 7 valid (one implausible), 4 stunted; Laompo: 0 severe of 2, 1 stunted
CHILDREN = {
    ("BUSOA", "BATAUGA"): (-3.6, -3.3, -3.4, -2.5, -1.0, 0.4, 1.2, -6.8),
    ("LAOMPO", "BATAUGA"): (-2.4, 0.0),
}


def height_for(z: float, sex: int = 1, age: int = AGE_DAYS) -> float:
    """The length (cm, one decimal) whose HAZ is ``z`` (WHO LMS; L = 1 for length-for-age)."""
    L, M, S = zscore.lms_table()[sex, age]
    return round(float(M * (1 + L * S * z) ** (1 / L)), 1)


def report() -> bytes:
    born = (MEASURED_ON - dt.timedelta(days=AGE_DAYS)).strftime("%d/%m/%Y")
    lines, i = [HEAD], 0
    for (desa, kec), zs in CHILDREN.items():
        for z in zs:
            i += 1
            h = f"{height_for(z):.1f}".replace(".", ",")
            lines.append(
                f"99000000000{i:05d};ANAK UJI {i};L;{born};{MEASURED_ON:%d/%m/%Y};9;{h};Terlentang;{desa};{kec};PKM\n"
            )
    return "".join(lines).encode("utf-8")


@pytest.fixture(scope="module")
def boundaries():
    return dataset.bundled().boundaries


def test_known_z_scores_give_known_counts(boundaries):
    # the heights really have the z-scores they were made for
    for z in (-3.6, -3.3, -2.5, 0.4):
        assert zscore.haz([1], [AGE_DAYS], [height_for(z)], [1])[0] == pytest.approx(z, abs=0.06)
    c = importers.check("pengukuran", report(), "uji.csv", boundaries=boundaries)
    assert c.ok, [p.message("en") for p in c.errors]
    got = {r.nama_desa: (r.balita_diukur, r.balita_stunting, r.balita_stunting_berat) for r in c.rows.itertuples()}
    assert got == {"Busoa": (7, 4, 3), "Laompo": (2, 1, 0)}
    sev = loading.severe_rows(c.rows.assign(opd="Dinas Kesehatan"))
    assert set(sev["indikator"]) == {"stunting_berat"}
    assert dict(zip(sev["nama_desa"], zip(sev["pembilang"], sev["penyebut"]))) == {"Busoa": (3, 7), "Laompo": (0, 2)}


def test_a_by_name_import_stores_severe_stunting_as_a_catalogue_indicator(boundaries):
    out = importers.run("pengukuran", report(), "e-PPGBM_2024.csv", by="uji", boundaries=boundaries)
    assert out.version_id
    ds = dataset.current()
    code = {n: k for k, n in zip(boundaries["kode_desa"], boundaries["nama_desa"])}
    busoa, laompo = code["Busoa"], code["Laompo"]
    # the imported prevalence replaced the demo's, and severe stunting came with it (no demo years left)
    assert ds.years("stunting_berat") == [2024] == ds.years("stunting")
    assert ds.values("stunting_berat", 2024) == {busoa: (3, 7), laompo: (0, 2)}
    o = ds.observations
    sev = o[o["indikator"] == "stunting_berat"].set_index("kode_desa")
    st = o[o["indikator"] == "stunting"].set_index("kode_desa")
    for c in (busoa, laompo):  # same period, office and import version as the stunting figure
        assert (sev.at[c, "tahun"], sev.at[c, "opd"], sev.at[c, "versi"]) == (
            st.at[c, "tahun"],
            st.at[c, "opd"],
            st.at[c, "versi"],
        )
        assert sev.at[c, "penyebut"] == st.at[c, "penyebut"]
    # the map: a choice of its own, after stunting, with its own scale and values in the layer
    assert ds.map_indicator_codes.index("stunting_berat") == ds.map_indicator_codes.index("stunting_halus") + 1
    h = mapview.desa_choice(ds, "stunting_berat", 2024, None, False, "id")
    assert h["scale"] == "prevalence" and ds.value_keys[h["vi"]] == "stunting_berat|2024"
    leg = mapview.legend(ds, "stunting_berat", 2024, "en")
    assert "33.33% (3 of 9)" in leg["summary"]  # the regency's own figure
    # profile: every year with its 95% interval, not among the interventions
    p = mapview.profile(ds, busoa, "en")
    assert [o["code"] for o in p["outcomes"]] == ["stunting_berat"]
    row = p["outcomes"][0]["rows"][0]
    assert (row["year"], row["k"], row["n"]) == (2024, 3, 7) and "95% CI" in row["ci_text"]
    assert "stunting_berat" not in [c["code"] for c in p["coverage"]]
    # exports and the data dictionary: numerator, denominator, percent and the Wilson interval
    df = pd.read_csv(io.BytesIO(exports.csv_bytes(ds)), dtype={"kode_desa": str}).set_index("kode_desa")
    assert (df.at[busoa, "stunting_berat_2024_pembilang"], df.at[busoa, "stunting_berat_2024_penyebut"]) == (3, 7)
    assert df.at[busoa, "stunting_berat_2024_persen"] == pytest.approx(100 * 3 / 7, abs=1e-3)
    lo, hi = df.at[busoa, "stunting_berat_2024_ik_bawah"], df.at[busoa, "stunting_berat_2024_ik_atas"]
    assert lo < 100 * 3 / 7 < hi
    words = exports.dictionary(ds, "en")
    assert "stunting_berat_2024_ik_atas" in set(words.iloc[:, 0])


def test_the_demo_carries_severe_stunting_at_about_a_third_of_stunting():
    ds = dataset.bundled()
    assert ds.years("stunting_berat") == ds.years("stunting")
    c = ds.coverage[ds.coverage["indikator"] == "stunting_berat"]
    for year, g in c.groupby("tahun"):
        stunted = ds.prevalence.loc[ds.prevalence["tahun"] == year, "balita_stunting"].sum()
        share = g["pembilang"].sum() / stunted
        assert 0.25 < share < 0.45, (year, share)
    merged = c.merge(ds.prevalence, on=["kode_desa", "tahun"])
    assert (merged["pembilang"] <= merged["balita_stunting"]).all()
    assert (merged["penyebut"] == merged["balita_diukur"]).all()
    # not an intervention: the convergence score and the plan gaps leave it out
    from geo.analysis import convergence

    assert "stunting_berat" not in convergence.key_interventions()
    red = convergence.red_coverage(ds.coverage, set(ds.boundaries["kode_desa"]), 2024)
    assert "stunting_berat" not in set(red["indikator"])
    assert np.isfinite(c["pembilang"]).all()


def test_an_aggregated_prevalence_file_may_carry_the_severe_count(boundaries):
    """The prevalensi kind has the by-name import's shape, so its optional column
    ``balita_stunting_berat`` gives the same observations; more severe than stunted is refused."""
    text = (
        "kode_desa;tahun;balita_diukur;balita_stunting;balita_stunting_berat\n"
        "74.15.01.1002;2024;120;30;11\n"
        "74.15.01.1003;2024;80;12;\n"  # no severe count for this village: none stored for it
    )
    c = importers.check("prevalensi", text.encode(), "agregat.csv", boundaries=boundaries)
    assert c.ok, [p.message("en") for p in c.errors]
    out = importers.run("prevalensi", text.encode(), "agregat.csv", by="uji", boundaries=boundaries)
    assert out.version_id
    ds = dataset.current()
    assert ds.values("stunting_berat", 2024) == {"74.15.01.1002": (11, 120)}
    assert ds.values("stunting", 2024)["74.15.01.1003"] == (12, 80)
    bad = importers.check(
        "prevalensi",
        b"kode_desa;tahun;balita_diukur;balita_stunting;sangat_pendek\n74.15.01.1002;2024;120;10;11\n",
        "salah.csv",
        boundaries=boundaries,
    )
    assert not bad.ok and bad.errors[0].key == "prevalensi.severe_over" and bad.errors[0].row == 2
    assert "severely stunted (11) exceed children stunted (10)" in bad.errors[0].message("en")
