"""Speed of the uncertainty layer (issue 14): smoothing, top-N probabilities and LISA, once per
data version, and a weight change on /lokus. Prints figures; nothing asserts a time.

    python bench/uncertainty.py                # regency (70 villages) and province (2,283)
    python bench/uncertainty.py --repeat 5

Targets: smoothing + top-N + LISA for the province <= 2 s per data version (computed once, then
cached on the Dataset); a weight change at regency scale <= 300 ms.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from geo.analysis import dataset, lokus, spatial  # noqa: E402
from geo.views import lokusview as lv  # noqa: E402

SCALES = {"regency": (None, None),
          "province": (HERE.parent / "data" / "sultra_desa.gpkg", HERE.parent / "data" / "demo_sultra")}


def once(scale: str) -> dict:
    b, d = SCALES[scale]
    ds = dataset.load_bundled(b, d)
    _ = ds.prevalensi, ds.boundaries  # loading is not part of it
    t0 = time.perf_counter()
    prev = ds.prevalence  # counts, Wilson, empirical Bayes per year
    t1 = time.perf_counter()
    year = int(prev["tahun"].max())
    crit = lokus.criteria_of(ds)
    w = lokus.default_weights(crit)
    n = lv.defaults(ds)["n"]
    p = lokus.top_probability(crit, w, n, ds.prevalence_draws(year, True))
    t2 = time.perf_counter()
    for k in spatial.K_CHOICES:  # every cluster view the map offers (latest year)
        ds.clusters(year, k)
    t3 = time.perf_counter()
    # a weight change on /lokus: everything the page recomputes (draws cached per data version)
    w2 = dict(w, **{lokus.PREV: w[lokus.PREV] * 1.5})
    t4 = time.perf_counter()
    lv.compute(ds, w2)
    t5 = time.perf_counter()
    assert abs(p.sum() - n) < 1e-6
    return {"villages": len(ds.boundaries), "smoothing_ms": 1e3 * (t1 - t0), "top_n_ms": 1e3 * (t2 - t1),
            "lisa_ms": 1e3 * (t3 - t2), "total_ms": 1e3 * (t3 - t0), "weight_change_ms": 1e3 * (t5 - t4)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    import esda  # noqa: F401  (the one-off import of PySAL, ~3 s cold, is per process, not per data version)
    for scale in SCALES:
        runs = [once(scale) for _ in range(args.repeat)]
        med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        print(f"{scale} ({int(med['villages'])} villages), median of {args.repeat}: "
              f"smoothing {med['smoothing_ms']:.0f} ms, top-N (1,000 draws) {med['top_n_ms']:.0f} ms, "
              f"Moran + LISA (k = {', '.join(map(str, spatial.K_CHOICES))}; 999 perm.) {med['lisa_ms']:.0f} ms, "
              f"total {med['total_ms']:.0f} ms; "
              f"weight change on /lokus {med['weight_change_ms']:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
