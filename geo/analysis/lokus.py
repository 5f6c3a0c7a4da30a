"""Choosing the desa lokus: criteria, traffic lights, a visible priority score, stability, gaps.

Method (the same text, in the user's language, is on the /lokus page and in the README):

* **Criteria** per village for a base year (default: the latest year with prevalence data):
  prevalence of stunting (%), number of stunted children, and for every key intervention
  present in the coverage data the *coverage gap* = 100 − coverage % (coverage of the base
  year when present, else the latest coverage year before it, else the latest one).
* **Traffic lights** per criterion, half-open like WHO-UNICEF 2018 (a value on a threshold
  belongs to the worse class): red when value >= red threshold, yellow when value >= yellow
  threshold, green otherwise. Defaults: prevalence red >= 30%, yellow >= 20% (the
  programmes' "merah > 30%, kuning 20–30%" and the WHO "very high"/"high" classes); coverage
  gaps (above, not on, the threshold) red > 40 points (coverage below 60%), yellow > 20 (coverage
  below 80%), or, for an indicator with a national target in the catalogue (data/indikator.csv),
  red below the target − 20 points and yellow below the target (:func:`gap_thresholds`); number of
  stunted children: red = the village's count is in the top third of the base year's
  counts (at or above the 2/3 quantile, rounded up to whole children), yellow = the middle
  third (at or above the 1/3 quantile). Every threshold can be changed.
* **Priority score** (0–100) = weighted mean of the criteria after min–max normalisation
  over the villages that have a score (0 = lowest village, 1 = highest; a column where
  every village has the same value normalises to 0 and so cannot move the ranking).
  Default weights: prevalence 3, number of stunted children 3, each coverage gap 1. Weights
  must be numbers >= 0 and must not all be 0 (refused with a message).
* **Missing data**: a village that lacks a criterion whose weight is above 0 gets no score,
  is listed after every scored village, and carries the names of the missing criteria as
  its reason. It can still be added to the selection by hand, with a reason.
* **Ranking** by score, highest first; ties broken by higher prevalence, then more stunted
  children, then village code (ascending), so the same data always gives the same order.
* **Rank stability**: each weight above 0 in turn is multiplied by 1.2 and by 0.8 (the others
  kept); for each of these runs we count how many of the proposed top N stay in the top N,
  and for each village in how many runs it is in the top N (kept in every run, or *marginal*).
* **Probability of being in the top N** (:func:`top_probability`, geo.analysis.uncertainty): the share of
  seeded posterior draws of every village's prevalence in which the village is in the top N.
  A proposed village is *solid* only when it is at least geo.analysis.uncertainty.SOLID_P; the weight
  check above is shown as a separate line.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from geo.core import schema
from geo.core.i18n import indicator_text, t

PREV = "prevalensi"
COUNT = "jumlah_stunting"
GAP_PREFIX = "gap_"

RED, YELLOW, GREEN = "merah", "kuning", "hijau"
LIGHTS = (RED, YELLOW, GREEN)

DEFAULT_PREV_THRESHOLDS = (30.0, 20.0)  # (red >=, yellow >=) percent
DEFAULT_GAP_THRESHOLDS = (40.0, 20.0)  # (red >, yellow >) points of coverage missing: without a target
TARGET_RED_MARGIN = 20.0  # with a national target: red below the target minus this many points
COUNT_QUANTILES = (2 / 3, 1 / 3)  # default red / yellow thresholds for the number of stunted children
DEFAULT_WEIGHT = {"prevalence": 3.0, "count": 3.0, "gap": 1.0}
STABILITY_DELTA = 0.2
SCORE_MAX = 100.0  # the priority score runs from 0 to SCORE_MAX
MAX_WEIGHT = 100.0  # weights run from 0 to MAX_WEIGHT
THRESHOLD_RANGE = {"prevalence": (0.0, 100.0), "gap": (0.0, 100.0), "count": (0.0, 1_000_000.0)}
MAX_REASON = 500  # characters of a planner's reason for adding or removing a village
DEFAULT_N_SHARE = 1 / 5  # default N without a lokus list: this share of the villages (at least 1)
TIE_BREAK = (PREV, COUNT, "kode_desa")  # after the score: higher prevalence, more children, code ascending

# Works that count as "already there" for the gap view, and which types serve what.
BUILT_STATUS = ("dibangun", "selesai")
WATER_TYPES = ("sumur bor", "penampungan air hujan", "perpipaan")
SANITATION_TYPES = ("MCK komunal", "jamban keluarga")


class LokusError(ValueError):
    """A choice the method refuses (weights, thresholds, N), with a message key for the user."""

    def __init__(self, key: str, **params):
        self.key = key
        self.params = params
        super().__init__(f"{key} {params}")

    def message(self, lang: str = "id") -> str:
        params = dict(self.params)
        if "criterion" in params:
            params["criterion"] = criterion_label(params["criterion"], lang)
        return t(self.key, lang, **params)


@dataclass(frozen=True)
class Criterion:
    code: str
    kind: str  # "prevalence", "count" or "gap"
    indicator: str | None = None  # coverage indicator for gaps


def gap_code(indicator: str) -> str:
    return GAP_PREFIX + indicator


def criterion_label(code: str, lang: str = "id") -> str:
    if code == PREV:
        return t("lokus.crit.prevalensi", lang)
    if code == COUNT:
        return t("lokus.crit.jumlah_stunting", lang)
    if code.startswith(GAP_PREFIX):
        return t("lokus.crit.gap", lang, indicator=indicator_text(code[len(GAP_PREFIX) :], lang))
    return code


@dataclass
class Criteria:
    """The criteria table of one base year: one row per village (all villages of the boundaries)."""

    table: pd.DataFrame  # kode_desa, nama_desa, nama_kec, one column per criterion (NaN = no data)
    criteria: list[Criterion]
    base_year: int | None
    coverage_year: int | None
    # the indicator catalogue the criteria were built with (its targets set the gap thresholds)
    catalogue: schema.Catalogue = field(default_factory=schema.catalogue)

    @property
    def codes(self) -> list[str]:
        return [c.code for c in self.criteria]

    def kind(self, code: str) -> str:
        return next(c.kind for c in self.criteria if c.code == code)


def _pick_coverage_year(years: list[int], base_year: int | None) -> int | None:
    if not years:
        return None
    if base_year is None or base_year in years:
        return base_year if base_year is not None else years[-1]
    before = [y for y in years if y < base_year]
    return before[-1] if before else years[-1]


def build_criteria(
    villages: pd.DataFrame,
    prevalence: pd.DataFrame,
    coverage: pd.DataFrame,
    base_year: int | None = None,
    smoothed: bool = False,
    catalogue: schema.Catalogue | None = None,
) -> Criteria:
    """Criteria per village.

    ``villages``: kode_desa, nama_desa, nama_kec (one row per village, any kabupaten);
    ``prevalence``: kode_desa, tahun, balita_stunting, persen (geo.analysis.indicators.prevalence_table);
    ``coverage``: kode_desa, tahun, indikator, persen (geo.analysis.indicators.coverage_table).
    ``smoothed``: the prevalence criterion is the empirical Bayes smoothed percent
    (``persen_halus``, geo.analysis.uncertainty) instead of the measured one. The table always
    carries ``persen_ukur`` (measured %), ``n_ukur`` (children measured) and the Wilson
    95% interval ``ik_bawah``/``ik_atas`` beside the criteria. ``catalogue``: the indicators
    (a Dataset's ``catalogue``; default the one in effect) whose coverage gaps are criteria.
    """
    catalogue = catalogue if catalogue is not None else schema.catalogue()
    v = villages[["kode_desa", "nama_desa", "nama_kec"]].drop_duplicates("kode_desa").reset_index(drop=True)
    prev_years = sorted({int(y) for y in prevalence["tahun"]}) if len(prevalence) else []
    if base_year is None:
        base_year = prev_years[-1] if prev_years else None
    cov_years = sorted({int(y) for y in coverage["tahun"]}) if len(coverage) else []
    cov_year = _pick_coverage_year(cov_years, base_year)
    table = v.copy()
    criteria = [Criterion(PREV, "prevalence"), Criterion(COUNT, "count")]
    p = prevalence[prevalence["tahun"] == base_year].set_index("kode_desa") if base_year is not None else None
    if p is not None and len(p):
        use = "persen_halus" if smoothed and "persen_halus" in p else "persen"
        table[PREV] = table["kode_desa"].map(p[use]).astype(float)
        table[COUNT] = table["kode_desa"].map(p["balita_stunting"]).astype(float)
        table["persen_ukur"] = table["kode_desa"].map(p["persen"]).astype(float)
        table["n_ukur"] = table["kode_desa"].map(p["balita_diukur"]).astype(float)
        for src, dst in (("ci_bawah", "ik_bawah"), ("ci_atas", "ik_atas")):
            table[dst] = table["kode_desa"].map(p[src]).astype(float) if src in p else np.nan
    else:
        for col in (PREV, COUNT, "persen_ukur", "n_ukur", "ik_bawah", "ik_atas"):
            table[col] = np.nan
    if cov_year is not None:
        c = coverage[coverage["tahun"] == cov_year]
        present = set(c["indikator"])
        for ind in catalogue.coverage:
            if ind.code not in present:
                continue
            pct = c[c["indikator"] == ind.code].set_index("kode_desa")["persen"]
            code = gap_code(ind.code)
            table[code] = (100.0 - table["kode_desa"].map(pct).astype(float)).clip(lower=0.0)
            criteria.append(Criterion(code, "gap", ind.code))
    return Criteria(table=table, criteria=criteria, base_year=base_year, coverage_year=cov_year, catalogue=catalogue)


def criteria_of(ds, base_year: int | None = None, smoothed: bool = True) -> Criteria:
    """Criteria from a geo.analysis.dataset.Dataset (prevalence smoothed by default, see build_criteria)."""
    villages = ds.desa_index.reset_index()
    return build_criteria(villages, ds.prevalence, ds.coverage, base_year, smoothed, ds.catalogue)


# ----- weights and thresholds --------------------------------------------------------------


def default_weights(crit: Criteria) -> dict[str, float]:
    return {c.code: DEFAULT_WEIGHT[c.kind] for c in crit.criteria}


def _number(value) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) or math.isinf(f) else f


def check_weights(crit: Criteria, weights: dict) -> dict[str, float]:
    """Weights for every criterion (missing ones = 0); refuses invalid, negative or all-zero weights."""
    out = {}
    for c in crit.criteria:
        raw = weights.get(c.code, 0) if weights else 0
        w = _number(raw)
        if w is None:
            raise LokusError("lokus.err.weight_invalid", criterion=c.code)
        if w < 0:
            raise LokusError("lokus.err.weight_negative", criterion=c.code)
        if w > MAX_WEIGHT:
            raise LokusError("lokus.err.weight_high", criterion=c.code, max=int(MAX_WEIGHT))
        out[c.code] = w
    if sum(out.values()) <= 0:
        raise LokusError("lokus.err.weights_zero")
    return out


def default_thresholds(crit: Criteria) -> dict[str, tuple[float, float]]:
    """(red, yellow) per criterion; see the module docstring for the rules."""
    out: dict[str, tuple[float, float]] = {}
    counts = crit.table[COUNT].dropna()
    for c in crit.criteria:
        if c.kind == "prevalence":
            out[c.code] = DEFAULT_PREV_THRESHOLDS
        elif c.kind == "gap":
            out[c.code] = gap_thresholds(c.indicator, crit.catalogue)
        else:
            if len(counts):
                red = float(math.ceil(counts.quantile(COUNT_QUANTILES[0])))
                yellow = float(math.ceil(counts.quantile(COUNT_QUANTILES[1])))
            else:
                red, yellow = 1.0, 1.0
            out[c.code] = (red, yellow)
    return out


def check_thresholds(crit: Criteria, thresholds: dict) -> dict[str, tuple[float, float]]:
    """Thresholds for every criterion (missing ones take the default); red must be >= yellow."""
    defaults = default_thresholds(crit)
    out = {}
    for c in crit.criteria:
        pair = (thresholds or {}).get(c.code, defaults[c.code])
        try:
            red, yellow = (_number(pair[0]), _number(pair[1]))
        except (TypeError, IndexError, KeyError):
            red = yellow = None
        if red is None or yellow is None:
            raise LokusError("lokus.err.threshold_invalid", criterion=c.code)
        lo, hi = THRESHOLD_RANGE[c.kind]
        if not (lo <= yellow <= hi and lo <= red <= hi):
            raise LokusError("lokus.err.threshold_range", criterion=c.code, lo=int(lo), hi=int(hi))
        if red < yellow:
            raise LokusError("lokus.err.threshold_order", criterion=c.code)
        out[c.code] = (red, yellow)
    return out


def check_reasons(reasons: dict | None, villages) -> dict[str, str]:
    """The planner's reasons of known villages, one line each (spaces folded), at most
    :data:`MAX_REASON` characters; a longer one is refused."""
    known = set(villages)
    out = {}
    for k, v in (reasons or {}).items():
        text = " ".join(str(v or "").split())
        if k not in known or not text:
            continue
        if len(text) > MAX_REASON:
            raise LokusError("lokus.err.reason_long", max=MAX_REASON)
        out[k] = text
    return out


def light(value, red: float, yellow: float, strict: bool = False) -> str | None:
    """Traffic-light class of one value: half-open, a value on a threshold takes the worse class;
    ``strict`` (coverage gaps): only a value above a threshold does, so that "coverage below 60%"
    is red and coverage on a target is green."""
    v = _number(value)
    if v is None:
        return None
    if v > red if strict else v >= red:
        return RED
    if v > yellow if strict else v >= yellow:
        return YELLOW
    return GREEN


def gap_thresholds(indicator: str, catalogue: schema.Catalogue | None = None) -> tuple[float, float]:
    """Default (red, yellow) coverage-gap thresholds of a coverage indicator, in points below 100%:
    from its national target in the catalogue (red below target − :data:`TARGET_RED_MARGIN` points,
    yellow below target), else the uniform :data:`DEFAULT_GAP_THRESHOLDS` (red below 60%, yellow below 80%)."""
    ind = (catalogue if catalogue is not None else schema.catalogue()).get(indicator)
    if ind is None or ind.target is None:
        return DEFAULT_GAP_THRESHOLDS
    return (min(100.0, 100.0 - ind.target + TARGET_RED_MARGIN), max(0.0, 100.0 - ind.target))


def lights(crit: Criteria, thresholds: dict) -> pd.DataFrame:
    """One column per criterion with merah/kuning/hijau (None = no data), indexed like crit.table."""
    th = check_thresholds(crit, thresholds)
    return pd.DataFrame(
        {c.code: [light(v, *th[c.code], strict=c.kind == "gap") for v in crit.table[c.code]] for c in crit.criteria},
        index=crit.table.index,
    )


# ----- score and ranking ---------------------------------------------------------------


def minmax(values: pd.Series) -> pd.Series:
    """Min–max normalisation to [0, 1]; an all-equal column gives 0 (no division by zero)."""
    lo, hi = values.min(), values.max()
    if pd.isna(lo) or hi - lo <= 0:
        return pd.Series(0.0, index=values.index).where(values.notna())
    return (values - lo) / (hi - lo)


def rank(crit: Criteria, weights: dict) -> pd.DataFrame:
    """Ranked villages: rank (1.. for scored, NaN for unscored), score (0–100), missing criteria.

    Villages lacking a criterion with weight > 0 are unscored and listed last (by code).
    Ties: higher prevalence, then more stunted children, then village code ascending.
    """
    w = check_weights(crit, weights)
    used = [c for c in crit.codes if w[c] > 0]
    df = crit.table.copy()
    missing = df[used].isna()
    miss = missing.to_numpy()
    df["kurang"] = [[c for c, m in zip(used, row) if m] for row in miss]
    scored = ~missing.any(axis=1)
    total = sum(w[c] for c in used)
    score = pd.Series(0.0, index=df.index)
    for c in used:
        score += w[c] * minmax(df.loc[scored, c]).reindex(df.index).fillna(0.0)
    df["skor"] = (SCORE_MAX * score / total).where(scored)
    df["_scored"] = scored
    df["_p"] = df[PREV].fillna(-1.0)
    df["_n"] = df[COUNT].fillna(-1.0)
    df["_s"] = df["skor"].fillna(-1.0)
    ties = {PREV: ("_p", False), COUNT: ("_n", False), "kode_desa": ("kode_desa", True)}
    keys = [("_scored", False), ("_s", False)] + [ties[c] for c in TIE_BREAK]
    df = df.sort_values([k for k, _ in keys], ascending=[a for _, a in keys], kind="mergesort")
    df["peringkat"] = np.where(df["_scored"], np.arange(1, len(df) + 1), np.nan)
    df = df.drop(columns=["_p", "_n", "_s"]).rename(columns={"_scored": "berskor"}).reset_index(drop=True)
    return df


def top(ranked: pd.DataFrame, n: int) -> list[str]:
    """The proposed villages: the first ``n`` scored villages of a ranking."""
    n = check_n(n, len(ranked))
    return list(ranked.loc[ranked["berskor"], "kode_desa"].head(n))


def check_n(n, villages: int) -> int:
    v = _number(n)
    if v is None or v < 0 or v != int(v):
        raise LokusError("lokus.err.n_invalid", max=villages)
    return int(v)


def default_n(lokus_codes: set, villages: int) -> int:
    """Target number of villages: as many as the latest lokus list, else a fifth of the villages (at least 1)."""
    if lokus_codes:
        return len(lokus_codes)
    return max(1, round(villages * DEFAULT_N_SHARE)) if villages else 0


# ----- selection -----------------------------------------------------------------------


@dataclass
class Selection:
    proposed: list[str]  # top N, in rank order
    selected: list[str]  # proposed - removed + added, in rank order (unscored at the end)
    added: list[str]  # selected but not proposed (needs a reason)
    removed: list[str]  # proposed but not selected (needs a reason)
    missing_reasons: list[str] = field(default_factory=list)  # overrides without a reason

    @property
    def complete(self) -> bool:
        return not self.missing_reasons


def select(ranked: pd.DataFrame, n: int, add=(), remove=(), reasons: dict | None = None) -> Selection:
    """The planner's selection: the proposed top N with villages added or removed by hand.

    An override only counts when it changes something (adding a village already in the top
    N is not an override); each real override needs a non-empty one-line reason.
    """
    proposed = top(ranked, n)
    order = list(ranked["kode_desa"])
    pset = set(proposed)
    added = [c for c in order if c in set(add) and c not in pset]
    removed = [c for c in order if c in set(remove) and c in pset and c not in set(add)]
    chosen = (pset - set(removed)) | set(added)
    selected = [c for c in order if c in chosen]
    reasons = reasons or {}
    missing = [c for c in added + removed if not str(reasons.get(c) or "").strip()]
    return Selection(proposed=proposed, selected=selected, added=added, removed=removed, missing_reasons=missing)


def toggle(ranked: pd.DataFrame, n: int, add, remove, kode: str) -> tuple[list[str], list[str]]:
    """New (add, remove) lists after a planner clicks a village in or out of the selection."""
    sel = select(ranked, n, add, remove)
    add, remove = [c for c in sel.added], [c for c in sel.removed]
    proposed = set(sel.proposed)
    if kode not in set(ranked["kode_desa"]):
        return add, remove
    if kode in sel.selected:  # take it out
        if kode in add:
            add.remove(kode)
        else:
            remove.append(kode)
    else:  # put it in
        if kode in remove:
            remove.remove(kode)
        elif kode not in proposed:
            add.append(kode)
    return add, remove


# ----- robustness ----------------------------------------------------------------------


def stability(crit: Criteria, weights: dict, n: int, delta: float = STABILITY_DELTA) -> dict:
    """How many of the proposed top N stay in the top N when each weight moves by ±delta.

    Returns ``runs``: [{criterion, factor, kept, entered: [codes], left: [codes]}] and
    ``per_village``: {kode: number of runs in which it is in the top N} for every village
    that is in the top N of the base ranking or of any run, and ``n_runs``.
    """
    w = check_weights(crit, weights)
    base = top(rank(crit, w), n)
    bset = set(base)
    runs = []
    counts: dict[str, int] = {c: 0 for c in base}
    for code in crit.codes:
        if w[code] <= 0:
            continue
        for factor in (1 + delta, 1 - delta):
            w2 = dict(w)
            w2[code] = w[code] * factor
            t2 = top(rank(crit, w2), n)
            tset = set(t2)
            for c in t2:
                counts[c] = counts.get(c, 0) + 1
            runs.append(
                {
                    "criterion": code,
                    "factor": factor,
                    "kept": len(bset & tset),
                    "entered": [c for c in t2 if c not in bset],
                    "left": [c for c in base if c not in tset],
                }
            )
    return {
        "base": base,
        "runs": runs,
        "n_runs": len(runs),
        "per_village": counts,
        "min_kept": min((r["kept"] for r in runs), default=len(base)),
    }


def top_probability(crit: Criteria, weights: dict, n: int, prev_draws: np.ndarray) -> pd.Series:
    """P(in the top N) per village (indexed by kode_desa), from ``prev_draws`` (draws × villages,
    aligned with ``crit.table``): each draw's prevalences replace the prevalence criterion and
    the villages are re-scored with ``weights`` exactly as :func:`rank` scores them (the other
    criteria are kept as they are). Unscored villages get 0. Sums to min(N, scored villages).
    """
    from geo.analysis.uncertainty import top_n_probability

    w = check_weights(crit, weights)
    used = [c for c in crit.codes if w[c] > 0]
    scored = ~crit.table[used].isna().any(axis=1).to_numpy()
    total = sum(w[c] for c in used)
    fixed = np.zeros(int(scored.sum()))
    for c in used:
        if c != PREV:
            fixed += w[c] * minmax(crit.table.loc[scored, c]).to_numpy(dtype=float)
    draws = prev_draws[:, scored]
    if w[PREV] > 0:  # a village without a draw (no measurement) cannot be scored
        draws = np.where(np.isnan(draws), np.nanmean(draws, axis=1, keepdims=True), draws)
    p = top_n_probability(fixed, draws, w[PREV], total, check_n(n, len(crit.table)))
    out = pd.Series(0.0, index=crit.table["kode_desa"].to_numpy())
    out.iloc[np.flatnonzero(scored)] = p
    return out


# ----- gap view ------------------------------------------------------------------------


def works_by_village(sarana: pd.DataFrame, status=BUILT_STATUS) -> pd.DataFrame:
    """Per village: number of water and of sanitation works with a status in ``status``."""
    s = sarana[sarana["status"].isin(status)] if len(sarana) else sarana
    water = s[s["jenis"].isin(WATER_TYPES)].groupby("kode_desa").size() if len(s) else pd.Series(dtype=int)
    san = s[s["jenis"].isin(SANITATION_TYPES)].groupby("kode_desa").size() if len(s) else pd.Series(dtype=int)
    return pd.DataFrame({"air": water, "sanitasi": san}).fillna(0).astype(int)


def need_without_works(
    ranked: pd.DataFrame, light_table: pd.DataFrame, sarana: pd.DataFrame, proposed: list[str]
) -> pd.DataFrame:
    """Villages of high need (red prevalence or in the proposed top N) without water or sanitation works.

    ``light_table`` is aligned with ``ranked`` (lights of the ranked table). Columns:
    kode_desa, nama_desa, nama_kec, peringkat, merah (bool), usulan (bool), air (count), sanitasi (count).
    """
    works = works_by_village(sarana)
    red = light_table[PREV] == RED if PREV in light_table else pd.Series(False, index=ranked.index)
    prop = ranked["kode_desa"].isin(proposed)
    high = ranked[red.values | prop.values].copy()
    high["merah"] = red[red.values | prop.values].values
    high["usulan"] = high["kode_desa"].isin(proposed)
    high["air"] = high["kode_desa"].map(works["air"]).fillna(0).astype(int)
    high["sanitasi"] = high["kode_desa"].map(works["sanitasi"]).fillna(0).astype(int)
    high = high[(high["air"] == 0) | (high["sanitasi"] == 0)]
    return high[["kode_desa", "nama_desa", "nama_kec", "peringkat", "merah", "usulan", "air", "sanitasi"]].reset_index(
        drop=True
    )


def lokus_lacking(crit: Criteria, thresholds: dict, lokus_codes: set) -> dict[str, list[str]]:
    """For each coverage gap criterion: the lokus villages whose gap is red (coverage too low)."""
    th = check_thresholds(crit, thresholds)
    table = crit.table[crit.table["kode_desa"].isin(lokus_codes)]
    out = {}
    for c in crit.criteria:
        if c.kind != "gap":
            continue
        red = table[[light(v, *th[c.code], strict=c.kind == "gap") == RED for v in table[c.code]]]
        out[c.code] = list(red.sort_values(c.code, ascending=False, kind="mergesort")["kode_desa"])
    return out
