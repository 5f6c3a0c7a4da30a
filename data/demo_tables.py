"""Synthetic, clearly-labelled demo data (DATA CONTOH) for any set of village boundaries.

No per-village stunting, coverage or works data is public, so the project ships
demo numbers made here with a seeded random generator. They are calibrated so that
the regency totals equal the figures the regency's planners cite, and are labelled
"DATA CONTOH" wherever they appear. ``data/make_demo_data.py`` runs this and writes
the CSVs that are committed.
"""

from __future__ import annotations

from fractions import Fraction

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.core.schema import BUNDLED as INDICATORS

DEMO_SOURCE = "DATA CONTOH (sintetis, dibuat oleh data/make_demo_data.py)"

# Typical coverage levels (share) and the denominator per child measured, per indicator.
COVERAGE_PARAMS = {
    "ttd_remaja": (0.45, 0.55),
    "anc4": (0.72, 0.22),
    "timbang_baduta": (0.62, 0.42),
    "imunisasi_dasar": (0.78, 0.21),
    "air_minum": (0.68, 2.4),
    "jamban_sehat": (0.58, 2.4),
}

DEFAULT_PARAMS = (0.65, 0.5)  # an indicator of the catalogue without its own parameters here
HOUSEHOLD_INDICATORS = ("air_minum", "jamban_sehat")
# Weighing participation (D/S: children weighed / all under-fives), under the code the catalogue
# gives it; its numerator is the children measured of the prevalence table, so the two agree.
WEIGHING_CODES = ("partisipasi_timbang", "partisipasi_penimbangan", "d_s", "ds", "timbang_ds")
WEIGHING_SHARE = (0.55, 0.95)


def demo_indicators(codes=None) -> list:
    """Coverage indicators to make demo data for, in catalogue order: every catalogue indicator with
    a national target (``Indicator.target``) and the ones with their own parameters here
    (:data:`COVERAGE_PARAMS`), or only ``codes`` when given; the weighing participation indicator is
    made apart (:data:`WEIGHING_CODES`)."""
    coverage = [i for i in INDICATORS.coverage if i.code not in WEIGHING_CODES]
    if codes is not None:
        return [i for i in coverage if i.code in set(codes)]
    return [i for i in coverage if i.target is not None or i.code in COVERAGE_PARAMS]


def weighing_indicator():
    return next((INDICATORS[c] for c in WEIGHING_CODES if c in INDICATORS), None)


# Kecamatan effects (logit scale) fixed to the pattern of public reports, so the demo never shows
# the opposite: Batauga has the lowest prevalence, Lapandewa and Batu Atas are among the highest.
# (Buton Selatan kecamatan codes; the other kecamatan keep a random effect.)
KEC_PATTERN = {"74.15.01": -0.5, "74.15.03": 0.5, "74.15.04": 0.5}

SARANA_TYPES = {  # type: (share, households served range, typical office)
    "sumur bor": (0.22, (15, 60)),
    "penampungan air hujan": (0.25, (1, 8)),
    "perpipaan": (0.13, (40, 180)),
    "MCK komunal": (0.15, (8, 30)),
    "jamban keluarga": (0.25, (1, 1)),
}
SARANA_STATUS = ("rencana", "dibangun", "selesai")
FUNDING_OFFICE = {"APBD": "Dinas PUPR", "DAK": "Dinas PUPR", "Dana Desa": "Pemerintah Desa (DPMD)"}


def _expit(x):
    return 1.0 / (1.0 + np.exp(-x))


def _logit(p):
    return np.log(p / (1 - p))


