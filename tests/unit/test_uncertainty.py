"""Empirical Bayes smoothing, top-N probabilities and the clear-change test (geo.analysis.uncertainty)."""

import math

import numpy as np
import pandas as pd
import pytest

from geo.analysis import lokus
from geo.analysis import uncertainty as u


def test_smoothing_matches_a_hand_computed_example():
    # Three villages: 1/20, 12/20, 5/10.  Pooled m = 18/50 = 0.36.
    # Raw rates 0.05, 0.60, 0.50; weighted variance s² = (20·0.31² + 20·0.24² + 10·0.14²)/50 = 0.0654.
    # Mean n = 50/3; sampling part m(1−m)/n̄ = 0.2304/16.6667 = 0.013824; τ² = 0.051576.
    # α+β = 0.2304/0.051576 − 1 = 3.467194; α = 0.36·3.467194 = 1.248190; β = 2.219004.
    # Village 1 smoothed = (1 + 1.248190)/(20 + 3.467194) = 0.095801.
    a, b = u.beta_prior([1, 12, 5], [20, 20, 10])
    assert a == pytest.approx(1.248190, abs=1e-5)
    assert b == pytest.approx(2.219004, abs=1e-5)
    s = u.smooth([1, 12, 5], [20, 20, 10])
    assert s["persen_halus"].iloc[0] == pytest.approx(9.5801, abs=1e-3)
    # the small village moves further toward the pooled 36% than the large ones
    assert s["persen_halus"].iloc[2] == pytest.approx(100 * (5 + a) / (10 + a + b))
    assert (s["a_post"] == [1 + a, 12 + a, 5 + a]).all()


def test_no_spread_beyond_sampling_pulls_everything_to_the_pooled_rate():
    s = u.smooth([5, 5, 5], [20, 20, 20])
    assert np.allclose(s["persen_halus"], 25.0, atol=1e-3)


def test_village_without_children_measured_is_not_smoothed():
    s = u.smooth([3, 0, 4], [10, 0, 12])
    assert math.isnan(s["persen_halus"].iloc[1])
    assert not math.isnan(s["persen_halus"].iloc[0])


def test_top_n_probabilities_sum_to_n():
    rng = np.random.default_rng(1)
    v = 40
    k = rng.integers(2, 30, v)
    n = rng.integers(30, 120, v)
    crit_table = pd.DataFrame(
        {
            "kode_desa": [f"{i:03d}" for i in range(v)],
            "nama_desa": "x",
            "nama_kec": "y",
            lokus.PREV: 100 * k / n,
            lokus.COUNT: k.astype(float),
            "gap_air_minum": rng.uniform(0, 80, v),
        }
    )
    crit = lokus.Criteria(
        crit_table,
        [
            lokus.Criterion(lokus.PREV, "prevalence"),
            lokus.Criterion(lokus.COUNT, "count"),
            lokus.Criterion("gap_air_minum", "gap", "air_minum"),
        ],
        2021,
        2021,
    )
    a, b = u.posterior_params(k, n, smoothed=True)
    draws = u.draw_prevalence(a, b)
    assert draws.shape == (u.DRAWS, v)
    for top in (1, 7, 12, 39):
        p = lokus.top_probability(crit, {lokus.PREV: 3, lokus.COUNT: 3, "gap_air_minum": 1}, top, draws)
        assert p.sum() == pytest.approx(top)
        assert ((p >= 0) & (p <= 1)).all()
    # same seed, same answer
    again = lokus.top_probability(crit, {lokus.PREV: 3, lokus.COUNT: 3, "gap_air_minum": 1}, 7, u.draw_prevalence(a, b))
    assert (again == lokus.top_probability(crit, {lokus.PREV: 3, lokus.COUNT: 3, "gap_air_minum": 1}, 7, draws)).all()


def test_top_n_without_prevalence_weight_is_the_ranking_itself():
    fixed = np.array([0.1, 0.9, 0.5, 0.7])
    p = u.top_n_probability(fixed, np.random.default_rng(0).random((50, 4)), 0.0, 1.0, 2)
    assert list(p) == [0.0, 1.0, 0.0, 1.0]


