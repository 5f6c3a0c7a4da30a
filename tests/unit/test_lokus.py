"""Lokus scoring, thresholds, ranking, stability and gaps on small synthetic grids."""

import math

import pandas as pd
import pytest

from geo.analysis import lokus
from geo.analysis.indicators import coverage_table, prevalence_table
from tests.helpers.builders import grid


def villages(n=3):
    g = grid(n)
    return pd.DataFrame(g.drop(columns="geometry"))


def make(prev: dict, cov: dict | None = None, year=2021, n=3):
    """prev: {kode: (stunted, measured)}; cov: {(kode, indikator): (num, den)}."""
    v = villages(n)
    p = pd.DataFrame(
        [{"kode_desa": k, "tahun": year, "balita_stunting": a, "balita_diukur": b} for k, (a, b) in prev.items()]
    )
    c = pd.DataFrame(
        [
            {"kode_desa": k, "tahun": year, "indikator": i, "pembilang": a, "penyebut": b}
            for (k, i), (a, b) in (cov or {}).items()
        ],
        columns=["kode_desa", "tahun", "indikator", "pembilang", "penyebut"],
    )
    prevalence = prevalence_table(p) if len(p) else p
    coverage = coverage_table(c) if len(c) else pd.DataFrame(columns=["kode_desa", "tahun", "indikator", "persen"])
    return lokus.build_criteria(v, prevalence, coverage)


CODES = list(grid(3)["kode_desa"])


def test_criteria_values_and_gaps():
    crit = make(
        {CODES[0]: (30, 100), CODES[1]: (10, 50)},
        {(CODES[0], "air_minum"): (45, 100), (CODES[1], "air_minum"): (100, 100)},
    )
    assert crit.codes == ["prevalensi", "jumlah_stunting", "gap_air_minum"]
    t = crit.table.set_index("kode_desa")
    assert t.loc[CODES[0], "prevalensi"] == 30.0 and t.loc[CODES[0], "jumlah_stunting"] == 30
    assert t.loc[CODES[0], "gap_air_minum"] == 55.0 and t.loc[CODES[1], "gap_air_minum"] == 0.0
    assert math.isnan(t.loc[CODES[2], "prevalensi"])
    assert len(crit.table) == 9  # every village of the boundaries, data or not
    assert crit.base_year == 2021 and crit.coverage_year == 2021


def test_light_is_half_open_worse_class_on_the_threshold():
    assert lokus.light(30.0, 30, 20) == "merah"
    assert lokus.light(29.99, 30, 20) == "kuning"
    assert lokus.light(20.0, 30, 20) == "kuning"
    assert lokus.light(19.9, 30, 20) == "hijau"
    assert lokus.light(float("nan"), 30, 20) is None
    assert lokus.light(None, 30, 20) is None


def test_default_thresholds_documented_values_and_count_tertiles():
    prev = {c: (k + 1, 100) for k, c in enumerate(CODES)}  # 1..9 stunted children
    crit = make(prev)
    th = lokus.default_thresholds(crit)
    assert th["prevalensi"] == (30.0, 20.0)
    counts = pd.Series(range(1, 10), dtype=float)
    assert th["jumlah_stunting"] == (math.ceil(counts.quantile(2 / 3)), math.ceil(counts.quantile(1 / 3)))
    lights = lokus.lights(crit, th)
    assert list(lights["jumlah_stunting"]).count("merah") == 3


def test_thresholds_changeable_and_red_below_yellow_refused():
    crit = make({CODES[0]: (25, 100)})
    lights = lokus.lights(crit, {"prevalensi": (25, 10)})
    assert lights.loc[0, "prevalensi"] == "merah"
    with pytest.raises(lokus.LokusError) as e:
        lokus.lights(crit, {"prevalensi": (10, 25)})
    assert e.value.key == "lokus.err.threshold_order"
    assert "Prevalensi stunting" in e.value.message("id")
    with pytest.raises(lokus.LokusError):
        lokus.check_thresholds(crit, {"prevalensi": ("x", 1)})


