"""Issue 17's speed figures: validation of hostile files, and the site's responsiveness while
expensive downloads are built.

    .venv/bin/python bench/security.py            # both parts, JSON to bench/results/security.json
    .venv/bin/python bench/security.py --part validation

Validation (in process): 20,000 rows with unknown village codes and with unknown names, against
the regency's 70 and the province's 2,283 villages; the province's 2,283 boundaries; 1,000
identical polygons. Downloads (gunicorn, 2 workers, loopback): a scenario with the longest
reasons allowed (500 characters for each of 20 added villages) is saved by the admin, then its
PDF pack is built once alone, then four PDFs of four such scenarios are asked for at once while
/healthz is asked every 0.2 s: its slowest answer says whether the rest of the site stayed usable.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DASH_DISABLE_VERSION_CHECK", "true")


def timed(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return round(best, 3)


def validation() -> dict:
    import geopandas as gpd
    from shapely.geometry import box

    from geo.io import readers, validate

    out = {}
    random.seed(17)
    codes = ["kode_desa,nama_desa,tahun,balita_diukur,balita_stunting,sumber"] + [
        f"74.15.09.{2000 + i % 9000:04d}{i // 9000},,2024,10,2,x" for i in range(20_000)
    ]
    names = ["kode_desa,nama_desa,tahun,balita_diukur,balita_stunting,sumber"] + [
        ",{},2024,10,2,x".format("".join(random.choice("abcdefghijklmnop") for _ in range(8))) for _ in range(20_000)
    ]
    for scale, path in (("regency", "data/buton_selatan_desa.gpkg"), ("province", "data/sultra_desa.gpkg")):
        b = gpd.read_file(ROOT / path)
        for label, lines in (("unknown_codes", codes), ("unknown_names", names)):
            data = "\n".join(lines).encode()

            def run(data=data, b=b):
                validate.validate_table("prevalensi", readers.read_table(data, "x.csv"), b, "x.csv")

            out[f"{scale}_20000_{label}_s"] = timed(run, 1 if scale == "province" else 3)
    s = gpd.read_file(ROOT / "data/sultra_desa.gpkg")
    out["province_2283_boundaries_s"] = timed(lambda: validate.validate_boundaries(s, "sultra.gpkg"))
    same = gpd.GeoDataFrame(
        {"kode_desa": [f"74.15.01.{2001 + i}" for i in range(1000)], "nama_desa": [f"D{i}" for i in range(1000)]},
        geometry=[box(0, 0, 1, 1)] * 1000,
        crs=4326,
    )
    out["identical_1000_polygons_overlaps_s"] = timed(lambda: validate.overlaps(same, "x.geojson"), 1)
    return out


def downloads() -> dict:
    from werkzeug.security import generate_password_hash

    from bench.load import start_server
    from geo.analysis import dataset
    from tests.helpers.dashclient import DashClient

    user, password = "admin-bench", "bench-rahasia-123"
    os.environ["KONVERGENSI_ADMIN_USER"] = user
    os.environ["KONVERGENSI_ADMIN_PASSWORD_HASH"] = generate_password_hash(password)
    data_dir = tempfile.mkdtemp(prefix="konvergensi-bench-")
    proc, base = start_server(2, data_dir, Path(data_dir) / "gunicorn.log")
    try:
        admin = DashClient(base)
        assert admin.login(user, password)[0] == 303
        codes = list(dataset.bundled().boundaries["kode_desa"])
        names = []
        for k in range(5):
            add = codes[-20:]
            reasons = {c: (f"alasan {k} " + "x" * 500)[:500] for c in add}
            params = {"weights": {"prevalensi": 3, "jumlah_stunting": 3}, "thresholds": {}, "n": 29}
            st, answer = admin.call(
                "lokus-sc-save.n_clicks",
                [1],
                [f"Skenario {k}", params, {"add": add, "remove": [], "reasons": reasons}, "en"],
            )
            assert st == 200 and "Saved" in json.dumps(answer), answer
            names.append(f"Skenario%20{k}")
        anon = DashClient(base)
        t0 = time.perf_counter()
        assert anon.get(f"/unduh/paket-rembuk.pdf?skenario={names[0]}", timeout=300)[0] == 200
        alone = time.perf_counter() - t0
        health, stop = [], threading.Event()

        def poll():
            c = DashClient(base)
            while not stop.is_set():
                t = time.perf_counter()
                c.get("/healthz", timeout=120)
                health.append(time.perf_counter() - t)
                time.sleep(0.2)

        statuses, times = [], []

        def fetch(name):
            t = time.perf_counter()
            statuses.append(DashClient(base).get(f"/unduh/paket-rembuk.pdf?skenario={name}", timeout=300)[0])
            times.append(time.perf_counter() - t)

        poller = threading.Thread(target=poll)
        poller.start()
        threads = [threading.Thread(target=fetch, args=(n,)) for n in names[1:]]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        stop.set()
        poller.join()
        t0 = time.perf_counter()
        anon.get(f"/unduh/paket-rembuk.pdf?skenario={names[0]}", timeout=300)
        again = time.perf_counter() - t0
        return {
            "pdf_max_reasons_alone_s": round(alone, 2),
            "pdf_4_parallel_statuses": sorted(statuses),
            "pdf_4_parallel_slowest_s": round(max(times), 2),
            "healthz_during_4_pdfs_max_s": round(max(health), 3),
            "healthz_during_4_pdfs_median_s": round(statistics.median(health), 3),
            "pdf_again_cached_s": round(again, 3),
        }
    finally:
        proc.terminate()
        proc.wait(30)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--part", choices=("validation", "downloads", "all"), default="all")
    args = ap.parse_args(argv)
    out = {}
    if args.part in ("validation", "all"):
        out["validation"] = validation()
    if args.part in ("downloads", "all"):
        out["downloads"] = downloads()
    text = json.dumps(out, indent=2)
    print(text)
    (ROOT / "bench" / "results").mkdir(exist_ok=True)
    (ROOT / "bench" / "results" / "security.json").write_text(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