def allocate_exact(weights, total: int, caps=None) -> np.ndarray:
    """Integers proportional to ``weights`` that sum exactly to ``total`` (largest remainder).

    ``caps`` (optional) bounds each integer from above; the total must fit under them.
    """
    w = np.asarray(weights, dtype=float)
    if total < 0 or (w < 0).any() or w.sum() <= 0:
        raise ValueError("weights must be non-negative with a positive sum, total >= 0")
    caps_arr = None if caps is None else np.asarray(caps, dtype=int)
    if caps_arr is not None and caps_arr.sum() < total:
        raise ValueError("total does not fit under the caps")
    raw = w / w.sum() * total
    out = np.floor(raw).astype(int)
    if caps_arr is not None:
        out = np.minimum(out, caps_arr)
    remainder = total - out.sum()
    order = np.argsort(-(raw - np.floor(raw)), kind="stable")
    i = 0
    while remainder > 0:
        j = order[i % len(order)]
        if caps_arr is None or out[j] < caps_arr[j]:
            out[j] += 1
            remainder -= 1
        i += 1
    return out


def total_for_rate(rate_pct: float, approx_total: int) -> int:
    """The total nearest ``approx_total`` for which ``rate_pct`` percent is a whole number."""
    frac = Fraction(str(rate_pct)) / 100
    step = frac.denominator
    return max(step, int(round(approx_total / step)) * step)


def calibrated_stunted(measured: np.ndarray, logits: np.ndarray, rate_pct: float) -> np.ndarray:
    """Stunted counts per village with village differences from ``logits`` and a total
    that gives exactly ``rate_pct`` percent of all children measured."""
    total_measured = int(measured.sum())
    target = Fraction(str(rate_pct)) / 100 * total_measured
    if target.denominator != 1:
        raise ValueError("rate does not give a whole number of children for this total")
    target = int(target)
    lo, hi = -10.0, 10.0
    for _ in range(80):  # shift all logits until the expected total hits the target
        mid = (lo + hi) / 2
        if (measured * _expit(logits + mid)).sum() < target:
            lo = mid
        else:
            hi = mid
    expected = measured * _expit(logits + (lo + hi) / 2)
    return allocate_exact(expected, target, caps=measured)


def random_points_in(geom, n: int, rng: np.random.Generator) -> list:
    """``n`` random points inside a polygon (rejection sampling in its bounds)."""
    minx, miny, maxx, maxy = geom.bounds
    prepared = shapely.prepared.prep(geom) if hasattr(shapely, "prepared") else geom
    pts = []
    tries = 0
    while len(pts) < n and tries < 10000:
        tries += 1
        p = shapely.Point(rng.uniform(minx, maxx), rng.uniform(miny, maxy))
        if prepared.contains(p):
            pts.append(p)
    while len(pts) < n:
        pts.append(geom.representative_point())
    return pts