def test_score_is_weighted_minmax_and_order_follows_weights():
    # Village A: high prevalence, few children; B: low prevalence, many children.
    crit = make({CODES[0]: (40, 100), CODES[1]: (60, 600), CODES[2]: (20, 200)})
    by_prev = lokus.rank(crit, {"prevalensi": 1, "jumlah_stunting": 0})
    # B and C tie on prevalence (10%): B has more stunted children.
    assert list(by_prev["kode_desa"][:3]) == [CODES[0], CODES[1], CODES[2]]
    assert by_prev.loc[0, "skor"] == pytest.approx(100.0)
    by_count = lokus.rank(crit, {"prevalensi": 0, "jumlah_stunting": 1})
    assert list(by_count["kode_desa"][:3]) == [CODES[1], CODES[0], CODES[2]]
    mixed = lokus.rank(crit, {"prevalensi": 1, "jumlah_stunting": 1}).set_index("kode_desa")
    # A: prevalence norm 1, count norm (40-20)/40 = 0.5 -> 75; B: 0 and 1 -> 50; C: 0 and 0 -> 0.
    assert mixed.loc[CODES[0], "skor"] == pytest.approx(75.0)
    assert mixed.loc[CODES[1], "skor"] == pytest.approx(50.0)
    assert mixed.loc[CODES[2], "skor"] == pytest.approx(0.0)


def test_ties_broken_by_prevalence_then_count_then_code():
    crit = make({CODES[0]: (10, 100), CODES[1]: (10, 100), CODES[2]: (20, 100)})
    r = lokus.rank(crit, {"prevalensi": 0, "jumlah_stunting": 1})
    # C has more children; A and B tie on everything -> code order.
    assert list(r["kode_desa"][:3]) == [CODES[2], CODES[0], CODES[1]]
    assert list(r["peringkat"][:3]) == [1, 2, 3]
    # Equal score but different prevalence: higher prevalence first.
    crit = make({CODES[0]: (10, 100), CODES[1]: (10, 50)})
    r = lokus.rank(crit, {"prevalensi": 0, "jumlah_stunting": 1})
    assert list(r["kode_desa"][:2]) == [CODES[1], CODES[0]]


def test_all_equal_column_normalises_to_zero_without_error():
    crit = make({c: (10, 100) for c in CODES})
    r = lokus.rank(crit, lokus.default_weights(crit))
    assert (r["skor"] == 0).all()
    assert list(r["kode_desa"]) == sorted(CODES)  # ties all the way down: code order
    assert lokus.minmax(pd.Series([5.0, 5.0])).tolist() == [0.0, 0.0]


def test_missing_data_gets_no_score_listed_last_with_reason():
    crit = make(
        {CODES[0]: (30, 100), CODES[1]: (10, 100)},
        {(CODES[0], "anc4"): (50, 100), (CODES[1], "anc4"): (90, 100), (CODES[2], "anc4"): (10, 100)},
    )
    r = lokus.rank(crit, lokus.default_weights(crit))
    scored = r[r["berskor"]]
    assert list(scored["kode_desa"]) == [CODES[0], CODES[1]]
    last = r[~r["berskor"]]
    assert len(last) == 7 and last["skor"].isna().all() and last["peringkat"].isna().all()
    row = r.set_index("kode_desa").loc[CODES[2]]
    assert row["kurang"] == ["prevalensi", "jumlah_stunting"]
    # A criterion with weight 0 does not exclude a village.
    r2 = lokus.rank(crit, {"prevalensi": 0, "jumlah_stunting": 0, "gap_anc4": 1})
    assert r2.loc[0, "kode_desa"] == CODES[2] and r2["berskor"].sum() == 3


def test_weights_summing_to_zero_or_negative_are_refused_with_a_message():
    crit = make({CODES[0]: (30, 100)})
    with pytest.raises(lokus.LokusError) as e:
        lokus.rank(crit, {"prevalensi": 0, "jumlah_stunting": 0})
    assert e.value.key == "lokus.err.weights_zero"
    assert "Semua bobot bernilai 0" in e.value.message("id")
    assert "All weights are 0" in e.value.message("en")
    assert isinstance(e.value, ValueError)
    with pytest.raises(lokus.LokusError) as e:
        lokus.rank(crit, {"prevalensi": -1, "jumlah_stunting": 2})
    assert e.value.key == "lokus.err.weight_negative"
    with pytest.raises(lokus.LokusError) as e:
        lokus.rank(crit, {"prevalensi": None, "jumlah_stunting": 2})
    assert e.value.key == "lokus.err.weight_invalid"


