"""Uncertainty of village figures: empirical Bayes smoothing, top-N probabilities, clear change.

Pure functions over numpy arrays and pandas tables (no Dash, no store).

**Empirical Bayes smoothing (beta-binomial, method of moments).** For one period, village
*i* has ``k_i`` stunted children out of ``n_i`` measured. Each village's true prevalence
``θ_i`` is taken to come from a Beta(α, β) distribution shared by the kabupaten's villages
in that period. α and β are fitted by the method of moments, the beta-binomial form of
Marshall's (1991) global estimator:

* ``m = Σk / Σn`` (the pooled prevalence, the prior mean);
* ``s² = Σ n_i (p_i − m)² / Σ n_i`` (the weighted variance of the raw rates ``p_i = k_i / n_i``);
* ``τ² = s² − m(1 − m) / n̄`` with ``n̄ = Σn / V`` (V villages): the between-village
  variance left after removing what binomial sampling alone would give;
* when ``τ² > 0``: ``α + β = m(1 − m) / τ² − 1``, ``α = m (α + β)``, ``β = (1 − m)(α + β)``.
  When ``τ² ≤ 0`` (all the spread is sampling noise) the prior is made very tight
  (``α + β = PRIOR_STRENGTH_MAX``), i.e. every village is pulled almost to ``m``.

The posterior of a village is Beta(α + k_i, β + n_i − k_i); the *smoothed* prevalence is its
mean ``(k_i + α) / (n_i + α + β)``: a weighted average of the village's own rate and the
kabupaten's, where villages with few children measured move further toward the kabupaten.
(Clayton & Kaldor 1987; Marshall 1991.)

**Probability of being in the top N.** ``DRAWS`` seeded draws of every village's prevalence
from its posterior (smoothed: the EB posterior above; raw: the Jeffreys posterior
Beta(k + ½, n − k + ½), no pooling), each draw re-scored with the lokus method's weights
(:mod:`geo.analysis.lokus`), and for every village the share of draws in which it is among the
first N. Vectorised: one (draws × villages) array, no Python loop over either.

**Clear change.** Between two periods, a village's change is *clear* when the two-proportion
z test (pooled standard error) rejects "no change" at the 95% level, |z| ≥ 1.96:
``z = (p₂ − p₁) / √(p̂(1 − p̂)(1/n₁ + 1/n₂))`` with ``p̂ = (k₁ + k₂) / (n₁ + n₂)``.
Otherwise the change is *within the uncertainty* ("no clear change").
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.core.schema import Z95

PRIOR_STRENGTH_MAX = 1e6  # α + β when the villages' spread is no more than sampling noise
DRAWS = 1000
SEED = 20240601  # fixed: the same data and choices always give the same probabilities
SOLID_P = 0.9  # a proposed village is "solid" when P(top N) >= this
CHANGE_CLEAR, CHANGE_NONE = "jelas", "tidak_jelas"
ROSE, FELL, NO_CLEAR = "naik", "turun", "tidak_jelas"


# ----- empirical Bayes ----------------------------------------------------------------------


def beta_prior(k, n) -> tuple[float, float]:
    """(α, β) of the Beta prior fitted by the method of moments over villages with n > 0."""
    k = np.asarray(k, dtype=float)
    n = np.asarray(n, dtype=float)
    ok = (n > 0) & np.isfinite(k) & np.isfinite(n)
    k, n = k[ok], n[ok]
    if not len(n):
        return (np.nan, np.nan)
    m = k.sum() / n.sum()
    if m <= 0 or m >= 1:  # no spread can be estimated: every village at the pooled rate
        s = PRIOR_STRENGTH_MAX
        return (max(m, 1e-9) * s, max(1 - m, 1e-9) * s)
    p = k / n
    s2 = float((n * (p - m) ** 2).sum() / n.sum())
    tau2 = s2 - m * (1 - m) / n.mean()
    strength = m * (1 - m) / tau2 - 1 if tau2 > 0 else PRIOR_STRENGTH_MAX
    strength = min(max(strength, 1e-6), PRIOR_STRENGTH_MAX)
    return (m * strength, (1 - m) * strength)


def smooth(k, n) -> pd.DataFrame:
    """Per village (same order as ``k``/``n``): posterior α, β and smoothed percent.

    Villages with n == 0 keep NaN. The prior is fitted on these villages only.
    """
    k = np.asarray(k, dtype=float)
    n = np.asarray(n, dtype=float)
    a, b = beta_prior(k, n)
    ok = n > 0
    a_post = np.where(ok, a + k, np.nan)
    b_post = np.where(ok, b + n - k, np.nan)
    return pd.DataFrame({"a_post": a_post, "b_post": b_post, "persen_halus": 100 * a_post / (a_post + b_post)})


def smooth_table(prev: pd.DataFrame, period: str = "tahun") -> pd.DataFrame:
    """``prev`` (kode_desa, tahun, balita_diukur, balita_stunting, ...) with ``persen_halus``,
    ``a_post``, ``b_post`` added: a prior per period, fitted over that period's villages."""
    out = prev.copy()
    for col in ("persen_halus", "a_post", "b_post"):
        out[col] = np.nan
    for _, idx in out.groupby(period).groups.items():
        part = out.loc[idx]
        s = smooth(part["balita_stunting"].to_numpy(float), part["balita_diukur"].to_numpy(float))
        for col in ("persen_halus", "a_post", "b_post"):
            out.loc[idx, col] = s[col].to_numpy()
    return out


