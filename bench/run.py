"""Konvergensi benchmark: the product against a naive Plotly baseline, at regency and province scale.

    make bench            # full run (both scales, >= 30 restyles each, several first loads)
    make bench QUICK=1    # a short run (under two minutes) for development

For each scale it starts the real app (``app.py``) and the baseline (``bench/baseline_app.py``)
on 127.0.0.1 with the same data, drives them in headless Chromium (Playwright, CDP network
events) and prints and writes (``bench/results/<timestamp>.json`` and ``latest.json``):

- first map: time from navigation start to every village polygon drawn (and painted);
- bytes over the wire for the first load (as served, compressed) — all and data only;
- restyle: time from changing indicator or year to the new colours painted (median, p95);
- bytes per interaction (request + response, as served) and server time of each callback
  (``Server-Timing`` header);
- peak resident memory of each server process (``VmHWM`` from /proc).

Benchmarks print figures; nothing here is a pass/fail test. The browser can resolve no host
but 127.0.0.1, and any request elsewhere is reported.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SCALES = {
    "regency": {"boundaries": "data/buton_selatan_desa.gpkg", "demo": "data/demo"},
    "province": {"boundaries": "data/sultra_desa.gpkg", "demo": "data/demo_sultra"},
}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--enable-unsafe-swiftshader",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]

# After a change is seen in the DOM (or the plot reports it rendered): wait for the next
# frame, then for the task after it, i.e. until the browser has painted.
AFTER_PAINT_JS = (
    "() => new Promise(r => requestAnimationFrame(() => { const c = new MessageChannel(); "
    "c.port1.onmessage = () => r(performance.now()); c.port2.postMessage(0); }))"
)

OURS_READY_JS = (
    """async (n) => {
  while (document.querySelectorAll('path.desa').length < n) { await new Promise(r => requestAnimationFrame(r)); }
  return await (%s)();
}"""
    % AFTER_PAINT_JS
)

BASE_READY_JS = (
    """async () => {
  const mapOf = () => { const gd = document.querySelector('#graph .js-plotly-plot');
    return gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot && gd._fullLayout.map._subplot.map; };
  while (true) { const m = mapOf(); if (m && m.getStyle() && m.getStyle().layers.length > 1 && m.loaded()) break;
    await new Promise(r => requestAnimationFrame(r)); }
  return await (%s)();
}"""
    % AFTER_PAINT_JS
)

# Click a radio input and resolve with ms until the new colours are painted (or -1 on timeout).
OURS_CHANGE_JS = (
    """async (sel) => {
  const pane = document.querySelector('.leaflet-overlay-pane');
  const seen = new Promise(r => { const mo = new MutationObserver(() => { mo.disconnect(); r(true); });
    mo.observe(pane, {subtree: true, childList: true, attributes: true, attributeFilter: ['fill']});
    setTimeout(() => { mo.disconnect(); r(false); }, 15000); });
  const t0 = performance.now();
  document.querySelector(sel).click();
  if (!(await seen)) return -1;
  return (await (%s)()) - t0;
}"""
    % AFTER_PAINT_JS
)

BASE_CHANGE_JS = (
    """async (sel) => {
  const gd = document.querySelector('#graph .js-plotly-plot');
  const plotted = new Promise(r => { const h = () => { gd.removeListener('plotly_afterplot', h); r(true); };
    gd.on('plotly_afterplot', h); setTimeout(() => r(false), 30000); });
  const t0 = performance.now();
  document.querySelector(sel).click();
  if (!(await plotted)) return -1;
  const m = gd._fullLayout.map._subplot.map;
  await new Promise(r => { if (m.loaded() && !m._styleDirty && !m._sourcesDirty) { m.once('idle', r); m.triggerRepaint(); }
    else { m.once('idle', r); } setTimeout(r, 15000); });
  return (await (%s)()) - t0;
}"""
    % AFTER_PAINT_JS
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(xs, p):
    xs = sorted(xs)
    if not xs:
        return None
    k = (len(xs) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def summary(xs) -> dict:
    xs = [x for x in xs if x is not None]
    if not xs:
        return {"n": 0}
    return {"n": len(xs), "median": statistics.median(xs), "p95": percentile(xs, 95), "min": min(xs), "max": max(xs)}


class Server:
    def __init__(self, kind: str, scale: str, data_dir: Path, extra_env: dict | None = None):
        self.kind, self.scale = kind, scale
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = dict(
            os.environ,
            DASH_DISABLE_VERSION_CHECK="true",
            KONVERGENSI_DATA_DIR=str(data_dir),
            KONVERGENSI_BOUNDARIES=SCALES[scale]["boundaries"],
            KONVERGENSI_DEMO_DIR=SCALES[scale]["demo"],
            **(extra_env or {}),
        )
        script = "app.py" if kind == "ours" else "bench/baseline_app.py"
        self.log = open(
            data_dir / f"server-{kind}-{scale}.log" if extra_env else RESULTS / f"server-{kind}-{scale}.log.tmp", "w"
        )
        t0 = time.perf_counter()
        self.proc = subprocess.Popen(
            [sys.executable, script, "--host", "127.0.0.1", "--port", str(self.port)],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.time() + 180
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{script} exited with {self.proc.returncode}")
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                if time.time() > deadline:
                    raise RuntimeError(f"{script} did not start")
                time.sleep(0.2)
        self.startup_s = time.perf_counter() - t0

    def memory(self) -> dict:
        status = Path(f"/proc/{self.proc.pid}/status").read_text()
        vals = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        return {k: int(vals[k].split()[0]) / 1024 for k in ("VmHWM", "VmRSS")}

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


class Net:
    """Per-request bytes from CDP: request body, response body as served (encodedDataLength)."""

    def __init__(self, context, page):
        self.cdp = context.new_cdp_session(page)
        self.cdp.send("Network.enable")
        self.cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        self.reqs: dict[str, dict] = {}
        self.cdp.on("Network.requestWillBeSent", self._sent)
        self.cdp.on("Network.responseReceived", self._resp)
        self.cdp.on("Network.loadingFinished", self._done)

    def _sent(self, e):
        r = e["request"]
        self.reqs[e["requestId"]] = {
            "url": r["url"],
            "method": r["method"],
            "req_bytes": len((r.get("postData") or "").encode()),
            "bytes": None,
        }

    def _resp(self, e):
        r = self.reqs.get(e["requestId"])
        if r is not None:
            h = {k.lower(): v for k, v in e["response"]["headers"].items()}
            r["encoding"] = h.get("content-encoding", "")
            r["server_timing"] = h.get("server-timing", "")
            r["body_bytes"] = int(h["content-length"]) if h.get("content-length", "").isdigit() else None

    def _done(self, e):
        r = self.reqs.get(e["requestId"])
        if r is not None:
            r["bytes"] = e["encodedDataLength"]

    def take(self) -> list[dict]:
        out = [r for r in self.reqs.values()]
        self.reqs = {}
        return out


def server_ms(r) -> float | None:
    st = r.get("server_timing") or ""
    for part in st.split(","):
        if "dur=" in part:
            return float(part.split("dur=")[1].split(";")[0])
    return None


def is_data(url: str) -> bool:
    """The page, its layout and callbacks, and GeoJSON: everything but scripts, styles, fonts."""
    path = urlparse(url).path
    return (
        path.endswith(".geojson")
        or path in ("/", "", "/_dash-layout", "/_dash-dependencies")
        or path.startswith("/_dash-update-component")
    )


def wait_quiet(net: Net, page, timeout=10.0):
    """Until every request seen so far has finished (the callback response is in)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        page.wait_for_timeout(50)
        if all(r["bytes"] is not None for r in net.reqs.values()):
            page.wait_for_timeout(100)
            if all(r["bytes"] is not None for r in net.reqs.values()):
                return


