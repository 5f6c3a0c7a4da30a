"""Server time of the map's restyle callback, called directly (no browser, no HTTP).

    python bench/restyle_server.py                  # regency (bundled data)
    python bench/restyle_server.py --scale province # the 2,283 villages of Sulawesi Tenggara

Prints median and p95 in ms of ``callbacks.map.restyle`` over every indicator/year
choice, and the bytes of its response as Dash serialises it (raw and gzip). For
comparison, the same for the naive baseline's figure (bench/baseline_app.py).
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SCALES = {
    "regency": ("data/buton_selatan_desa.gpkg", "data/demo"),
    "province": ("data/sultra_desa.gpkg", "data/demo_sultra"),
}


def p95(xs):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", choices=sorted(SCALES), default="regency")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--baseline", type=int, default=6, help="baseline figures to build (0: skip)")
    args = ap.parse_args(argv)
    os.environ["KONVERGENSI_BOUNDARIES"], os.environ["KONVERGENSI_DEMO_DIR"] = SCALES[args.scale]
    os.environ.setdefault("KONVERGENSI_DATA_DIR", str(ROOT / "var" / "bench" / args.scale))
    os.environ.setdefault("DASH_DISABLE_VERSION_CHECK", "true")
    from plotly.io.json import to_json_plotly

    from callbacks import map as map_cb
    from geo.analysis import dataset

    ds = dataset.current()
    ds.desa_geojson  # noqa: B018  (what the app prepares before serving)
    choices = [(i, y) for i in ds.indicator_codes for y in ds.years(i)]
    times, sizes = [], []
    for _, (ind, year) in itertools.product(range(args.repeat), choices):
        t0 = time.perf_counter()
        out = map_cb.restyle(
            ind, year, ["on"], ds.lokus_years[-1] if ds.lokus_years else None, "id", indicator_changed=True
        )
        body = to_json_plotly(
            {"multi": True, "response": {"desa-style": {"data": out[0]}, "year": {"options": out[1], "value": out[2]}}}
        ).encode()
        times.append((time.perf_counter() - t0) * 1000)
        sizes.append((len(body), len(gzip.compress(body, 6))))
    print(f"{args.scale}: {len(ds.boundaries)} villages, {len(times)} restyles")
    print(
        f"restyle callback (incl. JSON): median {statistics.median(times):.2f} ms, p95 {p95(times):.2f} ms; "
        f"response {statistics.median(s[0] for s in sizes):.0f} B raw, "
        f"{statistics.median(s[1] for s in sizes):.0f} B gzip (indicator change, year options included)"
    )
    if args.baseline:
        sys.path.insert(0, str(ROOT / "bench"))
        import baseline_app

        geo = baseline_app.geometry(ds)
        bt, bs = [], []
        for ind, year in choices[: args.baseline]:
            t0 = time.perf_counter()
            body = to_json_plotly({"response": {"graph": {"figure": baseline_app.figure(ds, geo, ind, year)}}}).encode()
            bt.append((time.perf_counter() - t0) * 1000)
            bs.append(len(gzip.compress(body, 6)))
        print(
            f"baseline figure (incl. JSON): median {statistics.median(bt):.1f} ms, p95 {p95(bt):.1f} ms; "
            f"response {statistics.median(bs):.0f} B gzip -> ratio time "
            f"{statistics.median(bt) / statistics.median(times):.0f}x, bytes "
            f"{statistics.median(bs) / statistics.median(s[1] for s in sizes):.0f}x"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