def posterior_params(k, n, smoothed: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """(a, b) of every village's posterior: EB (smoothed) or Jeffreys (raw)."""
    k = np.asarray(k, dtype=float)
    n = np.asarray(n, dtype=float)
    if smoothed:
        s = smooth(k, n)
        return s["a_post"].to_numpy(), s["b_post"].to_numpy()
    ok = n > 0
    return np.where(ok, k + 0.5, np.nan), np.where(ok, n - k + 0.5, np.nan)


def draw_prevalence(a, b, draws: int = DRAWS, seed: int = SEED) -> np.ndarray:
    """(draws × villages) percent prevalences drawn from Beta(a, b); NaN columns where a is NaN."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    ok = np.isfinite(a) & np.isfinite(b)
    out = np.full((draws, len(a)), np.nan, dtype=np.float32)
    if ok.any():
        rng = np.random.default_rng(seed)
        out[:, ok] = 100 * rng.beta(a[ok], b[ok], size=(draws, int(ok.sum())))
    return out


# ----- top N -------------------------------------------------------------------------------


def _minmax_rows(x: np.ndarray) -> np.ndarray:
    """Min–max per row over the columns (an all-equal row gives 0, like geo.analysis.lokus.minmax)."""
    lo = x.min(axis=1, keepdims=True)
    span = x.max(axis=1, keepdims=True) - lo
    out = x - lo
    out /= np.where(span > 0, span, 1).astype(x.dtype)
    out[(span <= 0).ravel()] = 0
    return out


def top_n_probability(
    fixed_score: np.ndarray, prev_draws: np.ndarray, prev_weight: float, total_weight: float, n: int
) -> np.ndarray:
    """P(in the top N) per village.

    ``fixed_score``: per scored village, Σ weight × normalised value of every criterion that
    is not redrawn; ``prev_draws``: (draws × villages) prevalence draws of the same villages;
    the score of a draw is ``(fixed + prev_weight × minmax(draw)) / total_weight`` (the
    lokus method's score up to its constant factor). Returns an array that sums to
    ``min(n, villages)``.
    """
    fixed_score = np.asarray(fixed_score, dtype=float)
    v = len(fixed_score)
    n = int(min(max(n, 0), v))
    if n == 0 or v == 0:
        return np.zeros(v)
    if n == v:
        return np.ones(v)
    if prev_weight <= 0:  # nothing is redrawn: the ranking itself (ties by position, as argpartition gives)
        top = np.argpartition(-fixed_score, n - 1)[:n]
        out = np.zeros(v)
        out[top] = 1.0
        return out
    # float32 throughout: half the memory traffic of a (draws × villages) array
    score = _minmax_rows(np.asarray(prev_draws, dtype=np.float32))
    score *= np.float32(prev_weight)
    score += fixed_score.astype(np.float32)[None, :]
    # the n-th highest score of each draw; a village is in the top n when it scores at least that
    kth = -np.partition(-score, n - 1, axis=1)[:, n - 1 : n]
    hits = score >= kth
    return hits.mean(axis=0, dtype=np.float64)


# ----- change ------------------------------------------------------------------------------


def two_proportion_z(k1, n1, k2, n2) -> np.ndarray:
    """z statistic of the pooled two-proportion test for a change from period 1 to period 2
    (positive: prevalence rose). NaN when a count is missing or the pooled rate is 0 or 1."""
    k1, n1, k2, n2 = (np.asarray(x, dtype=float) for x in (k1, n1, k2, n2))
    with np.errstate(divide="ignore", invalid="ignore"):
        p1, p2 = k1 / n1, k2 / n2
        pooled = (k1 + k2) / (n1 + n2)
        se = np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
        z = (p2 - p1) / se
    return np.where((n1 > 0) & (n2 > 0) & (se > 0), z, np.nan)


def change_class(z, z_crit: float = Z95) -> np.ndarray:
    """ "naik" (clear rise), "turun" (clear fall) or "tidak_jelas" (within the uncertainty)."""
    z = np.asarray(z, dtype=float)
    return np.where(z >= z_crit, ROSE, np.where(z <= -z_crit, FELL, NO_CLEAR))


def change_test_table(prev: pd.DataFrame, year_from: int, year_to: int, key: str = "kode_desa") -> pd.DataFrame:
    """Per ``key`` present in both years: awal, akhir, perubahan (points), z, kelas."""
    a = prev[prev["tahun"] == year_from].set_index(key)
    b = prev[prev["tahun"] == year_to].set_index(key)
    keys = a.index.intersection(b.index)
    a, b = a.loc[keys], b.loc[keys]
    out = pd.DataFrame(
        {
            "awal": a["persen"].astype(float),
            "akhir": b["persen"].astype(float),
            "n_awal": a["balita_diukur"].astype(float),
            "n_akhir": b["balita_diukur"].astype(float),
        },
        index=keys,
    )
    out["perubahan"] = out["akhir"] - out["awal"]
    out["z"] = two_proportion_z(a["balita_stunting"], a["balita_diukur"], b["balita_stunting"], b["balita_diukur"])
    out["kelas"] = change_class(out["z"])
    out = out.dropna(subset=["awal", "akhir"])
    out.index.name = key
    return out.reset_index()


def change_counts(table: pd.DataFrame) -> dict:
    """{"naik": clear rises, "turun": clear falls, "tidak_jelas": the rest, "total": all}."""
    k = table["kelas"] if len(table) else pd.Series(dtype=str)
    return {
        ROSE: int((k == ROSE).sum()),
        FELL: int((k == FELL).sum()),
        NO_CLEAR: int((k == NO_CLEAR).sum()),
        "total": int(len(table)),
    }