def test_top_n_and_selection_overrides_need_reasons():
    prev = {c: (k + 1, 100) for k, c in enumerate(CODES)}
    crit = make(prev)
    r = lokus.rank(crit, lokus.default_weights(crit))
    assert lokus.top(r, 3) == [CODES[8], CODES[7], CODES[6]]
    sel = lokus.select(r, 3)
    assert sel.selected == sel.proposed and sel.complete
    sel = lokus.select(r, 3, add=[CODES[0]], remove=[CODES[7]])
    assert sel.added == [CODES[0]] and sel.removed == [CODES[7]]
    assert set(sel.selected) == {CODES[8], CODES[6], CODES[0]}
    assert sel.missing_reasons == [CODES[0], CODES[7]]
    sel = lokus.select(r, 3, add=[CODES[0]], remove=[CODES[7]], reasons={CODES[0]: "akses pulau", CODES[7]: " "})
    assert sel.missing_reasons == [CODES[7]] and not sel.complete
    # Adding a village already proposed is not an override.
    assert lokus.select(r, 3, add=[CODES[8]]).added == []
    with pytest.raises(lokus.LokusError):
        lokus.top(r, -1)


def test_toggle_adds_removes_and_undoes():
    crit = make({c: (k + 1, 100) for k, c in enumerate(CODES)})
    r = lokus.rank(crit, lokus.default_weights(crit))
    add, remove = lokus.toggle(r, 2, [], [], CODES[0])
    assert (add, remove) == ([CODES[0]], [])
    add, remove = lokus.toggle(r, 2, add, remove, CODES[8])
    assert (add, remove) == ([CODES[0]], [CODES[8]])
    add, remove = lokus.toggle(r, 2, add, remove, CODES[0])
    add, remove = lokus.toggle(r, 2, add, remove, CODES[8])
    assert (add, remove) == ([], [])
    assert lokus.toggle(r, 2, [], [], "no-such-code") == ([], [])


def test_stability_counts_kept_villages_per_weight_change():
    # Clear leaders: rank never changes -> all kept in every run.
    crit = make({c: (k * 10 + 1, 100) for k, c in enumerate(CODES)})
    s = lokus.stability(crit, {"prevalensi": 1, "jumlah_stunting": 1}, 3)
    assert s["n_runs"] == 4
    assert all(run["kept"] == 3 for run in s["runs"])
    assert all(s["per_village"][c] == 4 for c in s["base"])
    # A marginal choice: A (35%, 7 children) leads B (10%, 50 children) by a hair:
    # A = (1 + 2/45) / 2 = 0.522, B = 0.5; with the count weight +20% B leads.
    crit = make({CODES[0]: (7, 20), CODES[1]: (50, 500), CODES[2]: (5, 50)})
    w = {"prevalensi": 1, "jumlah_stunting": 1}
    s = lokus.stability(crit, w, 1)
    assert s["base"] == [CODES[0]]
    assert s["min_kept"] == 0
    up = next(r for r in s["runs"] if r["criterion"] == "jumlah_stunting" and r["factor"] > 1)
    assert up["kept"] == 0 and up["entered"] == [CODES[1]] and up["left"] == [CODES[0]]
    # A stays when prevalence rises or the count falls; B takes over in the other two runs.
    assert s["per_village"][CODES[0]] == 2 and s["per_village"][CODES[1]] == 2
    assert {r["criterion"] for r in s["runs"]} == {"prevalensi", "jumlah_stunting"}
    # Zero weights are not perturbed.
    s = lokus.stability(crit, {"prevalensi": 1, "jumlah_stunting": 0}, 2)
    assert s["n_runs"] == 2


