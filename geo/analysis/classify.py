"""Classes, colours and legends.

Stunting prevalence uses the WHO-UNICEF 2018 thresholds with half-open intervals
(a value on a boundary belongs to the higher class). Coverage indicators use their
own sequential scale. All palettes are ColorBrewer schemes marked colour-blind safe.
The browser (assets/map.js) applies exactly the same rule: class = number of breaks
that are <= value.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Scale:
    code: str
    breaks: tuple[float, ...]  # class i covers [breaks[i-1], breaks[i])
    colors: tuple[str, ...]  # len(breaks) + 1
    class_keys: tuple[str, ...]  # message keys for class names
    nodata_color: str = "#c4c4c4"  # neutral grey, outside every palette


# ColorBrewer YlOrRd (5 classes, colour-blind safe): light = low prevalence.
WHO_PREVALENCE = Scale(
    code="who2018",
    breaks=(2.5, 10.0, 20.0, 30.0),
    colors=("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"),
    class_keys=("cls.who.0", "cls.who.1", "cls.who.2", "cls.who.3", "cls.who.4"),
)

# Another prevalence than stunting (severe stunting, HAZ < −3): the WHO-UNICEF 2018 thresholds are
# set for stunting, not for it, so its classes are plain ranges (no "high"/"low" judgement), in the
# same YlOrRd colours (ColorBrewer, colour-blind safe).
OTHER_PREVALENCE = Scale(
    code="prevalence",
    breaks=(2.5, 5.0, 10.0, 15.0),
    colors=WHO_PREVALENCE.colors,
    class_keys=("", "", "", "", ""),
)

# ColorBrewer PuBu (5 classes, colour-blind safe): dark = high coverage.
COVERAGE = Scale(
    code="coverage",
    breaks=(50.0, 70.0, 80.0, 90.0),
    colors=("#f1eef6", "#bdc9e1", "#74a9cf", "#2b8cbe", "#045a8d"),
    class_keys=("cls.cov.0", "cls.cov.1", "cls.cov.2", "cls.cov.3", "cls.cov.4"),
)

# ColorBrewer RdBu (diverging, colour-blind safe) for change in percentage points:
# blue = fell (better), red = rose (worse).
CHANGE = Scale(
    code="change",
    breaks=(-5.0, -1.0, 1.0, 5.0),
    colors=("#0571b0", "#92c5de", "#f7f7f7", "#f4a582", "#ca0020"),
    class_keys=("cls.chg.0", "cls.chg.1", "cls.chg.2", "cls.chg.3", "cls.chg.4"),
)


# Change that is statistically clear (geo.analysis.uncertainty: two-proportion z test at 95%), per village:
# value -1 = fell clearly, 0 = no clear change (within the uncertainty), +1 = rose clearly.
# Blue/red from RdBu like CHANGE; the middle class is a warm sand, distinct from the grey of no data.
CLEAR_CHANGE = Scale(
    code="clear_change",
    breaks=(-0.5, 0.5),
    colors=("#0571b0", "#e8dcb5", "#ca0020"),
    class_keys=("cls.clear.0", "cls.clear.1", "cls.clear.2"),
)
CLEAR_VALUE = {"turun": -1.0, "tidak_jelas": 0.0, "naik": 1.0}

# LISA cluster classes (geo.analysis.spatial.LABELS order: value 0..4 = not significant, HH, LL, LH, HL),
# the usual GeoDa colours: red high-high, blue low-low, light blue low-high, light red high-low.
CLUSTER = Scale(
    code="cluster",
    breaks=(0.5, 1.5, 2.5, 3.5),
    colors=("#f0f0f0", "#d7191c", "#2c7bb6", "#abd9e9", "#fdae61"),
    class_keys=("cls.lisa.ns", "cls.lisa.HH", "cls.lisa.LL", "cls.lisa.LH", "cls.lisa.HL"),
)


# Okabe-Ito (colour-blind safe): one colour per source type of published figures, shared
# by the web charts (layouts/figures.py) and the PDF/PNG charts (geo/views/charts.py).
SOURCE_COLORS = {"registri_opd": "#D55E00", "survei": "#0072B2", "registri_eppgbm": "#009E73", "target": "#000000"}
SOURCE_ORDER = tuple(SOURCE_COLORS)


def scale_for(kind: str, code: str | None = None) -> Scale:
    """The scale of an indicator kind; ``code`` tells stunting (WHO-UNICEF classes) from another
    prevalence (severe stunting: :data:`OTHER_PREVALENCE`)."""
    if kind == "cluster":
        return CLUSTER
    if kind == "prevalence":
        return WHO_PREVALENCE if code in (None, "stunting", "stunting_halus") else OTHER_PREVALENCE
    return COVERAGE


def class_index(value, scale: Scale) -> int | None:
    """Index of the class for ``value`` (half-open intervals); ``None`` for no data."""
    if value is None:
        return None
    try:
        v = float(value)
    except (TypeError, ValueError):
        return None
    if math.isnan(v):
        return None
    return bisect.bisect_right(scale.breaks, v)


def classify(values, scale: Scale) -> list[int | None]:
    return [class_index(v, scale) for v in values]


def legend_counts(values, scale: Scale) -> tuple[list[int], int]:
    """Counts per class and the number of no-data values."""
    counts = [0] * len(scale.colors)
    nodata = 0
    for c in classify(values, scale):
        if c is None:
            nodata += 1
        else:
            counts[c] += 1
    return counts, nodata


def class_bounds(scale: Scale) -> list[tuple[float | None, float | None]]:
    """(lower, upper) of each class; None for open ends."""
    lows = (None, *scale.breaks)
    highs = (*scale.breaks, None)
    return list(zip(lows, highs))


def colour_of(value, scale: Scale) -> str:
    c = class_index(value, scale)
    return scale.nodata_color if c is None else scale.colors[c]


def values_for_all(codes: pd.Series, values: dict) -> list:
    """Values aligned with ``codes`` (missing codes give NaN)."""
    return [values.get(c, math.nan) for c in codes]
