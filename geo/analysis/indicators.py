"""Prevalence with Wilson 95% intervals, coverage, and change between years (the indicator
catalogue itself is geo.core.schema)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from geo.core.schema import Z95


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
