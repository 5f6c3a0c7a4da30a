"""The naive baseline the benchmark compares against (NOT part of the product).

A Plotly ``choropleth_map`` (MapLibre, no tiles, ``map_style="white-bg"``) of the same
villages with the same simplified geometry as the product, rebuilt on the server and
sent whole (geometry included) on every change of indicator or year — what one
writes first with Dash and Plotly.

    python bench/baseline_app.py --port 8060      # same data env vars as app.py
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DASH_DISABLE_VERSION_CHECK", "true")

import plotly.graph_objects as go  # noqa: E402
from dash import Dash, Input, Output, dcc, html  # noqa: E402

from callbacks import routes  # noqa: E402  (only for the Server-Timing hooks)
from geo.analysis import classify, dataset  # noqa: E402
from geo.analysis.indicators import percent  # noqa: E402
from geo.core.schema import BUNDLED as INDICATORS  # noqa: E402


def geometry(ds) -> dict:
    """The product's village geometry (simplified, quantised), keyed by ``kode``."""
    fc = json.loads(ds.desa_geojson)
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": f["properties"]["kode"],
                "geometry": f["geometry"],
                "properties": {"kode": f["properties"]["kode"]},
            }
            for f in fc["features"]
        ],
    }


def figure(ds, geo: dict, indicator: str, year) -> go.Figure:
    scale = classify.scale_for(INDICATORS[indicator].kind)
    vals = ds.values(indicator, year) if year is not None else {}
    codes = list(ds.boundaries["kode_desa"])
    names = list(ds.boundaries["nama_desa"])
    z, text = [], []
    for code, name in zip(codes, names):
        pct = percent(*vals[code]) if code in vals else math.nan
        c = classify.class_index(None if math.isnan(pct) else pct, scale)
        z.append(-1 if c is None else c)
        text.append(f"{name}: {'–' if math.isnan(pct) else f'{pct:.2f}%'}")
    colors = [scale.nodata_color, *scale.colors]
    n = len(colors)
    colorscale = []
    for i, col in enumerate(colors):  # a step per class, z from -1 to n-2
        colorscale += [[i / n, col], [(i + 1) / n, col]]
    (s, w), (nn, e) = ds.bounds
    fig = go.Figure(
        go.Choroplethmap(
            geojson=geo,
            locations=codes,
            z=z,
            zmin=-1.5,
            zmax=n - 1.5,
            colorscale=colorscale,
            showscale=False,
            featureidkey="properties.kode",
            text=text,
            hoverinfo="text",
            marker_line_width=0.6,
            marker_line_color="#4d4d4d",
        )
    )
    fig.update_layout(
        map_style="white-bg",
        map_center={"lat": (s + nn) / 2, "lon": (w + e) / 2},
        map_zoom=9 if len(codes) < 500 else 6.5,
        margin=dict(l=0, r=0, t=0, b=0),
        height=700,
    )
    return fig


def create_app() -> Dash:
    ds = dataset.current()
    geo = geometry(ds)
    indicator = ds.indicator_codes[0]
    year = ds.years(indicator)[-1]
    app = Dash(__name__, serve_locally=True, compress=True, title="baseline", update_title=None)
    app.layout = html.Div(
        [
            dcc.RadioItems(id="indicator", value=indicator, options=ds.indicator_codes),
            dcc.RadioItems(id="year", value=year, options=ds.years(indicator), inline=True),
            dcc.Graph(id="graph", figure=figure(ds, geo, indicator, year), config={"displayModeBar": False}),
        ]
    )

    @app.callback(
        Output("graph", "figure"),
        Output("year", "options"),
        Output("year", "value"),
        Input("indicator", "value"),
        Input("year", "value"),
        prevent_initial_call=True,
    )
    def update(ind, yr):
        years = ds.years(ind)
        if yr not in years:
            yr = years[-1]
        return figure(ds, geo, ind, yr), years, yr

    app.server.before_request(routes._start_timer)
    app.server.after_request(routes._server_timing)
    app.server.add_url_rule("/healthz", "healthz", lambda: {"status": "ok", "villages": len(ds.boundaries)})
    return app


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8060)
    args = ap.parse_args()
    create_app().run(host=args.host, port=args.port, debug=False)
