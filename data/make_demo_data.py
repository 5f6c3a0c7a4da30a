"""Write the demo data (DATA CONTOH) that ships with Konvergensi.

Deterministic: the same seed and boundaries always give the same CSVs.

    python data/make_demo_data.py                      # Buton Selatan -> data/demo/
    python data/make_demo_data.py --boundaries data/sultra_desa.gpkg --out data/demo_sultra

The village numbers are synthetic. Only the regency totals are real: five years, 2020-2024,
calibrated to the registry prevalence published for the regency (data/prevalensi_terbit_buton_selatan.csv:
registri_opd 27.00% in 2020 and 28.32% in 2021, the annual e-PPGBM 22.80% in 2024). No registry
figure is published for 2022 and 2023: those totals are interpolated linearly (26.48%, 24.64%) and
say nothing about the real years. Coverage is made for every catalogue indicator that has a national
target (all coverage indicators while the catalogue has no targets) plus weighing participation (D/S)
where the catalogue has it. Severe stunting (HAZ < −3, the catalogue's ``stunting_berat``) is a column
of the prevalence table, ``balita_stunting_berat``, as the e-PPGBM by-name import gives it: drawn from
each village's stunted children with a share around one third (roughly the share of severe stunting
among stunted children in national survey data; a plausible calibration, not a cited figure).
The number of lokus villages
for 2022 (29) is the count set by SK Bupati Buton Selatan No. 170 Tahun 2022; which
villages they are is not public, so the demo list is synthetic too.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from data.demo_tables import generate  # noqa: E402
from geo.io.boundaries import read_boundaries  # noqa: E402

LOKUS_COUNTS = {2021: 20, 2022: 29}  # 2022: SK Bupati Buton Selatan No. 170/2022


YEARS = tuple(range(2020, 2025))
REGISTRY_KINDS = ("registri_opd", "registri_eppgbm")


def published_targets(path: Path, kode_kab: str, years=YEARS) -> dict[int, float]:
    """The regency's annual registry figures (registri_opd, then e-PPGBM; never a part-year one)
    for ``years``, the years between two published figures interpolated linearly (2 decimals)."""
    pub = pd.read_csv(path, dtype={"kode_kab": str, "sebagian_tahun": str})
    part = (
        pub["sebagian_tahun"].fillna("tidak").str.casefold().isin(["ya", "true", "1"])
        if "sebagian_tahun" in pub
        else pub["periode"] != "tahunan"
    )
    rows = pub[(pub["kode_kab"] == kode_kab) & pub["jenis_sumber"].isin(REGISTRY_KINDS) & ~part]
    known = {}
    for kind in REGISTRY_KINDS:  # the offices' own figure first where both exist
        for r in rows[rows["jenis_sumber"] == kind].itertuples():
            known.setdefault(int(r.tahun), float(r.nilai_persen))
    if not known:
        return {}
    out = {}
    points = sorted(known.items())
    for y in years:
        if y in known:
            out[y] = known[y]
            continue
        before = [p for p in points if p[0] < y]
        after = [p for p in points if p[0] > y]
        if before and after:
            (y0, v0), (y1, v1) = before[-1], after[0]
            out[y] = round(v0 + (v1 - v0) * (y - y0) / (y1 - y0), 2)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--boundaries", default=str(HERE / "buton_selatan_desa.gpkg"))
    ap.add_argument("--published", default=str(HERE / "prevalensi_terbit_buton_selatan.csv"))
    ap.add_argument("--kode-kab", default="74.15", help="regency whose published figures calibrate the totals")
    ap.add_argument("--out", default=str(HERE / "demo"))
    ap.add_argument("--seed", type=int, default=7415)
    ap.add_argument(
        "--indikator",
        default="",
        help="only these coverage indicators (comma-separated codes); "
        "default: every catalogue indicator with a national target, and the six of the first version",
    )
    args = ap.parse_args(argv)

    boundaries = read_boundaries(args.boundaries)
    targets = published_targets(Path(args.published), args.kode_kab)
    n_ratio = max(1, len(boundaries) // 70)
    lokus = {y: c * n_ratio for y, c in LOKUS_COUNTS.items()}
    codes = [c.strip() for c in args.indikator.split(",") if c.strip()] or None
    tables = generate(boundaries, targets, seed=args.seed, lokus_counts=lokus, indicator_codes=codes)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    # plans, realisations and one recorded rembuk meeting (data/rencana_demo.py; own seed, so the
    # tables above stay exactly as they were)
    from data.rencana_demo import generate as generate_plans

    plans = generate_plans(boundaries, tables["cakupan"], tables["lokus"], seed=args.seed + 1)
    minutes = plans.pop("berita_acara")
    tables.update(plans)
    for name, df in tables.items():
        df.to_csv(out / f"{name}.csv", index=False, lineterminator="\n")
        print(f"{out / (name + '.csv')}: {len(df)} rows")
    (out / "berita_acara.json").write_text(json.dumps(minutes, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
