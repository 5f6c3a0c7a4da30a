"""Load test: simulated viewers open the map and change indicators against `make serve`.

    python bench/load.py                      # 50 viewers for 60 s against a gunicorn it starts
    python bench/load.py --viewers 10 --duration 10
    python bench/load.py --url http://127.0.0.1:8050   # an already running server (loopback only)
    python bench/load.py --import-kind prevalensi --import-file FILE   # an admin imports mid-run
    python bench/load.py --database-url auto --import-kind prevalensi --import-file FILE
        # two gunicorn instances sharing one PostgreSQL (a throwaway cluster, or a URL)

Each viewer loads the page the way the browser does (page, layout, dependencies, the
village GeoJSON of the current data version) and then changes indicator and year as fast
as the server answers. Every response is checked: HTTP status, and that the data version
a viewer sees never mixes (the restyle answer belongs to the version of the page it
loaded, or tells it to reload). With ``--database-url`` the viewers are spread over
``--servers`` gunicorn instances (default 2), each with a data folder of its own and the same
database, secret key and NIK salt, as several hosts behind a load balancer; after the import
every worker of every instance must serve the new version. Prints p50/p95 latency and failures; writes JSON to
bench/results/. Only talks to 127.0.0.1; bounded in time.
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import json
import os
import random
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
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


LAYER_URL = re.compile(r'"(/api/([^/"]+)/desa\.geojson)"')


def page_payload(path: str = "/", search: str = "") -> dict:
    """What the renderer posts on load: Dash pages' router fills the page from the URL."""
    return {
        "output": ".._pages_content.children..._pages_store.data..",
        "outputs": [{"id": "_pages_content", "property": "children"}, {"id": "_pages_store", "property": "data"}],
        "inputs": [
            {"id": "_pages_location", "property": "pathname", "value": path},
            {"id": "_pages_location", "property": "search", "value": search},
        ],
        "changedPropIds": ["_pages_location.pathname", "_pages_location.search"],
        "state": [],
    }


def restyle_payload(
    indicator: str, year: int, lokus_year, page_url: str, shown: dict | None = None, lang: str = "id"
) -> dict:
    """The request Dash's renderer sends when a viewer changes the indicator (callbacks/map.py)."""
    return {
        # The style choice and legend counts go to a store the browser applies in place.
        "output": "..desa-style.data...year.options...year.value...indicator.value...map-stale.children..."
        "map-office-box.className...map-office.options...map-office.value..",
        "outputs": [
            {"id": "desa-style", "property": "data"},
            {"id": "year", "property": "options"},
            {"id": "year", "property": "value"},
            {"id": "indicator", "property": "value"},
            {"id": "map-stale", "property": "children"},
            {"id": "map-office-box", "property": "className"},
            {"id": "map-office", "property": "options"},
            {"id": "map-office", "property": "value"},
        ],
        "inputs": [
            {"id": "indicator", "property": "value", "value": indicator},
            {"id": "year", "property": "value", "value": year},
            {"id": "lokus-show", "property": "value", "value": ["on"]},
            {"id": "lokus-year", "property": "value", "value": lokus_year},
            {"id": "cluster-k", "property": "value", "value": 6},
            {"id": "map-office", "property": "value", "value": None},
        ],
        "changedPropIds": ["indicator.value"],
        "parsedChangedPropsIds": ["indicator.value"],
        "state": [
            {"id": "lang", "property": "data", "value": lang},
            {"id": "desa-layer", "property": "url", "value": page_url},
            {"id": "desa-layer", "property": "hideout", "value": shown},
            {"id": "desa-style", "property": "data", "value": None},
            {"id": "map-office", "property": "options", "value": []},
        ],
    }


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = {}
        self.failures: list[str] = []
        self.failed = 0
        self.versions_seen: set[str] = set()
        self.mixes = 0
        self.reload_notices = 0

    def add(self, kind: str, seconds: float):
        with self.lock:
            self.latency.setdefault(kind, []).append(seconds)

    def fail(self, msg: str):
        with self.lock:
            self.failed += 1
            if len(self.failures) < 50:
                self.failures.append(msg)


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


def judge_restyle(answer: dict, page_version: str) -> str:
    """'ok' (restyled with the page's version), 'reload' (the server kept the map and asked
    for a reload) or 'mix' (another version's values for this page, without a notice)."""
    resp = answer.get("response", {})
    notice = resp.get("map-stale", {}).get("children")
    style = resp.get("desa-style", {}).get("data")
    choice = (style or {}).get("h")
    if choice is not None and choice.get("version") != page_version:
        return "mix"
    if notice:
        return "reload"  # the map keeps (or gets back) the choice it shows, with its own data
    return "ok" if choice is not None and (style or {}).get("legend") else "mix"


