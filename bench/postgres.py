"""PostgreSQL against SQLite at province scale, in the same run (issue 12).

    python bench/postgres.py                          # a throwaway PostgreSQL cluster (Debian's postgresql + postgis)
    python bench/postgres.py --database-url postgresql://user:pw@host/db   # an existing, empty database
    python bench/postgres.py --loads 3 --changes 20   # fewer samples

For each store, SQLite (a file in a new data folder) then PostgreSQL (``KONVERGENSI_DATABASE_URL``),
with the province bundle (2,283 villages, ``KONVERGENSI_BOUNDARIES=data/sultra_desa.gpkg``):

1. imports the province demo as an office sends it — prevalence (every village × 2020-2024) and
   coverage (every village × the bundle's six coverage indicators × 2020-2024) — with
   ``python app.py import`` (the whole command: Python start, read, check, store), timed;
2. serves both stores at once, each as ``bench/run.py`` serves the app, and measures them in
   turns (``--rounds``, the order alternating, so the other load on a shared machine falls on
   both alike), in headless Chromium with bench/run.py's own code: the first map (navigation
   start to every village painted; one warm-up load per turn not counted) and restyles (a radio
   input clicked to the new fills painted);
3. counts the statements each kind of request sends to PostgreSQL once nothing changes
   (``geo.io.pg.queries`` before and after the request, in a process of its own serving through
   Flask's test client after one warm-up round).

The cluster runs with ``fsync`` on (SQLite's store writes with ``synchronous=FULL``). Targets:
PostgreSQL's first map and restyle within 1.2× of SQLite's; the province import ≤ 60 s; at most
one query (the version check) for a request that changes nothing. Writes
bench/results/postgres.json; prints the table bench/README.md quotes.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

RESULTS = ROOT / "bench" / "results"
DEMO = ROOT / "data" / "demo_sultra"
SCALE = "province"
TARGET_RATIO, TARGET_IMPORT_S, TARGET_QUERIES = 1.2, 60.0, 1


def province_files(folder: Path) -> dict[str, Path]:
    """The province demo as an office would send it (its own source, no demo label)."""
    import pandas as pd

    files = {}
    for kind in ("prevalensi", "cakupan"):
        df = pd.read_csv(DEMO / f"{kind}.csv", dtype=str)
        df["sumber"] = "bench"
        files[kind] = folder / f"{kind}_provinsi_2020_2024.csv"
        df.to_csv(files[kind], index=False)
    return files


def cli_import(env: dict, kind: str, path: Path) -> float:
    t0 = time.perf_counter()
    r = subprocess.run(
        [sys.executable, "app.py", "import", kind, str(path), "--by", "bench"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if r.returncode != 0:
        raise SystemExit(f"import {kind} failed:\n{r.stdout[-2000:]}{r.stderr[-2000:]}")
    return round(time.perf_counter() - t0, 2)


def count_queries() -> dict:
    """In a process of its own (the environment names the database): statements per request
    once the data version's work is done, for each kind of request a viewer makes."""
    import app
    from bench import load
    from geo.io import pg

    client = app.server.test_client()

    def post(payload):
        return client.post("/_dash-update-component", json=payload)

    def rounds():
        version = client.get("/healthz").get_json()["version"]
        page = post(load.page_payload("/"))
        m = load.LAYER_URL.search(json.dumps(page.get_json()))
        layer = m.group(1) if m else f"/api/{version}/desa.geojson"
        shown = {"ind": "stunting", "year": 2024, "version": version}
        return {
            "GET /healthz": lambda: client.get("/healthz"),
            "GET / (the page)": lambda: client.get("/"),
            "GET /_dash-layout": lambda: client.get("/_dash-layout"),
            "POST page callback (the map page's layout)": lambda: post(load.page_payload("/")),
            "GET village GeoJSON": lambda: client.get(layer, headers={"Accept-Encoding": "gzip"}),
            "POST restyle (indicator change)": lambda: post(load.restyle_payload("anc4", 2024, 2022, layer, shown)),
            "GET /tren": lambda: client.get("/tren"),
        }

    for request in rounds().values():  # warm-up: the version's dataset, layers, page context
        assert request().status_code == 200
    out = {}
    for name, request in rounds().items():
        counts = []
        for _ in range(3):
            before = pg.queries
            status = request().status_code
            counts.append(pg.queries - before)
            assert status == 200, (name, status)
        out[name] = max(counts)
    return out