def generate(
    boundaries: gpd.GeoDataFrame,
    targets: dict[int, float],
    seed: int = 7415,
    lokus_counts: dict[int, int] | None = None,
    children_per_village: float = 110.0,
    sarana_per_village: float = 1.3,
    indicator_codes=None,
) -> dict[str, pd.DataFrame]:
    """Make demo prevalence, coverage, lokus and works tables for ``boundaries``.

    ``targets`` maps year -> regency prevalence in percent (e.g. {2020: 27.0, 2021: 28.32});
    the village counts of each year add up to exactly that percentage.
    ``lokus_counts`` maps a lokus year -> number of villages chosen that year, picked
    from the data of the year before (as Aksi 1 does).
    """
    rng = np.random.default_rng(seed)
    b = boundaries.sort_values("kode_desa").reset_index(drop=True)
    n = len(b)
    years = sorted(targets)
    kel = (b["jenis"].astype(str).str.lower() == "kelurahan").to_numpy()

    # Village size: lognormal, kelurahan (towns) larger.
    size = rng.lognormal(mean=0.0, sigma=0.45, size=n) * np.where(kel, 1.6, 1.0)
    kec_codes = b["kode_kec"].to_numpy()
    kec_unique = sorted(set(kec_codes))
    kec_effect = dict(zip(kec_unique, rng.normal(0, 0.35, len(kec_unique))))
    kec_effect.update({k: v for k, v in KEC_PATTERN.items() if k in kec_effect})
    village_effect = rng.normal(0, 0.45, n) + np.array([kec_effect[k] for k in kec_codes])
    trend = rng.normal(0, 0.25, n)

    prev_rows, measured_by_year, logit_by_year = [], {}, {}
    for y_i, year in enumerate(years):
        approx = int(round(children_per_village * n * (1 + 0.02 * y_i)))
        total = total_for_rate(targets[year], approx)
        weights = size * rng.uniform(0.85, 1.15, n)
        measured = allocate_exact(weights, total)
        measured = np.maximum(measured, 0)
        logits = _logit(targets[year] / 100) + village_effect + trend * y_i
        stunted = calibrated_stunted(measured, logits, targets[year])
        measured_by_year[year] = measured
        logit_by_year[year] = logits
        for i in range(n):
            prev_rows.append(
                {
                    "kode_desa": b.at[i, "kode_desa"],
                    "nama_desa": b.at[i, "nama_desa"],
                    "tahun": year,
                    "balita_diukur": int(measured[i]),
                    "balita_stunting": int(stunted[i]),
                    "sumber": DEMO_SOURCE,
                }
            )
    prevalensi = pd.DataFrame(prev_rows)

    cak_rows = []
    households: dict[int, np.ndarray] = {}
    indicators = demo_indicators(indicator_codes)
    cov_effect = {ind.code: rng.normal(0, 0.5, n) for ind in indicators}
    weighing = weighing_indicator()
    if indicator_codes is not None and (weighing is None or weighing.code not in set(indicator_codes)):
        weighing = None  # a bundle made for some indicators only (the province benchmark bundle)
    weigh_share = rng.uniform(*WEIGHING_SHARE, n)  # drawn after the coverage effects: same data as before
    for y_i, year in enumerate(years):
        if weighing is not None:
            share = np.clip(weigh_share + 0.02 * y_i, 0.3, 0.98)
            den = np.maximum(measured_by_year[year], np.round(measured_by_year[year] / share)).astype(int)
            for i in range(n):
                cak_rows.append(
                    {
                        "kode_desa": b.at[i, "kode_desa"],
                        "nama_desa": b.at[i, "nama_desa"],
                        "tahun": year,
                        "indikator": weighing.code,
                        "pembilang": int(measured_by_year[year][i]),
                        "penyebut": int(max(den[i], 1)),
                        "opd": weighing.opd,
                        "sumber": DEMO_SOURCE,
                    }
                )
        for ind in indicators:
            level, per_child = COVERAGE_PARAMS.get(ind.code, DEFAULT_PARAMS)
            # Villages with more stunting tend to have lower coverage.
            lg = _logit(level) + 0.12 * y_i + cov_effect[ind.code] - 0.35 * (village_effect - village_effect.mean())
            den = np.maximum(1, np.round(measured_by_year[year] * per_child * rng.uniform(0.8, 1.2, n))).astype(int)
            # Both household indicators count the same households (KK): one denominator.
            if ind.code in HOUSEHOLD_INDICATORS:
                den = households.setdefault(year, den)
            num = rng.binomial(den, _expit(lg))
            for i in range(n):
                cak_rows.append(
                    {
                        "kode_desa": b.at[i, "kode_desa"],
                        "nama_desa": b.at[i, "nama_desa"],
                        "tahun": year,
                        "indikator": ind.code,
                        "pembilang": int(num[i]),
                        "penyebut": int(den[i]),
                        "opd": ind.opd,
                        "sumber": DEMO_SOURCE,
                    }
                )
    cakupan = pd.DataFrame(cak_rows)

    lokus_rows = []
    for lokus_year, count in sorted((lokus_counts or {}).items()):
        base_year = max([y for y in years if y < lokus_year] or [years[-1]])
        p = prevalensi[prevalensi["tahun"] == base_year].reset_index(drop=True)
        rate = p["balita_stunting"] / p["balita_diukur"].clip(lower=1)
        score = rate.rank(pct=True) + 0.6 * p["balita_stunting"].rank(pct=True) + rng.normal(0, 0.25, len(p))
        chosen = p.loc[score.sort_values(ascending=False).index[: min(count, len(p))]]
        sk = f"CONTOH/{lokus_year}"
        for row in chosen.sort_values("kode_desa").itertuples():
            lokus_rows.append(
                {
                    "kode_desa": row.kode_desa,
                    "nama_desa": row.nama_desa,
                    "tahun": lokus_year,
                    "nomor_sk": sk,
                    "sumber": DEMO_SOURCE,
                }
            )
    lokus = pd.DataFrame(lokus_rows, columns=["kode_desa", "nama_desa", "tahun", "nomor_sk", "sumber"])

    types = list(SARANA_TYPES)
    shares = np.array([SARANA_TYPES[t][0] for t in types])
    sarana_rows = []
    counts = rng.poisson(sarana_per_village, n)
    work_years = list(range(years[0] - 1, years[-1] + 2))
    k = 0
    for i in range(n):
        if counts[i] == 0:
            continue
        pts = random_points_in(b.geometry.iloc[i], int(counts[i]), rng)
        for pt in pts:
            k += 1
            jenis = types[rng.choice(len(types), p=shares / shares.sum())]
            year = int(rng.choice(work_years))
            age = work_years[-1] - year
            status = "selesai" if age >= 2 else ("dibangun" if age == 1 else str(rng.choice(["rencana", "dibangun"])))
            dana = str(rng.choice(["APBD", "Dana Desa", "DAK"], p=[0.35, 0.45, 0.2]))
            lo, hi = SARANA_TYPES[jenis][1]
            sarana_rows.append(
                {
                    "nama_sarana": f"{jenis.capitalize()} {b.at[i, 'nama_desa']} {k:03d}",
                    "jenis": jenis,
                    "kode_desa": b.at[i, "kode_desa"],
                    "nama_desa": b.at[i, "nama_desa"],
                    "lintang": round(pt.y, 6),
                    "bujur": round(pt.x, 6),
                    "tahun": year,
                    "status": status,
                    "sumber_dana": dana,
                    "kk_terlayani": int(rng.integers(lo, hi + 1)),
                    "opd": FUNDING_OFFICE[dana],
                    "sumber": DEMO_SOURCE,
                }
            )
    sarana = pd.DataFrame(sarana_rows)
    prevalensi[SEVERE_COLUMN] = severe_counts(prevalensi, village_effect, seed)
    return {"prevalensi": prevalensi, "cakupan": cakupan, "lokus": lokus, "sarana": sarana}