def changes_for(n: int, indicators: list[str], years: list[int]) -> list[tuple[str, str]]:
    """Alternate indicator changes (stunting <-> a coverage indicator: every fill changes
    palette) and year changes, ``n`` in all, as CSS selectors of radio inputs."""
    out, cov = [], [i for i in indicators if i != "stunting"]
    k = 0
    current = "stunting"
    while len(out) < n:
        if len(out) % 3 == 2:  # a year change within the current indicator (to another year)
            out.append(("year", "#year input:not(:checked)"))
        else:
            current = cov[k % len(cov)] if current == "stunting" else "stunting"
            out.append(("indicator", f'#indicator input[value="{current}"]'))
            k += 1
    return out


def measure(
    kind: str, scale: str, browser, server: Server, n_villages: int, loads: int, n_changes: int, indicators, years
) -> dict:
    ready_js = OURS_READY_JS if kind == "ours" else BASE_READY_JS
    change_js = OURS_CHANGE_JS if kind == "ours" else BASE_CHANGE_JS
    first, first_bytes, external = [], [], []
    detail = None
    for i in range(loads + 1):  # the first load warms the server and is not counted
        context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="id-ID", bypass_csp=True)
        page = context.new_page()
        net = Net(context, page)
        page.goto(server.url + "/", wait_until="commit", timeout=60000)
        t = page.evaluate(ready_js, n_villages) if kind == "ours" else page.evaluate(ready_js)
        wait_quiet(net, page)
        reqs = net.take()
        external += [
            r["url"]
            for r in reqs
            if urlparse(r["url"]).hostname not in ("127.0.0.1", None) and not r["url"].startswith("data:")
        ]
        if i > 0:
            first.append(t)
            total = sum(r["bytes"] or 0 for r in reqs)
            data = sum(r["bytes"] or 0 for r in reqs if is_data(r["url"]))
            geo = sum(r["bytes"] or 0 for r in reqs if "desa.geojson" in r["url"])
            first_bytes.append({"total": total, "data": data, "desa_geojson": geo})
            if detail is None:
                detail = [
                    {"url": urlparse(r["url"]).path, "bytes": r["bytes"], "encoding": r.get("encoding", "")}
                    for r in reqs
                    if is_data(r["url"])
                ]
        if i < loads:
            context.close()
    # Restyles on the last page, after a second to settle (as a user looks at the map first).
    page.wait_for_timeout(1000)
    times, per_bytes, srv = [], [], []
    failures = 0
    plan = changes_for(n_changes, indicators, years)
    for what, sel in plan:
        wait_quiet(net, page)
        net.take()
        ms = page.evaluate(change_js, sel)
        wait_quiet(net, page)
        reqs = [r for r in net.take() if "/_dash-update-component" in r["url"]]
        if ms < 0:
            failures += 1
            continue
        times.append(ms)
        per_bytes.append(
            {
                "response": sum(r["bytes"] or 0 for r in reqs),
                "response_body": sum(r.get("body_bytes") or 0 for r in reqs),
                "request": sum(r["req_bytes"] for r in reqs),
                "requests": len(reqs),
            }
        )
        srv += [server_ms(r) for r in reqs]
    context.close()
    mem = server.memory()
    return {
        "startup_s": server.startup_s,
        "first_map_ms": summary(first),
        "first_load_bytes": {
            k: statistics.median(b[k] for b in first_bytes) for k in ("total", "data", "desa_geojson")
        },
        "first_load_data_requests": detail,
        "restyle_ms": summary(times),
        "restyle_ms_samples": [round(t, 1) for t in times],
        "first_map_ms_samples": [round(t, 1) for t in first],
        "restyle_failures": failures,
        "interaction_bytes": {
            k: statistics.median(b[k] for b in per_bytes) for k in ("response", "response_body", "request", "requests")
        }
        if per_bytes
        else {},
        "callback_server_ms": summary(srv),
        "memory_mb": {"peak_rss": mem["VmHWM"], "rss_end": mem["VmRSS"]},
        "external_requests": sorted(set(external)),
    }