def viewer(base: str, stop_at: float, stats: Stats, seed: int):
    rnd = random.Random(seed)
    u = urlparse(base)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    while time.time() < stop_at:
        try:
            t0 = time.perf_counter()
            page_url = version = None
            for path in ("/", "/_dash-layout", "/_dash-dependencies"):
                status, data = request(conn, "GET", path)
                if status != 200:
                    stats.fail(f"GET {path}: {status}")
            status, data = request(conn, "POST", "/_dash-update-component", json.dumps(page_payload("/")))
            if status != 200:
                stats.fail(f"POST page: {status}")
            else:
                m = LAYER_URL.search(json.dumps(json.loads(data)))  # Dash writes "/" as \u002f
                page_url, version = (m.group(1), m.group(2)) if m else (None, None)
            if not page_url:
                stats.fail("layout without a versioned village layer")
                continue
            status, _ = request(conn, "GET", page_url)
            if status != 200:
                stats.fail(f"GET geojson: {status}")
            stats.add("open_page", time.perf_counter() - t0)
            with stats.lock:
                stats.versions_seen.add(version)
            for _ in range(rnd.randint(5, 15)):
                if time.time() >= stop_at:
                    break
                payload = restyle_payload(
                    rnd.choice(INDICATORS),
                    rnd.choice([2020, 2021]),
                    2022,
                    page_url,
                    {"ind": "stunting", "year": 2021, "version": version},
                )
                t1 = time.perf_counter()
                status, data = request(conn, "POST", "/_dash-update-component", json.dumps(payload))
                stats.add("restyle", time.perf_counter() - t1)
                if status != 200:
                    stats.fail(f"POST restyle: {status}")
                    continue
                verdict = judge_restyle(json.loads(data), version)
                if verdict == "mix":
                    with stats.lock:
                        stats.mixes += 1
                elif verdict == "reload":  # what a person does: follow the link, open the page again
                    with stats.lock:
                        stats.reload_notices += 1
                    break
        except (OSError, http.client.HTTPException, ValueError) as exc:
            stats.fail(f"{type(exc).__name__}: {exc}")
            conn.close()
            conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    conn.close()


def health(base: str) -> dict:
    """/healthz on a fresh connection (so successive calls reach different workers)."""
    u = urlparse(base)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    try:
        status, data = request(conn, "GET", "/healthz", headers={"Connection": "close"})
        return json.loads(data) if status == 200 else {}
    finally:
        conn.close()


def workers_on(base: str, version: str, workers: int, timeout: float = 30) -> dict:
    """Ask /healthz until every worker process has answered; which version each one serves."""
    seen: dict[int, str] = {}
    deadline = time.time() + timeout
    while time.time() < deadline and (len(seen) < workers or any(v != version for v in seen.values())):
        h = health(base)
        if h:
            seen[h["worker"]] = h["version"]
        time.sleep(0.05)
    return seen


def pct(values, q):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


