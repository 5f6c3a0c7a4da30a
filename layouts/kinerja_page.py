"""The annual review page (/kinerja, Aksi 8): target vs achieved per indicator and year, planned vs
delivered per office, lokus vs other villages over the years with 95% intervals and the caveat."""

from __future__ import annotations

import plotly.graph_objects as go
from dash import dcc, html

from geo.core.i18n import indicator_text, t
from layouts.rencana_page import _table
from layouts.shell import demo_tag, page

FONT = 17
COLORS = {"lokus": "#d95f02", "lainnya": "#1b6ca8"}


def comparison_figure(ctx: dict, lang: str) -> go.Figure:
    comp = ctx["comp_frame"]
    fig = go.Figure()
    d = comp[comp["indikator"] == "stunting"] if len(comp) else comp
    for grp in ("lokus", "lainnya"):
        g = d[d["kelompok"] == grp].sort_values("tahun") if len(d) else d
        if not len(g):
            continue
        fig.add_trace(
            go.Scatter(
                x=[str(y) for y in g["tahun"]],
                y=g["persen"],
                mode="lines+markers",
                name=t(f"kinerja.group.{grp}", lang),
                line={"color": COLORS[grp], "width": 3},
                marker={"size": 11},
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": g["ci_atas"] - g["persen"],
                    "arrayminus": g["persen"] - g["ci_bawah"],
                    "thickness": 2,
                    "width": 8,
                },
            )
        )
    fig.update_layout(
        title={"text": t("kinerja.chart_title", lang), "font": {"size": FONT + 2}},
        font={"size": FONT},
        height=360,
        margin={"l": 60, "r": 20, "t": 60, "b": 50},
        legend={"orientation": "h", "y": -0.2},
        plot_bgcolor="#fff",
    )
    fig.update_yaxes(title=t("kinerja.chart_y", lang), rangemode="tozero", gridcolor="#ddd")
    fig.update_xaxes(title=t("kinerja.chart_x", lang), type="category")
    return fig


ROW_PX = 30  # height of one intervention's bar in the targets chart


def targets_figure(ctx: dict, lang: str) -> go.Figure:
    tg = ctx["targets_frame"]
    fig = go.Figure()
    labels = []
    if len(tg):
        latest = tg[tg["tahun"] == tg["tahun"].max()]
        labels = [indicator_text(c, lang) for c in latest["indikator"]]
        fig.add_trace(
            go.Bar(
                y=labels,
                x=latest["capaian"],
                orientation="h",
                name=str(int(tg["tahun"].max())),
                marker_color=["#1a7f37" if ok else "#b42318" for ok in latest["tercapai"]],
                error_x={
                    "type": "data",
                    "symmetric": False,
                    "array": latest["ci_atas"] - latest["capaian"],
                    "arrayminus": latest["capaian"] - latest["ci_bawah"],
                },
            )
        )
        fig.add_trace(
            go.Scatter(
                y=labels,
                x=latest["target"],
                mode="markers",
                name=t("kinerja.col_target", lang),
                marker={"symbol": "line-ns-open", "size": ROW_PX - 8, "color": "#000", "line": {"width": 4}},
            )
        )
        fig.update_layout(
            title={"text": f"{t('kinerja.targets_title', lang)} {int(tg['tahun'].max())}", "font": {"size": FONT + 2}}
        )
    fig.update_layout(
        font={"size": FONT},
        # a row per intervention, every one named: the catalogue has 16 with targets, and a fixed
        # height made Plotly drop every other label
        height=max(360, 130 + ROW_PX * len(labels)),
        margin={"l": 10, "r": 20, "t": 60, "b": 40},
        legend={"orientation": "h", "y": -0.12},
        plot_bgcolor="#fff",
        showlegend=True,
    )
    fig.update_xaxes(range=[0, 105], ticksuffix="%", gridcolor="#ddd")
    fig.update_yaxes(autorange="reversed", automargin=True, tickmode="array", tickvals=labels, ticktext=labels)
    return fig


