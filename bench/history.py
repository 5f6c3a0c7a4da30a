"""Import the province demo through the running server (issue 11): how long, and how much memory.

    python bench/history.py            # 2,283 villages × every demo indicator × 5 years, through /data
    python bench/history.py --cli      # the same two files with `python app.py import` instead
    python bench/history.py --werkzeug # `python app.py` (threaded development server) instead of gunicorn

Starts the real app as `make serve` does (gunicorn, sync worker) but with one worker, so one
process takes every request and its memory is the server's, with the province bundle
(`KONVERGENSI_BOUNDARIES=data/sultra_desa.gpkg`, `KONVERGENSI_DEMO_DIR=data/demo_sultra`),
an empty data folder and an admin, opens the map once (the demo dataset and its GeoJSON are
built), then imports the province demo's prevalence (every village × 2020-2024) and coverage
(every village × every demo indicator × 2020-2024) as a signed-in admin does on /data: the upload
is checked (callback `data-upload.contents`), then confirmed (`data-confirm.n_clicks`). The clock
stops when the map's GeoJSON of the new data version has been served (the dataset rebuilt from
the store's observations). Memory: the server's peak resident set (`VmHWM`) at the end.
Writes bench/results/history.json. Targets: ≤ 60 s, ≤ 400 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.helpers.dashclient import DashClient, text_in, upload_contents  # noqa: E402

RESULTS = ROOT / "bench" / "results"
DEMO = ROOT / "data" / "demo_sultra"
USER, PASSWORD = "bench-admin", "bench-admin-rahasia"
TARGET_S, TARGET_MB = 60.0, 400.0


def vm(pid: int, key: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def start(data_dir: Path, log: Path, werkzeug: bool = False):
    from werkzeug.security import generate_password_hash

    from tests.helpers.app import free_port, wait_healthy

    port = free_port()
    env = dict(
        os.environ,
        KONVERGENSI_DATA_DIR=str(data_dir),
        DASH_DISABLE_VERSION_CHECK="true",
        KONVERGENSI_BOUNDARIES=str(ROOT / "data" / "sultra_desa.gpkg"),
        KONVERGENSI_DEMO_DIR=str(DEMO),
        KONVERGENSI_ADMIN_USER=USER,
        KONVERGENSI_ADMIN_PASSWORD_HASH=generate_password_hash(PASSWORD),
    )
    cmd = (
        [sys.executable, "app.py", "--host", "127.0.0.1", "--port", str(port)]
        if werkzeug
        else [
            str(Path(sys.executable).with_name("gunicorn")),
            "app:server",
            "--workers",
            "1",
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "300",
            "--graceful-timeout",
            "30",
        ]
    )
    with open(log, "w") as f:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=f, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    wait_healthy(url, proc, timeout=300)
    return proc, url, env


def serving_pid(proc) -> int:
    """The process that answers requests: gunicorn's one worker (the master only forks it), else the app."""
    try:
        children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
    except OSError:
        children = []
    return int(children[0]) if children else proc.pid


def map_geojson(c: DashClient) -> tuple[str, float]:
    """Ask what the map asks for: the data version, then its village GeoJSON (-> version, seconds)."""
    t0 = time.perf_counter()
    version = json.loads(c.get("/healthz")[2])["version"]
    status, _, body = c.get(f"/api/{version}/desa.geojson", timeout=300)
    assert status == 200 and body, status
    return version, time.perf_counter() - t0


def web_import(c: DashClient, kind: str, path: Path) -> dict:
    t0 = time.perf_counter()
    st, ans = c.call("data-upload.contents", [upload_contents(path.read_bytes()), kind], [path.name, "id"], timeout=300)
    assert st == 200, (st, str(ans)[:500])
    pending = ans["response"]["data-pending"]["data"]
    assert pending and not pending.get("errors"), text_in(ans)[:2000]
    checked = time.perf_counter() - t0
    st, ans = c.call("data-confirm.n_clicks", [1, [], []], [pending, ["ok"], "id"], timeout=300)
    assert st == 200 and "versi" in text_in(ans["response"]["data-message"]), text_in(ans)[:2000]
    return {
        "kind": kind,
        "file": path.name,
        "bytes": path.stat().st_size,
        "check_s": round(checked, 2),
        "total_s": round(time.perf_counter() - t0, 2),
    }


def cli_import(env: dict, kind: str, path: Path) -> dict:
    t0 = time.perf_counter()
    r = subprocess.run(
        [sys.executable, "app.py", "import", kind, str(path), "--by", USER],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    return {
        "kind": kind,
        "file": path.name,
        "bytes": path.stat().st_size,
        "total_s": round(time.perf_counter() - t0, 2),
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cli", action="store_true", help="import with the command line instead of /data")
    ap.add_argument("--werkzeug", action="store_true", help="serve with `python app.py` instead of gunicorn")
    args = ap.parse_args(argv)
    import pandas as pd

    with tempfile.TemporaryDirectory(prefix="konvergensi-bench-") as tmp:
        tmp = Path(tmp)
        files = {}
        for kind in ("prevalensi", "cakupan"):  # the province demo as an office would send it (no demo label)
            df = pd.read_csv(DEMO / f"{kind}.csv", dtype=str)
            df["sumber"] = "bench"
            files[kind] = tmp / f"{kind}_provinsi_2020_2024.csv"
            df.to_csv(files[kind], index=False)
        facts = {
            k: {"rows": int(len(pd.read_csv(f, usecols=[0]))), "mb": round(f.stat().st_size / 2**20, 1)}
            for k, f in files.items()
        }
        cak = pd.read_csv(files["cakupan"], usecols=["indikator", "tahun", "kode_desa"])
        facts["indicators"] = sorted(set(cak["indikator"]))
        facts["years"] = sorted(int(y) for y in set(cak["tahun"]))
        facts["villages"] = int(cak["kode_desa"].nunique())
        proc, url, env = start(tmp / "data", tmp / "app.log", args.werkzeug)
        try:
            c = DashClient(url)
            version0, warm = map_geojson(c)
            pid = serving_pid(proc)
            rss_before = vm(pid, "VmRSS")
            if not args.cli:
                assert c.login(USER, PASSWORD)[0] == 303
            t0 = time.perf_counter()
            steps = []
            for k, f in files.items():
                steps.append(cli_import(env, k, f) if args.cli else web_import(c, k, f))
                steps[-1]["server_peak_mb_after"] = round(vm(pid, "VmHWM"), 1)
            version1, rebuild = map_geojson(c)
            total = time.perf_counter() - t0
            assert version1 != version0
            peak = vm(pid, "VmHWM")
        finally:
            proc.terminate()
            proc.wait(20)
    out = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "mode": "cli" if args.cli else "web",
        "server": "werkzeug" if args.werkzeug else "gunicorn, 1 worker",
        "files": facts,
        "first_map_s": round(warm, 2),
        "steps": steps,
        "map_after_import_s": round(rebuild, 2),
        "total_s": round(total, 2),
        "server_rss_before_mb": round(rss_before, 1),
        "server_peak_mb": round(peak, 1),
        "targets": {"seconds": TARGET_S, "mb": TARGET_MB},
        "met": total <= TARGET_S and peak <= TARGET_MB,
        "cpus": os.cpu_count(),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"history-{out['mode']}{'-werkzeug' if args.werkzeug else ''}.json").write_text(
        json.dumps(out, indent=1) + "\n"
    )
    print(json.dumps(out, indent=1))
    return 0 if out["met"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