def start_server(workers: int, data_dir: str, log_path: Path, extra_env: dict | None = None):
    port = free_port()
    env = dict(os.environ, KONVERGENSI_DATA_DIR=data_dir, DASH_DISABLE_VERSION_CHECK="true", **(extra_env or {}))
    gunicorn = Path(sys.executable).with_name("gunicorn")
    with open(log_path, "w") as log:  # the same options as `make serve`
        proc = subprocess.Popen(
            [
                str(gunicorn),
                "app:server",
                "--workers",
                str(workers),
                "--bind",
                f"127.0.0.1:{port}",
                "--timeout",
                "120",
                "--graceful-timeout",
                "30",
                "--error-logfile",
                "-",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            if request(conn, "GET", "/healthz")[0] == 200:
                return proc, base
        except (OSError, http.client.HTTPException):
            time.sleep(0.3)
        if proc.poll() is not None:
            break
    proc.kill()
    raise SystemExit("server did not start")


def run_import(kind: str, file: str, data_dir: str | None, extra_env: dict | None = None) -> dict:
    """The admin's import, through the command line, as a separate process."""
    env = dict(os.environ, **(extra_env or {}))
    if data_dir:
        env["KONVERGENSI_DATA_DIR"] = data_dir
    t0 = time.perf_counter()
    r = subprocess.run(
        [sys.executable, "app.py", "import", kind, str(Path(file).resolve()), "--by", "load-test"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return {
        "exit": r.returncode,
        "seconds": round(time.perf_counter() - t0, 2),
        "output": (r.stdout + r.stderr)[-2000:],
        "log": [line for line in r.stderr.splitlines() if "import stored" in line or "import FAILED" in line],
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", help="an already running server on 127.0.0.1 (default: start gunicorn)")
    ap.add_argument("--viewers", type=int, default=50)
    ap.add_argument("--duration", type=float, default=60.0)
    ap.add_argument("--workers", type=int, default=3)
    ap.add_argument("--data-dir", help="KONVERGENSI_DATA_DIR (default: a new empty folder, removed afterwards)")
    ap.add_argument("--import-kind", help="an admin imports a file of this kind half-way through")
    ap.add_argument("--import-file")
    ap.add_argument(
        "--database-url",
        help="KONVERGENSI_DATABASE_URL shared by the servers (postgresql://...), or 'auto': a throwaway "
        "PostgreSQL cluster started for the run (Debian's postgresql and postgis)",
    )
    ap.add_argument("--servers", type=int, help="gunicorn instances (default: 2 with --database-url, else 1)")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "load.json"), help="where the JSON goes")
    args = ap.parse_args(argv)
    args.servers = args.servers or (2 if args.database_url else 1)
    if args.servers > 1 and not args.database_url:
        raise SystemExit("several servers share data only through --database-url")
    if args.url and args.database_url:
        raise SystemExit("--database-url starts its own servers: leave out --url")
    if bool(args.import_kind) != bool(args.import_file):
        raise SystemExit("--import-kind and --import-file go together")
    if args.url and args.import_kind and not args.data_dir:
        raise SystemExit("with --url, give the server's --data-dir for the import")

    procs, tmp, cluster, shared = [], None, None, {}
    database = None
    try:
        if args.database_url:
            database = args.database_url
            if database == "auto":
                sys.path.insert(0, str(ROOT))
                from tests.helpers.pgcluster import throwaway

                cluster = throwaway(durable=True)  # fsync on, as a production database
                database = cluster.__enter__().new_database()
            # one database, one secret key and NIK salt for every server (app.py insists)
            shared = {
                "KONVERGENSI_DATABASE_URL": database,
                "KONVERGENSI_SECRET_KEY": os.environ.get("KONVERGENSI_SECRET_KEY") or secrets.token_hex(32),
                "KONVERGENSI_NIK_SALT": os.environ.get("KONVERGENSI_NIK_SALT") or secrets.token_hex(16),
            }
        if args.url:
            if urlparse(args.url).hostname not in ("127.0.0.1", "localhost"):
                raise SystemExit("load tests only run against this machine (127.0.0.1)")
            bases = [args.url]
        else:
            if not args.data_dir:
                tmp = args.data_dir = tempfile.mkdtemp(prefix="konvergensi-load-")
            bases = []
            for i in range(args.servers):  # each server its own data folder (caches, set-up token)
                folder = Path(args.data_dir) / f"server-{i + 1}" if args.servers > 1 else Path(args.data_dir)
                folder.mkdir(parents=True, exist_ok=True)
                proc, base = start_server(args.workers, str(folder), folder / "gunicorn.log", shared)
                procs.append(proc)
                bases.append(base)
        before = health(bases[0]).get("version")
        if not args.url:  # every worker has built its data before the viewers come: a server up for a while
            for b in bases:
                workers_on(b, before, args.workers, timeout=120)
        stats = Stats()
        started = time.time()
        stop_at = started + args.duration
        threads = [
            threading.Thread(target=viewer, args=(bases[i % len(bases)], stop_at, stats, i), daemon=True)
            for i in range(args.viewers)
        ]
        for th in threads:
            th.start()
        import_result = None
        if args.import_kind:
            time.sleep(args.duration / 2)
            import_result = run_import(args.import_kind, args.import_file, args.data_dir, shared)
            after = health(bases[0]).get("version")
            import_result["version_before"], import_result["version_after"] = before, after
            import_result["version_after_per_server"] = {b: health(b).get("version") for b in bases}
            if not args.url:  # every worker of every server serves the new version, none was restarted
                per_server = {b: workers_on(b, after, args.workers) for b in bases}
                seen = {k: v for s in per_server.values() for k, v in s.items()}
                import_result["workers"] = {str(k): v for k, v in seen.items()}
                import_result["all_workers_on_new_version"] = (
                    all(len(s) == args.workers for s in per_server.values())
                    and set(seen.values()) == {after}
                    and after != before
                )
        for th in threads:
            th.join(max(1.0, stop_at - time.time()) + 60)
        elapsed = time.time() - started
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
        if cluster is not None:
            cluster.__exit__(None, None, None)

    total = sum(len(v) for v in stats.latency.values())
    result = {
        "viewers": args.viewers,
        "duration_s": args.duration,
        "workers": args.workers,
        "servers": args.servers,
        "database": "postgresql (throwaway cluster)"
        if args.database_url == "auto"
        else ("postgresql" if args.database_url else "sqlite"),
        "requests": {k: len(v) for k, v in stats.latency.items()},
        "requests_per_s": round(total / elapsed, 1) if elapsed else None,
        "p50_ms": {k: round(1000 * statistics.median(v), 1) for k, v in stats.latency.items() if v},
        "p95_ms": {k: round(1000 * pct(v, 95), 1) for k, v in stats.latency.items() if v},
        "failed": stats.failed,
        "failures": stats.failures[:20],
        "version_mixes": stats.mixes,
        "reload_notices": stats.reload_notices,
        "versions_seen": sorted(stats.versions_seen),
        "import": import_result,
    }
    print(json.dumps(result, indent=2))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2))
    ok = not stats.failed and not stats.mixes and total > 0
    if import_result is not None:
        ok = ok and import_result["exit"] == 0 and import_result.get("all_workers_on_new_version", True)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
