"""The shipped demo data: calibrated, deterministic, plausible, and labelled."""

from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
import shapely

from data import make_demo_data  # noqa: F401  (importable as a module)
from data.demo_tables import DEMO_SOURCE, allocate_exact, calibrated_stunted, total_for_rate
from geo.io.boundaries import read_boundaries
from geo.io.loading import BUNDLED_BOUNDARIES, BUNDLED_DEMO, BUNDLED_PUBLISHED, read_table


@pytest.fixture(scope="module")
def demo():
    return {n: read_table(BUNDLED_DEMO / f"{n}.csv") for n in ("prevalensi", "cakupan", "lokus", "sarana")}


def test_regency_totals_equal_the_cited_figures_exactly(demo):
    """Five years (issue 11): 2020 and 2021 the offices' cited figures, 2024 the published annual
    e-PPGBM figure, 2022-2023 interpolated between them."""
    pub = pd.read_csv(BUNDLED_PUBLISHED, dtype={"kode_kab": str})
    own = pub[(pub.kode_kab == "74.15") & (pub.periode == "tahunan")]
    cited = own[own.jenis_sumber == "registri_opd"].set_index("tahun")["nilai_persen"].to_dict()
    cited[2024] = float(own[own.jenis_sumber == "registri_eppgbm"].set_index("tahun")["nilai_persen"][2024])
    cited |= {2022: 26.48, 2023: 24.64}
    totals = demo["prevalensi"].groupby("tahun")[["balita_stunting", "balita_diukur"]].sum()
    assert sorted(totals.index) == [2020, 2021, 2022, 2023, 2024]
    for year, row in totals.iterrows():
        assert Fraction(int(row.balita_stunting), int(row.balita_diukur)) == Fraction(str(cited[year])) / 100
    assert cited[2020] == 27.0 and cited[2021] == 28.32 and cited[2024] == 22.8
    assert make_demo_data.published_targets(BUNDLED_PUBLISHED, "74.15") == {
        2020: 27.0,
        2021: 28.32,
        2022: 26.48,
        2023: 24.64,
        2024: 22.8,
    }


def test_villages_spread_plausibly(demo):
    p = demo["prevalensi"]
    pct = 100 * p.balita_stunting / p.balita_diukur
    assert len(p) == 350
    assert (p.balita_stunting <= p.balita_diukur).all() and (p.balita_stunting >= 0).all()
    assert 5 < pct.std() < 20
    assert pct.min() < 20 and pct.max() > 35


def test_coverage_has_every_indicator_and_valid_fractions(demo):
    c = demo["cakupan"]
    from data.demo_tables import demo_indicators, weighing_indicator

    wanted = {i.code for i in demo_indicators()} | ({weighing_indicator().code} if weighing_indicator() else set())
    assert set(c.indikator) == wanted and wanted >= {"anc4", "air_minum", "jamban_sehat"}
    assert sorted(set(c.tahun)) == [2020, 2021, 2022, 2023, 2024]
    assert (c.pembilang <= c.penyebut).all() and (c.penyebut > 0).all()


def test_lokus_count_matches_the_decree(demo):
    lok = demo["lokus"]
    assert (lok[lok.tahun == 2022].kode_desa.nunique()) == 29  # SK Bupati No. 170/2022


def test_works_lie_inside_their_villages(demo):
    b = read_boundaries(BUNDLED_BOUNDARIES).set_index("kode_desa")
    s = demo["sarana"]
    assert len(s) > 30
    for r in s.itertuples():
        assert b.geometry[r.kode_desa].contains(shapely.Point(r.bujur, r.lintang)), r.nama_sarana
    assert set(s.jenis) <= {"sumur bor", "penampungan air hujan", "perpipaan", "MCK komunal", "jamban keluarga"}
    assert set(s.status) <= {"rencana", "dibangun", "selesai"}
    assert set(s.sumber_dana) <= {"APBD", "Dana Desa", "DAK"}


def test_every_row_is_labelled_demo(demo):
    for name, df in demo.items():
        assert (df["sumber"] == DEMO_SOURCE).all(), name
        assert "DATA CONTOH" in DEMO_SOURCE


def test_generator_is_deterministic(tmp_path, demo):
    assert make_demo_data.main(["--out", str(tmp_path)]) == 0
    for name in demo:
        assert (tmp_path / f"{name}.csv").read_bytes() == (BUNDLED_DEMO / f"{name}.csv").read_bytes(), name


def test_allocate_exact_and_caps():
    out = allocate_exact([1, 2, 3.5], 101)
    assert out.sum() == 101
    capped = allocate_exact([10, 1], 5, caps=[2, 10])
    assert capped.tolist() == [2, 3]
    with pytest.raises(ValueError):
        allocate_exact([1, 1], 5, caps=[1, 1])


def test_calibration_hits_any_rate():
    measured = allocate_exact(np.ones(10), total_for_rate(28.32, 1000))
    stunted = calibrated_stunted(measured, np.linspace(-2, 0, 10), 28.32)
    assert Fraction(int(stunted.sum()), int(measured.sum())) == Fraction("0.2832")


def test_kecamatan_pattern_follows_public_reports(demo):
    """Batauga lowest; Lapandewa and Batu Atas above the regency figure, in every year (never the opposite)."""
    b = read_boundaries(BUNDLED_BOUNDARIES)[["kode_desa", "nama_kec"]]
    p = demo["prevalensi"].merge(b, on="kode_desa")
    for year, g in p.groupby("tahun"):
        kec = g.groupby("nama_kec")[["balita_stunting", "balita_diukur"]].sum()
        pct = 100 * kec.balita_stunting / kec.balita_diukur
        total = 100 * kec.balita_stunting.sum() / kec.balita_diukur.sum()
        assert pct.idxmin() == "Batauga", year
        assert pct["Lapandewa"] > total and pct["Batu Atas"] > total, year
