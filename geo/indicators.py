"""The indicator catalogue, prevalence with Wilson 95% intervals, and coverage."""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

Z95 = 1.959963984540054


@dataclass(frozen=True)
class Indicator:
    code: str
    kind: str  # "prevalence" or "coverage"
    group: str  # "outcome", "spesifik" or "sensitif"
    opd: str  # office responsible for the intervention
    higher_is_better: bool

    @property
    def label_key(self) -> str:
        return f"ind.{self.code}"

    @property
    def short_key(self) -> str:
        return f"ind.{self.code}.short"

    @property
    def num_key(self) -> str:
        return f"ind.{self.code}.num"

    @property
    def den_key(self) -> str:
        return f"ind.{self.code}.den"


PREVALENCE = Indicator("stunting", "prevalence", "outcome", "Dinas Kesehatan", False)

COVERAGE_INDICATORS: tuple[Indicator, ...] = (
    Indicator("ttd_remaja", "coverage", "spesifik", "Dinas Kesehatan", True),
    Indicator("anc4", "coverage", "spesifik", "Dinas Kesehatan", True),
    Indicator("timbang_baduta", "coverage", "spesifik", "Dinas Kesehatan", True),
    Indicator("imunisasi_dasar", "coverage", "spesifik", "Dinas Kesehatan", True),
    Indicator("air_minum", "coverage", "sensitif", "Dinas PUPR", True),
    Indicator("jamban_sehat", "coverage", "sensitif", "Dinas PUPR", True),
)

INDICATORS: dict[str, Indicator] = {i.code: i for i in (PREVALENCE, *COVERAGE_INDICATORS)}

# Map-only views derived from the prevalence (not data of their own: never imported or exported
# as an indicator): the empirical Bayes smoothed prevalence (geo.uncertainty).
SMOOTHED = Indicator("stunting_halus", "prevalence", "outcome", "Dinas Kesehatan", False)
# ... and the spatial clusters (LISA) of the smoothed prevalence, one view per k of the k-nearest-
# neighbour weights (geo.spatial.K_CHOICES; the map page shows one "Klaster spasial" choice and a k choice).
CLUSTER_K = (4, 6, 8)
CLUSTERS = tuple(Indicator(f"klaster_k{k}", "cluster", "outcome", "Dinas Kesehatan", False) for k in CLUSTER_K)
# ... and the convergence score (geo.convergence): share of key interventions meeting their target.
SCORE = Indicator("konvergensi", "coverage", "outcome", "Bappeda", True)
MAP_INDICATORS: dict[str, Indicator] = {**INDICATORS, SMOOTHED.code: SMOOTHED, **{c.code: c for c in CLUSTERS},
                                        SCORE.code: SCORE}


def wilson_interval(k, n, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a proportion, in percent. ``(nan, nan)`` when n == 0."""
    if n is None or n <= 0 or k is None or (isinstance(k, float) and math.isnan(k)):
        return (math.nan, math.nan)
    k = min(max(float(k), 0.0), float(n))
    p = k / n
    z2 = z * z
    denom = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denom
    return (100 * max(0.0, centre - half), 100 * min(1.0, centre + half))


def percent(num, den) -> float:
    """100 * num / den, computed exactly like the browser does it (NaN when den <= 0)."""
    if den is None or num is None:
        return math.nan
    try:
        num, den = float(num), float(den)
    except (TypeError, ValueError):
        return math.nan
    if math.isnan(num) or math.isnan(den) or den <= 0:
        return math.nan
    return 100 * num / den


def prevalence_table(prevalensi: pd.DataFrame) -> pd.DataFrame:
    """Per village and year: measured, stunted, percent and Wilson 95% interval."""
    return aggregate_prevalence(prevalensi, ["kode_desa", "tahun"])


def aggregate_prevalence(prevalensi: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Sum counts over ``by`` (e.g. ["tahun"] for the regency, ["kode_kec", "tahun"])."""
    df = prevalensi.groupby(by, as_index=False)[["balita_diukur", "balita_stunting"]].sum()
    df["persen"] = [percent(k, n) for k, n in zip(df["balita_stunting"], df["balita_diukur"])]
    ci = [wilson_interval(k, n) for k, n in zip(df["balita_stunting"], df["balita_diukur"])]
    df["ci_bawah"] = [c[0] for c in ci]
    df["ci_atas"] = [c[1] for c in ci]
    return df


def coverage_table(cakupan: pd.DataFrame) -> pd.DataFrame:
    """Per village, year and indicator: numerator, denominator and percent."""
    df = cakupan.groupby(["kode_desa", "tahun", "indikator"], as_index=False)[["pembilang", "penyebut"]].sum()
    df["persen"] = [percent(a, b) for a, b in zip(df["pembilang"], df["penyebut"])]
    return df


def change_table(prev: pd.DataFrame, key: str, year_from: int, year_to: int) -> pd.DataFrame:
    """Change in percent between two years per ``key`` (worst first: largest rise on top)."""
    a = prev[prev["tahun"] == year_from].set_index(key)
    b = prev[prev["tahun"] == year_to].set_index(key)
    out = pd.DataFrame({"awal": a["persen"], "akhir": b["persen"]}).dropna()
    out["perubahan"] = out["akhir"] - out["awal"]
    return out.sort_values(["perubahan", "akhir"], ascending=[False, False]).reset_index()


def safe_int(v) -> int | None:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if np.isnan(f) else int(round(f))