# Severe stunting (HAZ < −3), the catalogue's ``stunting_berat``, as the by-name import counts it
# (geo.io.measurements: ``balita_stunting_berat`` beside the stunting count). Calibration, in plain
# words and without a cited figure: in national survey data roughly a third of stunted children are
# severely stunted, so each village's severely stunted children are drawn from its stunted children
# with a share around 1/3 (a little higher where stunting is more common). Drawn from a generator of
# its own (seed, 3), after everything else, so every other demo number stays as it was.
SEVERE_COLUMN = "balita_stunting_berat"
SEVERE_SHARE = 1 / 3


def severe_counts(prevalensi: pd.DataFrame, village_effect: np.ndarray, seed: int) -> np.ndarray:
    """Severely stunted children per prevalensi row (village and year): binomial draws from the
    row's stunted children, never more than them."""
    rng = np.random.default_rng([seed, 3])
    codes = sorted(set(prevalensi["kode_desa"]))
    effect = dict(zip(codes, village_effect - village_effect.mean()))
    lg = _logit(SEVERE_SHARE) + 0.3 * prevalensi["kode_desa"].map(effect).to_numpy(float)
    lg = lg + rng.normal(0, 0.15, len(prevalensi))
    stunted = prevalensi["balita_stunting"].to_numpy(int)
    return rng.binomial(stunted, _expit(lg)).astype(int)