def machine() -> dict:
    mem = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            mem = int(line.split()[1]) / 1024 / 1024
    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    chromium = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True).stdout.strip()
    return {
        "cores": os.cpu_count(),
        "memory_gb": round(mem, 1),
        "cpu": cpu,
        "python": platform.python_version(),
        "chromium": chromium,
        "load_avg_start": os.getloadavg(),
    }


def geometry_facts(scale: str) -> dict:
    """Vertices before/after simplification and the gzip size of the village layer."""
    code = (
        "import json,gzip,shapely;from geo.analysis import dataset;ds=dataset.current();"
        "b=ds.desa_geojson;g=json.dumps({'type':'FeatureCollection','features':[{'type':'Feature','geometry':f['geometry'],"
        "'properties':{}} for f in json.loads(b)['features']]},separators=(',',':')).encode();"
        "print(json.dumps({'villages':len(ds.boundaries),'tolerance_deg':ds.web_simplification[0],"
        "'grid_deg':ds.web_simplification[1],"
        "'vertices_source':int(shapely.get_num_coordinates(ds.boundaries.geometry.values).sum()),"
        "'vertices_web':int(shapely.get_num_coordinates(ds.web_boundaries.geometry.values).sum()),"
        "'desa_geojson_bytes':len(b),'desa_geojson_gzip':len(gzip.compress(b,9)),"
        "'geometry_only_gzip':len(gzip.compress(g,9)),"
        "'kecamatan_geojson_gzip':len(gzip.compress(ds.kecamatan_geojson,9)),"
        "'label_geojson_gzip':len(gzip.compress(ds.label_geojson,9)),"
        "'year_values_gzip':{y:len(gzip.compress(ds.year_values(y),9)) for y in ds.lazy_years},"
        "'indicators':ds.indicator_codes,'years':ds.years('stunting')}))"
    )
    env = dict(
        os.environ,
        KONVERGENSI_BOUNDARIES=SCALES[scale]["boundaries"],
        KONVERGENSI_DEMO_DIR=SCALES[scale]["demo"],
        KONVERGENSI_DATA_DIR=str(RESULTS.parent.parent / "var" / "bench" / scale),
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def ratio(a, b):
    return None if not a or not b else a / b


def print_scale(scale, res):
    o, b = res["ours"], res["baseline"]
    rows = [
        ("first map, median (ms)", o["first_map_ms"].get("median"), b["first_map_ms"].get("median")),
        ("first load, all bytes", o["first_load_bytes"]["total"], b["first_load_bytes"]["total"]),
        ("first load, data bytes", o["first_load_bytes"]["data"], b["first_load_bytes"]["data"]),
        ("restyle median (ms)", o["restyle_ms"].get("median"), b["restyle_ms"].get("median")),
        ("restyle p95 (ms)", o["restyle_ms"].get("p95"), b["restyle_ms"].get("p95")),
        (
            "bytes per interaction (body)",
            o["interaction_bytes"].get("response_body"),
            b["interaction_bytes"].get("response_body"),
        ),
        (
            "bytes per interaction (resp+hdrs)",
            o["interaction_bytes"].get("response"),
            b["interaction_bytes"].get("response"),
        ),
        (
            "bytes per interaction (req+resp)",
            (o["interaction_bytes"].get("response") or 0) + (o["interaction_bytes"].get("request") or 0),
            (b["interaction_bytes"].get("response") or 0) + (b["interaction_bytes"].get("request") or 0),
        ),
        ("callback server median (ms)", o["callback_server_ms"].get("median"), b["callback_server_ms"].get("median")),
        ("callback server p95 (ms)", o["callback_server_ms"].get("p95"), b["callback_server_ms"].get("p95")),
        ("server peak RSS (MB)", o["memory_mb"]["peak_rss"], b["memory_mb"]["peak_rss"]),
    ]
    print(f"\n== {scale}: {res['geometry']['villages']} villages ==")
    print(f"{'':36s}{'ours':>14s}{'baseline':>14s}{'baseline/ours':>15s}")
    for name, a, c in rows:
        r = ratio(c, a)
        print(f"{name:36s}{_f(a):>14s}{_f(c):>14s}{(f'{r:.1f}x' if r else '-'):>15s}")
    g = res["geometry"]
    c = res["cold_start"]
    if c:
        print(
            f"ours, first start with an empty geometry cache: ready in {c['startup_s']:.1f} s, "
            f"peak RSS {c['memory_mb']['VmHWM']:.0f} MB (then {o['startup_s']:.1f} s, {o['memory_mb']['peak_rss']:.0f} MB)"
        )
    print(
        f"village layer: {g['vertices_source']} -> {g['vertices_web']} vertices (tolerance {g['tolerance_deg']} deg, "
        f"grid {g['grid_deg']} deg); desa.geojson {g['desa_geojson_gzip']} B gzip "
        f"(geometry only {g['geometry_only_gzip']} B), kecamatan {g['kecamatan_geojson_gzip']} B, "
        f"labels {g['label_geojson_gzip']} B"
    )
    if g.get("year_values_gzip"):  # older years, fetched when picked (not in the first map)
        print(
            "older years' values on demand, gzip B: " + ", ".join(f"{y}: {b}" for y, b in g["year_values_gzip"].items())
        )
    for kind in ("ours", "baseline"):
        if res[kind]["restyle_failures"]:
            print(f"{kind}: {res[kind]['restyle_failures']} changes not seen within the timeout")
        if res[kind]["external_requests"]:
            print(f"{kind}: requests to other hosts: {res[kind]['external_requests']}")


TARGETS = {  # issue 7, 2-core machine, local server
    "regency": {"first_map_ms": 1000, "restyle_p95_ms": 40, "geometry_gzip": 40_000},
    "province": {
        "first_map_ms": 1500,
        "restyle_p95_ms": 150,
        "geometry_gzip": 600_000,
        "bytes_ratio": 1000,
        "restyle_ratio": 15,
        "peak_rss_mb": 300,
    },
}


def markdown(out: dict) -> str:
    """A summary table of one run, for bench/README.md."""
    m = out["machine"]
    lines = [
        f"Run {out['when']} ({'quick' if out['quick'] else 'full'}: {out['loads']} measured first loads, "
        f"{out['changes']} restyles per app and scale), {m['cores']} cores ({m['cpu']}), {m['memory_gb']} GB, "
        f"{m['chromium']}, load average {m['load_avg_start'][0]:.1f} at start, "
        f"{m['load_avg_end'][0]:.1f} at end.",
        "",
    ]
    lines += ["| scale | measure | ours | baseline | baseline / ours | target | met |", "|---|---|---|---|---|---|---|"]
    for scale, res in out["scales"].items():
        o, b, g, tg = res["ours"], res["baseline"], res["geometry"], TARGETS.get(scale, {})

        def row(name, a, c, target="", met=""):
            r = ratio(c, a)
            lines.append(f"| {scale} | {name} | {_f(a)} | {_f(c)} | {f'{r:.1f}x' if r else '-'} | {target} | {met} |")

        def ok(cond):
            return "yes" if cond else "**no**"

        fm = o["first_map_ms"].get("median")
        row(
            "first map drawn, median ms",
            fm,
            b["first_map_ms"].get("median"),
            f"≤ {tg['first_map_ms']:,}",
            ok(fm <= tg["first_map_ms"]),
        )
        row("restyle, median ms", o["restyle_ms"].get("median"), b["restyle_ms"].get("median"))
        p95 = o["restyle_ms"].get("p95")
        rr = ratio(b["restyle_ms"].get("p95"), p95)
        row(
            "restyle, p95 ms",
            p95,
            b["restyle_ms"].get("p95"),
            f"≤ {tg['restyle_p95_ms']}" + (f"; ≥ {tg['restyle_ratio']}x" if "restyle_ratio" in tg else ""),
            ok(p95 <= tg["restyle_p95_ms"] and ("restyle_ratio" not in tg or rr >= tg["restyle_ratio"])),
        )
        row(
            "village layer (geometry + values), gzip B",
            g["desa_geojson_gzip"],
            None,
            f"≤ {tg['geometry_gzip']:,}",
            ok(g["desa_geojson_gzip"] <= tg["geometry_gzip"]),
        )
        row("first load, data as served B", o["first_load_bytes"]["data"], b["first_load_bytes"]["data"])
        row("first load, everything as served B", o["first_load_bytes"]["total"], b["first_load_bytes"]["total"])
        body = o["interaction_bytes"].get("response_body")
        br = ratio(b["interaction_bytes"].get("response_body"), body)
        row(
            "per interaction, response body B",
            body,
            b["interaction_bytes"].get("response_body"),
            f"≥ {tg['bytes_ratio']:,}x" if "bytes_ratio" in tg else "",
            ok(br >= tg["bytes_ratio"]) if "bytes_ratio" in tg else "",
        )
        row(
            "per interaction, response with headers B",
            o["interaction_bytes"].get("response"),
            b["interaction_bytes"].get("response"),
        )
        row(
            "callback server time, median ms",
            o["callback_server_ms"].get("median"),
            b["callback_server_ms"].get("median"),
        )
        row("callback server time, p95 ms", o["callback_server_ms"].get("p95"), b["callback_server_ms"].get("p95"))
        pk = o["memory_mb"]["peak_rss"]
        row(
            "server peak RSS MB",
            pk,
            b["memory_mb"]["peak_rss"],
            f"≤ {tg['peak_rss_mb']}" if "peak_rss_mb" in tg else "",
            ok(pk <= tg["peak_rss_mb"]) if "peak_rss_mb" in tg else "",
        )
        c = res["cold_start"]
        if c:
            row(
                "server peak RSS, first start (empty cache) MB",
                c["memory_mb"]["VmHWM"],
                None,
                f"≤ {tg['peak_rss_mb']}" if "peak_rss_mb" in tg else "",
                ok(c["memory_mb"]["VmHWM"] <= tg["peak_rss_mb"]) if "peak_rss_mb" in tg else "",
            )
    lines += [
        "",
        "Geometry: "
        + "; ".join(
            f"{scale} {r['geometry']['vertices_source']:,} → {r['geometry']['vertices_web']:,} vertices "
            f"(tolerance {r['geometry']['tolerance_deg']}°, grid {r['geometry']['grid_deg']}°), geometry alone "
            f"{r['geometry']['geometry_only_gzip']:,} B gzip, kecamatan lines {r['geometry']['kecamatan_geojson_gzip']:,} B"
            for scale, r in out["scales"].items()
        )
        + ".",
    ]
    return "\n".join(lines) + "\n"


def _f(v):
    if v is None:
        return "-"
    if isinstance(v, float) and v < 1000:
        return f"{v:.1f}"
    return f"{int(round(v)):,}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Konvergensi benchmark (see bench/README.md)")
    ap.add_argument("--quick", action="store_true", help="fewer repetitions: a run under two minutes")
    ap.add_argument("--scales", default="regency,province")
    ap.add_argument("--changes", type=int, default=None, help="restyles per app and scale (default 40, quick 6)")
    ap.add_argument("--loads", type=int, default=None, help="measured first loads (default 5, quick 1)")
    args = ap.parse_args(argv)
    n_changes = args.changes or (6 if args.quick else 40)
    loads = args.loads or (1 if args.quick else 5)
    RESULTS.mkdir(parents=True, exist_ok=True)
    t_start = time.time()
    out = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "quick": args.quick,
        "machine": machine(),
        "changes": n_changes,
        "loads": loads,
        "scales": {},
    }
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), headless=True, args=CHROMIUM_ARGS
        )
        for scale in args.scales.split(","):
            data_dir = ROOT / "var" / "bench" / scale  # the geometry cache persists between runs
            geom = geometry_facts(scale)  # also fills the geometry cache
            meta = {"ind": geom.pop("indicators"), "years": geom.pop("years")}
            res = {"geometry": geom}
            # The product's first start with an empty geometry cache (cleaning and simplifying);
            # full runs only.
            res["cold_start"] = None
            if not args.quick:
                with tempfile.TemporaryDirectory(prefix="konvergensi-bench-") as cold_dir:
                    print(f"[{time.time() - t_start:5.0f}s] {scale}: ours, cold start...", flush=True)
                    cold = Server("ours", scale, Path(cold_dir))
                    res["cold_start"] = {"startup_s": cold.startup_s, "memory_mb": cold.memory()}
                    cold.stop()
            for kind in ("ours", "baseline"):
                print(f"[{time.time() - t_start:5.0f}s] {scale}: {kind}...", flush=True)
                server = Server(kind, scale, data_dir)
                try:
                    res[kind] = measure(
                        kind, scale, browser, server, geom["villages"], loads, n_changes, meta["ind"], meta["years"]
                    )
                finally:
                    server.stop()
            res["ratios"] = {
                "restyle_p95": ratio(res["baseline"]["restyle_ms"].get("p95"), res["ours"]["restyle_ms"].get("p95")),
                "restyle_median": ratio(
                    res["baseline"]["restyle_ms"].get("median"), res["ours"]["restyle_ms"].get("median")
                ),
                "interaction_bytes_body": ratio(
                    res["baseline"]["interaction_bytes"].get("response_body"),
                    res["ours"]["interaction_bytes"].get("response_body"),
                ),
                "interaction_bytes_with_headers": ratio(
                    res["baseline"]["interaction_bytes"].get("response"),
                    res["ours"]["interaction_bytes"].get("response"),
                ),
                "first_map": ratio(
                    res["baseline"]["first_map_ms"].get("median"), res["ours"]["first_map_ms"].get("median")
                ),
            }
            out["scales"][scale] = res
            print_scale(scale, res)
        browser.close()
    out["duration_s"] = round(time.time() - t_start, 1)
    out["machine"]["load_avg_end"] = os.getloadavg()
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    text = json.dumps(out, indent=2)
    (RESULTS / f"{'quick' if args.quick else 'full'}-{stamp}.json").write_text(text)
    (RESULTS / ("latest-quick.json" if args.quick else "latest.json")).write_text(text)
    (RESULTS / ("latest-quick.md" if args.quick else "latest.md")).write_text(markdown(out))
    print(f"\nresults: bench/results/{'quick' if args.quick else 'full'}-{stamp}.json ({out['duration_s']} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