def test_need_without_works_and_lokus_lacking():
    crit = make(
        {CODES[0]: (40, 100), CODES[1]: (35, 100), CODES[2]: (5, 100)},
        {(CODES[0], "air_minum"): (30, 100), (CODES[1], "air_minum"): (90, 100), (CODES[2], "air_minum"): (10, 100)},
    )
    th = lokus.default_thresholds(crit)
    r = lokus.rank(crit, {"prevalensi": 1, "jumlah_stunting": 0, "gap_air_minum": 0})
    lights = lokus.lights(lokus.Criteria(r, crit.criteria, crit.base_year, crit.coverage_year), th)
    sarana = pd.DataFrame(
        [
            {"kode_desa": CODES[0], "jenis": "sumur bor", "status": "selesai"},
            {"kode_desa": CODES[0], "jenis": "jamban keluarga", "status": "dibangun"},
            {"kode_desa": CODES[1], "jenis": "sumur bor", "status": "rencana"},  # planned only: does not count
        ]
    )
    need = lokus.need_without_works(r, lights, sarana, proposed=[CODES[0]])
    assert list(need["kode_desa"]) == [CODES[1]]
    assert need.loc[0, "air"] == 0 and bool(need.loc[0, "merah"])
    lacking = lokus.lokus_lacking(crit, th, {CODES[0], CODES[1], CODES[2]})
    assert lacking["gap_air_minum"] == [CODES[2], CODES[0]]  # worst gap first


def test_default_n():
    assert lokus.default_n({"a", "b"}, 10) == 2
    assert lokus.default_n(set(), 10) == 2
    assert lokus.default_n(set(), 0) == 0


def test_real_bundled_dataset_ranks_every_village():
    from geo.analysis import dataset

    ds = dataset.current()
    crit = lokus.criteria_of(ds)
    r = lokus.rank(crit, lokus.default_weights(crit))
    assert len(r) == len(ds.boundaries)
    assert r["peringkat"].dropna().tolist() == list(range(1, int(r["berskor"].sum()) + 1))
    assert r["skor"].dropna().between(0, 100).all()


def test_method_description_takes_its_numbers_from_the_constants(monkeypatch):
    from geo.views import methods

    d = methods.lokus_method("id")
    values = dict(d["params"])
    assert d["text"].startswith("Desa lokus dipilih") and "0–100" in d["text"]
    assert values["Bobot bawaan"] == "prevalensi 3, jumlah balita stunting 3, setiap kesenjangan cakupan 1"
    assert values["Ambang prevalensi"].startswith("merah ≥ 30%, kuning ≥ 20%")
    assert "merah > 40 poin (cakupan < 60%)" in values["Ambang kesenjangan cakupan"]
    assert "(× 1,2 dan × 0,8)" in values["Ketahanan peringkat"]
    assert values["Skor sama diurutkan menurut"].startswith("prevalensi lebih tinggi, jumlah balita stunting")
    en = dict(methods.lokus_method("en")["params"])
    assert en["Works count when their status is"] == "under construction, completed"
    assert en["Default N"].endswith("20% of the villages (at least 1)")
    # Change the constants: the description follows (nothing typed into the texts).
    monkeypatch.setattr(lokus, "DEFAULT_WEIGHT", {"prevalence": 5.0, "count": 2.5, "gap": 0.0})
    monkeypatch.setattr(lokus, "DEFAULT_PREV_THRESHOLDS", (35.0, 15.0))
    monkeypatch.setattr(lokus, "STABILITY_DELTA", 0.25)
    monkeypatch.setattr(lokus, "TIE_BREAK", ("kode_desa",))
    changed = dict(methods.lokus_method("en")["params"])
    assert changed["Default weights"] == "prevalence 5, number of stunted children 2.5, each coverage gap 0"
    assert changed["Prevalence thresholds"].startswith("red ≥ 35%, yellow ≥ 15%")
    assert "lowered by 25% (× 1.25 and × 0.75)" in changed["Rank stability"]
    assert changed["Equal scores are ordered by"] == "village code (ascending)"
    # The methods page uses it.
    assert methods.lokus_method("en")["params"]
