"""Load test: simulated viewers open the map and change indicators against `make serve`.

    python bench/load.py                      # 50 viewers for 60 s against a gunicorn it starts
    python bench/load.py --viewers 10 --duration 10
    python bench/load.py --url http://127.0.0.1:8050   # an already running server (loopback only)
    python bench/load.py --import-kind prevalensi --import-file FILE   # an admin imports mid-run

Each viewer loads the page the way the browser does (page, layout, dependencies, the
village GeoJSON of the current data version) and then changes indicator and year as fast
as the server answers. Every response is checked: HTTP status, and that the data version
a viewer sees never mixes (the restyle answer belongs to the version of the page it
loaded, or tells it to reload). Prints p50/p95 latency and failures; writes JSON to
bench/results/. Only talks to 127.0.0.1; bounded in time.
"""
from __future__ import annotations

import argparse
import gzip
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
INDICATORS = ["stunting", "ttd_remaja", "anc4", "timbang_baduta", "imunisasi_dasar", "air_minum", "jamban_sehat"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def restyle_payload(indicator: str, year: int, lokus_year, lang: str = "id") -> dict:
    return {
        # The map's restyle callback (callbacks/map.py): the style choice and legend counts go
        # to a store the browser applies in place; year options/value only when they change.
        "output": "..desa-style.data...year.options...year.value..",
        "outputs": [{"id": "desa-style", "property": "data"},
                    {"id": "year", "property": "options"}, {"id": "year", "property": "value"}],
        "inputs": [{"id": "indicator", "property": "value", "value": indicator},
                   {"id": "year", "property": "value", "value": year},
                   {"id": "lokus-show", "property": "value", "value": ["on"]},
                   {"id": "lokus-year", "property": "value", "value": lokus_year}],
        "changedPropIds": ["indicator.value"], "parsedChangedPropsIds": ["indicator.value"],
        "state": [{"id": "lang", "property": "data", "value": lang}],
    }


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = {}
        self.failures: list[str] = []
        self.versions_seen: set[str] = set()
        self.mixes = 0

    def add(self, kind: str, seconds: float):
        with self.lock:
            self.latency.setdefault(kind, []).append(seconds)

    def fail(self, msg: str):
        with self.lock:
            if len(self.failures) < 50:
                self.failures.append(msg)
            else:
                self.failures.append("...")


def request(conn, method, path, body=None, headers=None):
    headers = dict(headers or {}, **{"Accept-Encoding": "gzip"})
    if body is not None:
        headers["Content-Type"] = "application/json"
    conn.request(method, path, body=body, headers=headers)
    resp = conn.getresponse()
    data = resp.read()
    if resp.getheader("Content-Encoding") == "gzip":
        data = gzip.decompress(data)
    return resp.status, data


def viewer(base: str, stop_at: float, stats: Stats, seed: int):
    rnd = random.Random(seed)
    u = urlparse(base)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    while time.time() < stop_at:
        try:
            t0 = time.perf_counter()
            for path in ("/", "/_dash-layout", "/_dash-dependencies", "/healthz"):
                status, data = request(conn, "GET", path)
                if status != 200:
                    stats.fail(f"GET {path}: {status}")
            version = json.loads(data)["version"]
            status, _ = request(conn, "GET", f"/api/{version}/desa.geojson")
            if status != 200:
                stats.fail(f"GET geojson: {status}")
            stats.add("open_page", time.perf_counter() - t0)
            with stats.lock:
                stats.versions_seen.add(version)
            for _ in range(rnd.randint(5, 15)):
                if time.time() >= stop_at:
                    break
                payload = restyle_payload(rnd.choice(INDICATORS), rnd.choice([2020, 2021]), 2022)
                t1 = time.perf_counter()
                status, data = request(conn, "POST", "/_dash-update-component", json.dumps(payload),
                                       headers={"X-Konvergensi-Version": version})
                stats.add("restyle", time.perf_counter() - t1)
                if status != 200:
                    stats.fail(f"POST restyle: {status}")
                    continue
                answer = json.loads(data)
                style = answer.get("response", {}).get("desa-style", {}).get("data") or {}
                if not style.get("h") or not style.get("legend"):
                    stats.fail("POST restyle: no style in the answer")
                elif style.get("version") not in (None, version):
                    with stats.lock:
                        stats.mixes += 1
        except (OSError, http.client.HTTPException, ValueError) as exc:
            stats.fail(f"{type(exc).__name__}: {exc}")
            conn.close()
            conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    conn.close()


def pct(values, q):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


def start_server(workers: int, data_dir: str | None):
    port = free_port()
    env = dict(os.environ)
    if data_dir:
        env["KONVERGENSI_DATA_DIR"] = data_dir
    gunicorn = Path(sys.executable).with_name("gunicorn")
    proc = subprocess.Popen([str(gunicorn), "app:server", "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
                             "--timeout", "120"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            if request(conn, "GET", "/healthz")[0] == 200:
                return proc, base
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("server did not start")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", help="an already running server on 127.0.0.1 (default: start gunicorn)")
    ap.add_argument("--viewers", type=int, default=50)
    ap.add_argument("--duration", type=float, default=60.0)
    ap.add_argument("--workers", type=int, default=3)
    ap.add_argument("--data-dir", help="KONVERGENSI_DATA_DIR for the server it starts")
    ap.add_argument("--import-kind")
    ap.add_argument("--import-file")
    args = ap.parse_args(argv)

    proc = None
    if args.url:
        if urlparse(args.url).hostname not in ("127.0.0.1", "localhost"):
            raise SystemExit("load tests only run against this machine (127.0.0.1)")
        base = args.url
    else:
        proc, base = start_server(args.workers, args.data_dir)
    stats = Stats()
    stop_at = time.time() + args.duration
    threads = [threading.Thread(target=viewer, args=(base, stop_at, stats, i), daemon=True)
               for i in range(args.viewers)]
    for th in threads:
        th.start()
    import_result = None
    if args.import_kind and args.import_file:
        time.sleep(args.duration / 2)
        env = dict(os.environ)
        if args.data_dir:
            env["KONVERGENSI_DATA_DIR"] = args.data_dir
        r = subprocess.run([sys.executable, "app.py", "import", args.import_kind, args.import_file, "--by", "load-test"],
                           cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
        import_result = {"exit": r.returncode, "output": (r.stdout + r.stderr)[-2000:]}
    for th in threads:
        th.join(args.duration + 60)
    if proc:
        proc.terminate()
        proc.wait(30)

    result = {"viewers": args.viewers, "duration_s": args.duration, "workers": args.workers,
              "requests": {k: len(v) for k, v in stats.latency.items()},
              "p50_ms": {k: round(1000 * statistics.median(v), 1) for k, v in stats.latency.items() if v},
              "p95_ms": {k: round(1000 * pct(v, 95), 1) for k, v in stats.latency.items() if v},
              "failed": len(stats.failures), "failures": stats.failures[:20], "version_mixes": stats.mixes,
              "versions_seen": sorted(stats.versions_seen), "import": import_result}
    print(json.dumps(result, indent=2))
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "load.json").write_text(json.dumps(result, indent=2))
    return 0 if not stats.failures and not stats.mixes else 1


if __name__ == "__main__":
    raise SystemExit(main())
