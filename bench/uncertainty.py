"""Speed of the uncertainty layer (issue 14): smoothing, top-N probabilities and LISA, once per
data version, and a weight change on /lokus. Prints figures; nothing asserts a time.

    python bench/uncertainty.py                # regency (70 villages) and province (2,283)
    python bench/uncertainty.py --repeat 5

Targets: smoothing + top-N + LISA for the province <= 2 s per data version (computed once, then
cached on the Dataset); a weight change at regency scale <= 300 ms.

Moran + LISA is timed three ways: the statistics themselves in this process (PySAL imported
beforehand, as the target counts them); as the server gets them the first time for a data
version (``Dataset.clusters``: one separate process that imports PySAL and computes every k,
geo.analysis.spatial.cluster_tables), with an empty cache folder each run; and read back from that cache
(a restart, another worker).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from geo.analysis import dataset, lokus, spatial  # noqa: E402
from geo.views import lokusview as lv  # noqa: E402

SCALES = {
    "regency": (None, None),
    "province": (HERE.parent / "data" / "sultra_desa.gpkg", HERE.parent / "data" / "demo_sultra"),
}


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
    xy = ds._points()  # the villages' points, once per data version (part of the statistics' cost)
    vals = spatial._values(ds, year)
    spatial.cluster_results(
        vals["persen_halus"].to_numpy(), xy.loc[vals["kode_desa"]].to_numpy(), spatial.K_CHOICES
    )  # every cluster view the map offers (latest year)
    t3 = time.perf_counter()
    before = os.environ.get("KONVERGENSI_DATA_DIR")
    with tempfile.TemporaryDirectory(prefix="konvergensi-bench-") as tmp:  # an empty cache folder
        os.environ["KONVERGENSI_DATA_DIR"] = tmp
        fresh = dataset.load_bundled(b, d)
        _ = fresh.prevalence
        t6 = time.perf_counter()
        for k in spatial.K_CHOICES:  # the server's way: a separate process, the first time
            fresh.clusters(year, k)
        t7 = time.perf_counter()
        again = dataset.load_bundled(b, d)
        _ = again.prevalence
        t8 = time.perf_counter()
        for k in spatial.K_CHOICES:  # ... and read back from the cache folder
            again.clusters(year, k)
        t9 = time.perf_counter()
    if before is None:
        os.environ.pop("KONVERGENSI_DATA_DIR", None)
    else:
        os.environ["KONVERGENSI_DATA_DIR"] = before
    # a weight change on /lokus: everything the page recomputes (draws cached per data version)
    w2 = dict(w, **{lokus.PREV: w[lokus.PREV] * 1.5})
    t4 = time.perf_counter()
    lv.compute(ds, w2)
    t5 = time.perf_counter()
    assert abs(p.sum() - n) < 1e-6
    return {
        "villages": len(ds.boundaries),
        "smoothing_ms": 1e3 * (t1 - t0),
        "top_n_ms": 1e3 * (t2 - t1),
        "lisa_ms": 1e3 * (t3 - t2),
        "total_ms": 1e3 * (t3 - t0),
        "weight_change_ms": 1e3 * (t5 - t4),
        "lisa_server_first_ms": 1e3 * (t7 - t6),
        "lisa_server_cached_ms": 1e3 * (t9 - t8),
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    import esda  # noqa: F401  (the one-off import of PySAL, ~3 s cold, is left out of the in-process figure)

    for scale in SCALES:
        runs = [once(scale) for _ in range(args.repeat)]
        med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        print(
            f"{scale} ({int(med['villages'])} villages), median of {args.repeat}: "
            f"smoothing {med['smoothing_ms']:.0f} ms, top-N (1,000 draws) {med['top_n_ms']:.0f} ms, "
            f"Moran + LISA (k = {', '.join(map(str, spatial.K_CHOICES))}; 999 perm.) {med['lisa_ms']:.0f} ms, "
            f"total {med['total_ms']:.0f} ms; "
            f"weight change on /lokus {med['weight_change_ms']:.0f} ms; "
            f"Moran + LISA as the server gets them: first time (separate process, PySAL import included) "
            f"{med['lisa_server_first_ms']:.0f} ms, from the cache folder {med['lisa_server_cached_ms']:.0f} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