def test_two_proportion_test_agrees_with_the_textbook():
    # Physicians' Health Study (Agresti, Categorical Data Analysis): heart attacks 189/11034 on
    # placebo, 104/11037 on aspirin; z = −5.0 for the change from placebo to aspirin.
    z = float(u.two_proportion_z(189, 11034, 104, 11037))
    assert z == pytest.approx(-5.00, abs=0.01)
    assert u.change_class([z])[0] == u.FELL
    # 80/200 vs 60/200: pooled 0.35, SE 0.047697, z = −2.0966 (clear); 80/200 vs 70/200: z = −1.03 (not clear)
    assert float(u.two_proportion_z(80, 200, 60, 200)) == pytest.approx(-2.0966, abs=1e-3)
    assert list(u.change_class(u.two_proportion_z([80, 80, 60], [200, 200, 200], [60, 70, 80], [200, 200, 200]))) == [
        u.FELL,
        u.NO_CLEAR,
        u.ROSE,
    ]


def test_change_table_counts_only_clear_changes():
    prev = pd.DataFrame(
        {
            "kode_desa": ["a", "b", "c", "a", "b", "c"],
            "tahun": [2020] * 3 + [2021] * 3,
            "balita_diukur": [200, 30, 200] * 2,
            "balita_stunting": [40, 9, 80, 80, 12, 50],
        }
    )
    prev["persen"] = 100 * prev["balita_stunting"] / prev["balita_diukur"]
    tab = u.change_test_table(prev, 2020, 2021)
    assert u.change_counts(tab) == {u.ROSE: 1, u.FELL: 1, u.NO_CLEAR: 1, "total": 3}
    # b rose by 10 points, but from 30 children: within the uncertainty
    assert tab.set_index("kode_desa").loc["b", "kelas"] == u.NO_CLEAR


def test_quality_jump_flag_needs_a_clear_jump():
    from types import SimpleNamespace

    from geo.analysis import quality

    prev = pd.DataFrame(
        {
            "kode_desa": ["a", "b", "a", "b"],
            "tahun": [2020, 2020, 2021, 2021],
            "balita_diukur": [10, 200, 10, 200],
            "balita_stunting": [2, 40, 4, 80],
        }
    )
    prev["persen"] = 100 * prev["balita_stunting"] / prev["balita_diukur"]
    # both jump by 20 points; only b's jump (200 children) is clear, a's (10 children) is not
    flags = quality.prevalence_jumps(SimpleNamespace(prevalence=prev))
    assert [f["kode_desa"] for f in flags] == ["b"]


def test_workbench_scores_smoothed_by_default_and_measured_on_request():
    from geo.analysis import dataset
    from geo.views import lokusview as lv

    ds = dataset.load_bundled()
    year = int(ds.prevalence["tahun"].max())
    p = ds.prevalence[ds.prevalence["tahun"] == year].set_index("kode_desa")
    smooth, raw = lv.compute(ds), lv.compute(ds, smoothed=False)
    t_s = smooth.ranked.set_index("kode_desa")
    t_r = raw.ranked.set_index("kode_desa")
    assert np.allclose(t_s[lokus.PREV], p.loc[t_s.index, "persen_halus"])
    assert np.allclose(t_r[lokus.PREV], p.loc[t_r.index, "persen"])
    # measured %, n and the Wilson interval travel with both
    assert np.allclose(t_s["persen_ukur"], p.loc[t_s.index, "persen"]) and (t_s["n_ukur"] > 0).all()
    for res in (smooth, raw):
        assert res.p_top.sum() == pytest.approx(res.n)
        table = lv.export_table(res, "en")
        col = f"Chance of being in the top {res.n}"
        assert col in table and table[col].sum() == pytest.approx(res.n, abs=0.05)
        solid = [c for c in res.selection.proposed if res.p_top[c] >= u.SOLID_P]
        assert (table["Solid (chance ≥ 0.9)"] == "solid").sum() == len(solid)
