"""Time an e-PPGBM by-name import of many rows: read + check (z-scores, rules, quality) + store.

    python bench/measurements.py                 # 100,000 rows, CSV, 3 runs
    python bench/measurements.py --rows 20000 --format xlsx --runs 1

Each run happens in a fresh child process with an empty data folder, so the peak memory
(``ru_maxrss`` of that process) is the import's own, not the generator's. The file is made
first (tests/helpers/ppgbm.py: Buton Selatan's 70 villages, a year of measurements, some children
measured twice, over age, implausible, born after the measurement), outside the timing.
Results go to stdout and ``bench/results/measurements.json``.
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def make_file(rows: int, fmt: str, folder: Path) -> Path:
    from geo.analysis import dataset
    from tests.helpers import ppgbm

    twice = rows // 20
    children = rows - twice
    df = ppgbm.make_report(
        dataset.bundled().boundaries,
        n_children=children,
        n_villages=70,
        twice=twice,
        over_age=rows // 50,
        implausible=rows // 200,
        born_after=rows // 500,
        disagree=rows // 100,
        no_nik=rows // 100,
    )
    path = folder / f"eppgbm_{rows}.{fmt}"
    path.write_bytes(ppgbm.to_csv(df) if fmt == "csv" else ppgbm.to_xlsx(df))
    return path


def _status_mb(field: str = "VmRSS") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def _rss_mb() -> float:
    return _status_mb("VmRSS")


def one_run(path: str) -> dict:
    """In the child: import the file through the same code as the command line; report times."""
    from geo.analysis import dataset
    from geo.io import importers

    dataset.bundled()  # the boundaries, loaded once per server process: not part of an import
    base_mb = _rss_mb()
    data = Path(path).read_bytes()
    t0 = time.perf_counter()
    out = importers.run("pengukuran", data, Path(path).name, by="bench")
    total = time.perf_counter() - t0
    assert out.version_id is not None, [p.message("en") for p in out.checked.errors]
    return {
        "seconds_check_and_import": round(total, 2),
        "process_before_import_mb": base_mb,
        # VmHWM, not ru_maxrss: Linux carries the parent's peak across fork + exec into
        # ru_maxrss, so a parent that has just generated a large file would be counted
        "peak_mb": _status_mb("VmHWM"),
        "villages": len(out.checked.rows),
        "measured": int(out.checked.rows["balita_diukur"].sum()),
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--file", help="time this file instead of generating one")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(one_run(args.child)))
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-ukur-") as tmp:
        t0 = time.perf_counter()
        path = Path(args.file) if args.file else make_file(args.rows, args.format, Path(tmp))
        print(
            f"generated {path.name} ({path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - t0:.1f} s",
            flush=True,
        )
        results = []
        for i in range(args.runs):
            env = dict(
                os.environ,
                KONVERGENSI_DATA_DIR=str(Path(tmp) / f"data{i}"),
                KONVERGENSI_MAX_UPLOAD_MB=os.environ.get("KONVERGENSI_MAX_UPLOAD_MB", "60"),
            )
            p = subprocess.run(
                [sys.executable, __file__, "--child", str(path)], env=env, capture_output=True, text=True
            )
            if p.returncode:
                print(p.stderr[-3000:])
                return 1
            r = json.loads(p.stdout.strip().splitlines()[-1])
            results.append(r)
            print(f"run {i + 1}: {r}", flush=True)
    summary = {
        "rows": args.rows,
        "format": args.format,
        "runs": results,
        "best_seconds": min(r["seconds_check_and_import"] for r in results),
        "worst_seconds": max(r["seconds_check_and_import"] for r in results),
        "max_peak_mb": max(r["peak_mb"] for r in results),
        "cpu_count": os.cpu_count(),
    }
    out = ROOT / "bench" / "results" / "measurements.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(summary, indent=2))
    print(json.dumps({k: v for k, v in summary.items() if k != "runs"}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