def build(ctx: dict, lang: str) -> html.Div:
    q = "" if lang == "id" else "?lang=en"
    body = html.Div(
        className="doc-page wide-page",
        id="kinerja-page",
        children=[
            html.Div(
                [html.H1(t("kinerja.title", lang)), demo_tag(lang) if ctx["demo"] else None], className="title-row"
            ),
            html.P(t("kinerja.intro", lang), className="lead"),
            html.P(ctx["headline"], className="headline", id="kinerja-headline"),
            html.Div(
                [
                    html.A(
                        t("kinerja.xlsx", lang),
                        href=f"/unduh/kinerja.xlsx{q}",
                        id="kinerja-xlsx",
                        className="btn btn-primary",
                    ),
                    html.A(
                        t("kinerja.pdf", lang),
                        href=f"/unduh/paket-rembuk.pdf{q}",
                        target="_blank",
                        id="kinerja-pdf",
                        className="btn",
                    ),
                ],
                className="dl-links",
            ),
            html.Div(
                [
                    dcc.Graph(
                        figure=targets_figure(ctx, lang),
                        config={"displayModeBar": False, "responsive": True},
                        className="kinerja-graph",
                        id="kinerja-targets-graph",
                    ),
                    dcc.Graph(
                        figure=comparison_figure(ctx, lang),
                        config={"displayModeBar": False, "responsive": True},
                        className="kinerja-graph",
                        id="kinerja-compare-graph",
                    ),
                ],
                className="kinerja-grid",
            ),
            html.P(ctx["caveat"], className="caveat", id="kinerja-caveat", role="note"),
            html.H2(t("kinerja.diffs_title", lang)),
            _table(
                "kinerja-diffs",
                [
                    t(k, lang)
                    for k in (
                        "kinerja.col_ind",
                        "kinerja.col_change_lokus",
                        "kinerja.col_change_other",
                        "kinerja.col_diff",
                        "kinerja.col_clear",
                    )
                ],
                [[d["ind"], d["lokus"], d["other"], d["diff"], d["clear"]] for d in ctx["diffs"]],
            ),
            html.H2(t("kinerja.targets_title", lang)),
            _table(
                "kinerja-targets",
                [
                    t(k, lang)
                    for k in (
                        "kinerja.col_ind",
                        "kinerja.col_year",
                        "kinerja.col_target",
                        "kinerja.col_achieved",
                        "kinerja.col_met",
                        "kinerja.col_villages_met",
                    )
                ],
                [
                    [
                        r["ind"],
                        r["year"],
                        r["target"],
                        r["achieved"],
                        html.Span(r["met"], className="st-selesai" if r["ok"] else "st-belum"),
                        r["villages"],
                    ]
                    for r in ctx["targets"]
                ],
            ),
            html.P(ctx["target_rule"], className="hint"),
            html.H2(t("kinerja.offices_title", lang)),
            _table(
                "kinerja-offices",
                [
                    t(k, lang)
                    for k in (
                        "kinerja.col_year",
                        "rencana.col_opd",
                        "kinerja.col_n_act",
                        "kinerja.col_planned",
                        "kinerja.col_spent",
                        "kinerja.col_rate_budget",
                        "kinerja.col_rate_volume",
                    )
                ],
                [
                    [r["year"], r["opd"], r["n"], r["planned"], r["spent"], r["rate_budget"], r["rate_volume"]]
                    for r in ctx["offices"]
                ],
            ),
            html.H2(t("kinerja.compare_title", lang, year=ctx["lokus_year"] or "–")),
            _table(
                "kinerja-compare",
                [
                    t(k, lang)
                    for k in (
                        "kinerja.col_ind",
                        "kinerja.col_year",
                        "kinerja.col_group",
                        "kinerja.col_n_villages",
                        "kinerja.col_value",
                    )
                ],
                [[r["ind"], r["year"], r["group"], r["villages"], r["value"]] for r in ctx["comparison"]],
            ),
            html.P(t("kinerja.ci_note", lang), className="hint"),
        ],
    )
    return page("/kinerja", lang, ctx["region"], ctx["demo"], body, extra_class="page-kinerja page-big")