def merge(parts: list[dict]) -> dict:
    """The rounds of one store as one result: every sample pooled, the last round's memory."""
    from bench import run

    first = [t for p in parts for t in p["first_map_ms_samples"]]
    restyle = [t for p in parts for t in p["restyle_ms_samples"]]
    return {
        "first_map_ms": run.summary(first),
        "restyle_ms": run.summary(restyle),
        "first_map_ms_samples": first,
        "restyle_ms_samples": restyle,
        "restyle_failures": sum(p["restyle_failures"] for p in parts),
        "callback_server_ms_median_per_round": [p["callback_server_ms"].get("median") for p in parts],
        "interaction_bytes": parts[-1]["interaction_bytes"],
        "memory_mb": parts[-1]["memory_mb"],
        "external_requests": sorted({u for p in parts for u in p["external_requests"]}),
    }


def queries_per_request(env: dict) -> dict:
    r = subprocess.run(
        [sys.executable, "bench/postgres.py", "--count-queries"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if r.returncode != 0:
        raise SystemExit(f"query count failed:\n{r.stdout[-2000:]}{r.stderr[-3000:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--database-url", help="an empty PostgreSQL database (default: a throwaway cluster)")
    ap.add_argument("--loads", type=int, default=6, help="measured first loads per store (default 6)")
    ap.add_argument("--changes", type=int, default=42, help="restyles per store (default 42)")
    ap.add_argument("--rounds", type=int, default=3, help="turns the stores take, in alternating order (default 3)")
    ap.add_argument("--count-queries", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.count_queries:
        print(json.dumps(count_queries()))
        return 0

    from playwright.sync_api import sync_playwright

    from bench import run
    from tests.helpers.pgcluster import throwaway

    geom = run.geometry_facts(SCALE)  # also fills the geometry cache each store's folder copies
    meta = {"villages": geom["villages"], "ind": geom["indicators"], "years": geom["years"]}
    cache = ROOT / "var" / "bench" / SCALE / "cache"
    out = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": run.machine(),
        "loads": args.loads,
        "changes": args.changes,
        "rounds": args.rounds,
        "stores": {},
    }
    with tempfile.TemporaryDirectory(prefix="konvergensi-pgbench-") as tmp:
        tmp = Path(tmp)
        files = province_files(tmp)
        cluster = None
        url = args.database_url
        if not url:
            cluster = throwaway(durable=True)
            url = cluster.__enter__().new_database()
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(
                    executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                    headless=True,
                    args=run.CHROMIUM_ARGS,
                )
                envs, servers, parts = {}, {}, {"sqlite": [], "postgresql": []}
                for name in ("sqlite", "postgresql"):
                    data_dir = tmp / name
                    data_dir.mkdir()
                    if cache.is_dir():
                        shutil.copytree(cache, data_dir / "cache")
                    env = dict(
                        os.environ,
                        DASH_DISABLE_VERSION_CHECK="true",
                        KONVERGENSI_DATA_DIR=str(data_dir),
                        KONVERGENSI_BOUNDARIES=run.SCALES[SCALE]["boundaries"],
                        KONVERGENSI_DEMO_DIR=run.SCALES[SCALE]["demo"],
                    )
                    env.pop("KONVERGENSI_DATABASE_URL", None)
                    if name == "postgresql":
                        env.update(
                            KONVERGENSI_DATABASE_URL=url,
                            KONVERGENSI_SECRET_KEY=secrets.token_hex(32),
                            KONVERGENSI_NIK_SALT=secrets.token_hex(16),
                        )
                    envs[name] = env
                    imports = {kind: cli_import(env, kind, path) for kind, path in files.items()}
                    print(f"{name}: imported in {sum(imports.values()):.1f} s {imports}", flush=True)
                    out["stores"][name] = {"import_s": imports, "import_total_s": round(sum(imports.values()), 2)}
                shared = ("KONVERGENSI_DATABASE_URL", "KONVERGENSI_SECRET_KEY", "KONVERGENSI_NIK_SALT")
                try:
                    for name, env in envs.items():  # both served at once, measured in turns
                        servers[name] = run.Server(
                            "ours", SCALE, Path(env["KONVERGENSI_DATA_DIR"]), {k: env[k] for k in shared if k in env}
                        )
                    for i in range(args.rounds):
                        # alternate which store goes first, so a change of the machine's load
                        # between rounds weighs on both alike
                        for name in ("sqlite", "postgresql") if i % 2 == 0 else ("postgresql", "sqlite"):
                            print(f"round {i + 1}/{args.rounds}: {name}...", flush=True)
                            parts[name].append(
                                run.measure(
                                    "ours",
                                    SCALE,
                                    browser,
                                    servers[name],
                                    meta["villages"],
                                    max(1, args.loads // args.rounds),
                                    max(1, args.changes // args.rounds),
                                    meta["ind"],
                                    meta["years"],
                                )
                            )
                finally:
                    for server in servers.values():
                        server.stop()
                for name in parts:
                    out["stores"][name].update(merge(parts[name]))
                out["stores"]["postgresql"]["queries_per_request"] = queries_per_request(envs["postgresql"])
                browser.close()
        finally:
            if cluster is not None:
                cluster.__exit__(None, None, None)
    s, q = out["stores"]["sqlite"], out["stores"]["postgresql"]

    def ratio(key, stat):
        return round(q[key][stat] / s[key][stat], 2) if s[key].get(stat) else None

    out["ratios_postgresql_over_sqlite"] = {
        "first_map_median": ratio("first_map_ms", "median"),
        "restyle_median": ratio("restyle_ms", "median"),
        "restyle_p95": ratio("restyle_ms", "p95"),
    }
    worst_queries = max(q["queries_per_request"].values())
    out["met"] = {
        "first_map_within_1.2x": (out["ratios_postgresql_over_sqlite"]["first_map_median"] or 99) <= TARGET_RATIO,
        "restyle_within_1.2x": (out["ratios_postgresql_over_sqlite"]["restyle_median"] or 99) <= TARGET_RATIO,
        "import_within_60s": q["import_total_s"] <= TARGET_IMPORT_S,
        "at_most_one_query": worst_queries <= TARGET_QUERIES,
    }
    out["machine"]["load_avg_end"] = os.getloadavg()
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "postgres.json").write_text(json.dumps(out, indent=1) + "\n")
    print(markdown(out))
    return 0 if all(out["met"].values()) else 1


def markdown(out: dict) -> str:
    s, q = out["stores"]["sqlite"], out["stores"]["postgresql"]
    r = out["ratios_postgresql_over_sqlite"]
    lines = [
        "| measure | SQLite | PostgreSQL | PostgreSQL / SQLite |",
        "|---|---|---|---|",
        f"| first map, median ms | {s['first_map_ms']['median']:,.0f} | {q['first_map_ms']['median']:,.0f} "
        f"| {r['first_map_median']} |",
        f"| restyle, median ms | {s['restyle_ms']['median']:.1f} | {q['restyle_ms']['median']:.1f} "
        f"| {r['restyle_median']} |",
        f"| restyle, p95 ms | {s['restyle_ms']['p95']:.1f} | {q['restyle_ms']['p95']:.1f} | {r['restyle_p95']} |",
        f"| import prevalence + coverage (`python app.py import`), s | {s['import_total_s']} "
        f"| {q['import_total_s']} | |",
        f"| server peak RSS MB | {s['memory_mb']['peak_rss']:.0f} | {q['memory_mb']['peak_rss']:.0f} | |",
        "",
        "| request (nothing changed) | statements sent to PostgreSQL |",
        "|---|---|",
        *[f"| {k} | {v} |" for k, v in q["queries_per_request"].items()],
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
