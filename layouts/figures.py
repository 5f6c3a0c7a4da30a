"""Plotly figures as pure functions of data frames and the language."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from geo.analysis import classify
from geo.analysis.classify import CLEAR_CHANGE, SOURCE_COLORS
from geo.core.i18n import fmt_pct, fmt_pp, t

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', sans-serif"
# Line style and marker per source type; colours from geo.analysis.classify.SOURCE_COLORS.
SOURCE_STYLE = {
    kind: (SOURCE_COLORS[kind], dash, symbol)
    for kind, dash, symbol in (
        ("registri_opd", "solid", "circle"),
        ("survei", "solid", "square"),
        ("registri_eppgbm", "solid", "diamond"),
        ("target", "dot", "x"),
    )
}
TEXT_POSITION = {"registri_eppgbm": "bottom center", "target": "middle right"}
SOURCE_ORDER = classify.SOURCE_ORDER


def separators(lang: str) -> str:
    return ",." if lang == "id" else ".,"


def base_layout(fig: go.Figure, lang: str, height: int, demo: bool = False) -> go.Figure:
    fig.update_layout(
        height=height,
        margin={"l": 10, "r": 20, "t": 30 if demo else 10, "b": 40},
        font={"family": FONT, "size": 15, "color": "#1a1a1a"},
        separators=separators(lang),
        paper_bgcolor="white",
        plot_bgcolor="white",
        hoverlabel={"font": {"size": 15}},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
    )
    fig.update_xaxes(showline=True, linecolor="#444", gridcolor="#e5e5e5")
    fig.update_yaxes(showline=True, linecolor="#444", gridcolor="#e5e5e5")
    if demo:
        fig.add_annotation(
            text=t("common.demo", lang),
            xref="paper",
            yref="paper",
            x=1,
            y=1.02,
            yanchor="bottom",
            xanchor="right",
            showarrow=False,
            font={"size": 14, "color": "#7a1f00"},
            bgcolor="#ffe9a8",
            bordercolor="#7a1f00",
            borderwidth=1,
            borderpad=3,
        )
    return fig


def published_trend(pub: pd.DataFrame, kode_kab: str, lang: str) -> go.Figure:
    """Published figures as separate series per source type, never joined into one line."""
    from geo.analysis.trend import published_table

    fig = go.Figure()
    own = published_table(pub[pub["kode_kab"] == kode_kab])
    for kind in [k for k in SOURCE_ORDER if k in set(own["jenis_sumber"])] + sorted(
        set(own["jenis_sumber"]) - set(SOURCE_ORDER)
    ):
        d = own[own["jenis_sumber"] == kind].sort_values("tahun")
        colour, dash, symbol = SOURCE_STYLE.get(kind, ("#666666", "solid", "circle"))
        name = t(f"trend.src.{kind}", lang) if kind in SOURCE_STYLE else kind
        part = d[d["sebagian_tahun"]]
        d = d[~d["sebagian_tahun"]]
        if len(part):  # a part of a year: its own point, never joined to the annual ones by a line
            fig.add_trace(
                go.Scatter(
                    x=part["tahun"],
                    y=part["nilai_persen"],
                    name=f"{name} ({t('trend.partial_suffix', lang)})",
                    mode="markers+text",
                    marker={
                        "size": 12,
                        "symbol": f"{symbol}-open",
                        "color": colour,
                        "line": {"width": 2, "color": colour},
                    },
                    text=[fmt_pct(v, lang) for v in part["nilai_persen"]],
                    textposition="top center",
                    textfont={"size": 14, "color": colour},
                    customdata=[[s, str(p)] for s, p in zip(part["sumber"], part["periode"])],
                    hovertemplate="%{customdata[0]} (%{customdata[1]}): %{text}<extra></extra>",
                )
            )
        if not len(d):
            continue
        fig.add_trace(
            go.Scatter(
                x=d["tahun"],
                y=d["nilai_persen"],
                name=name,
                mode="lines+markers+text",
                line={"color": colour, "dash": dash, "width": 3},
                marker={"size": 12, "symbol": symbol},
                text=[fmt_pct(v, lang) for v in d["nilai_persen"]],
                textposition=TEXT_POSITION.get(kind, "top center"),
                textfont={"size": 14, "color": colour},
                customdata=[[s, str(p)] for s, p in zip(d["sumber"], d["periode"])],
                hovertemplate="%{customdata[0]} (%{customdata[1]}): %{text}<extra></extra>",
            )
        )
    parent = pub[pub["kode_kab"] == kode_kab.split(".")[0]] if "." in kode_kab else pub.iloc[0:0]
    for kind in sorted(set(parent["jenis_sumber"])):
        d = parent[parent["jenis_sumber"] == kind].sort_values("tahun")
        kind_name = t(f"trend.src.{kind}", lang) if kind in SOURCE_STYLE else kind
        fig.add_trace(
            go.Scatter(
                x=d["tahun"],
                y=d["nilai_persen"],
                mode="lines+markers",
                name=t("trend.src.province", lang, kind=kind_name),
                line={"color": "#888888", "dash": "dash", "width": 2},
                marker={"size": 8, "symbol": "circle-open"},
                text=[fmt_pct(v, lang) for v in d["nilai_persen"]],
                customdata=[[s] for s in d["sumber"]],
                hovertemplate="%{customdata[0]}: %{text}<extra></extra>",
            )
        )
    base_layout(fig, lang, 430)
    fig.update_layout(margin={"t": 60})
    fig.update_xaxes(title=t("trend.axis_year", lang), dtick=1, tickformat="d")
    fig.update_yaxes(title=t("trend.axis_pct", lang), rangemode="tozero", ticksuffix="%")
    return fig


def dumbbell(
    change: pd.DataFrame, label_col: str, year_from: int, year_to: int, lang: str, demo: bool, row_height: int = 26
) -> go.Figure:
    """One row per area: a segment from the first to the second year, worst change on top."""
    d = change.iloc[::-1]  # plotly draws the first category at the bottom
    labels = list(d[label_col])
    fig = go.Figure()
    xs, ys = [], []
    for lab, a, b in zip(labels, d["awal"], d["akhir"]):
        xs += [a, b, None]
        ys += [lab, lab, None]
    fig.add_trace(
        go.Scatter(x=xs, y=ys, mode="lines", line={"color": "#9a9a9a", "width": 3}, hoverinfo="skip", showlegend=False)
    )
    fig.add_trace(
        go.Scatter(
            x=d["awal"],
            y=labels,
            mode="markers",
            name=str(year_from),
            marker={"size": 12, "color": "white", "line": {"color": "#333", "width": 2}},
            text=[fmt_pct(v, lang) for v in d["awal"]],
            hovertemplate="%{y} " + str(year_from) + ": %{text}<extra></extra>",
        )
    )
    # Red / blue only for a clear change (two-proportion test, geo.analysis.uncertainty), sand for the rest.
    kelas = (
        d["kelas"]
        if "kelas" in d
        else pd.Series(
            ["naik" if c > 0 else ("turun" if c < 0 else "tidak_jelas") for c in d["perubahan"]], index=d.index
        )
    )
    palette = {"naik": CLEAR_CHANGE.colors[2], "turun": CLEAR_CHANGE.colors[0], "tidak_jelas": CLEAR_CHANGE.colors[1]}
    colours = [palette.get(k, "#666666") for k in kelas]
    for colour, key in (
        (CLEAR_CHANGE.colors[2], "trend.legend_worse"),
        (CLEAR_CHANGE.colors[0], "trend.legend_better"),
        (CLEAR_CHANGE.colors[1], "trend.legend_unclear"),
    ):
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=t(key, lang, year=year_to),
                marker={"size": 13, "color": colour, "line": {"color": "#222", "width": 1}},
            )
        )
    fig.add_trace(
        go.Scatter(
            x=d["akhir"],
            y=labels,
            mode="markers+text",
            name=str(year_to),
            showlegend=False,
            marker={"size": 13, "color": colours, "line": {"color": "#222", "width": 1}},
            text=[fmt_pp(c, lang) for c in d["perubahan"]],
            textposition="middle right",
            textfont={"size": 13},
            cliponaxis=False,
            customdata=[fmt_pct(v, lang) for v in d["akhir"]],
            hovertemplate="%{y} " + str(year_to) + ": %{customdata} (%{text})<extra></extra>",
        )
    )
    base_layout(fig, lang, max(220, row_height * len(labels) + 110), demo=demo)
    top = len(labels) > 20  # long lists: axis on top, where the worst villages are
    fig.update_layout(margin={"l": 10, "r": 90, "t": 80 if top else 40, "b": 40})
    if top:  # legend above the tick labels, DATA CONTOH label under the chart
        fig.update_layout(legend={"yref": "container", "y": 1.0, "yanchor": "top"})
        fig.update_annotations(y=0, yanchor="top", yshift=-6)
    fig.update_xaxes(title=None if top else t("trend.axis_pct", lang), ticksuffix="%", side="top" if top else "bottom")
    fig.update_yaxes(type="category", automargin=True, showgrid=True, range=[-0.6, len(labels) - 0.4])
    return fig


def village_trend(rows: list[dict], lang: str, demo: bool) -> go.Figure:
    """A village's prevalence per year with its 95% interval and the number measured."""
    years = [r["year"] for r in rows]
    fig = go.Figure(
        go.Scatter(
            x=years,
            y=[r["pct"] for r in rows],
            mode="lines+markers+text",
            marker={"size": 11, "color": "#D55E00"},
            line={"color": "#D55E00", "width": 2},
            error_y={
                "type": "data",
                "symmetric": False,
                "array": [r["hi"] - r["pct"] for r in rows],
                "arrayminus": [r["pct"] - r["lo"] for r in rows],
                "color": "#444",
                "thickness": 2,
                "width": 8,
            },
            text=[f"{r['pct_text']}<br>{r['n_text']}" for r in rows],
            textposition="middle right",
            hovertemplate="%{x}: %{text}<extra></extra>",
            cliponaxis=False,
        )
    )
    base_layout(fig, lang, 210, demo=demo)
    fig.update_layout(showlegend=False, margin={"l": 10, "r": 10, "t": 28, "b": 30}, font={"size": 13})
    fig.update_xaxes(dtick=1, tickformat="d", range=[min(years) - 0.4, max(years) + 0.9] if years else None)
    fig.update_yaxes(ticksuffix="%", rangemode="tozero")
    return fig
