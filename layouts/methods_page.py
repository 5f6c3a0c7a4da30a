"""The methods page (/metode): definitions, thresholds, intervals, lokus score, sources, demo data."""

from __future__ import annotations

from dash import html

from geo.core.i18n import t
from layouts import ids
from layouts.shell import page


def _scale(rows: list[dict]) -> html.Ul:
    return html.Ul(
        [
            html.Li([html.Span(className="swatch", style={"backgroundColor": r["color"]}), " ", r["label"]])
            for r in rows
        ],
        className="scale-list",
    )


def _measurements(m: dict, lang: str) -> html.Section:
    return html.Section(
        className="card",
        id="metode-pengukuran",
        children=[
            html.H2(t("mm.title", lang)),
            html.P(m["intro"]),
            html.P(m["zscore"]),
            html.P(m["package"]),
            html.H3(t("mm.rules", lang)),
            html.Ul([html.Li(r) for r in m["rules"]]),
            html.P(m["quality"]),
            html.P(m["privacy"]),
        ],
    )


def build(ctx: dict, lang: str) -> html.Div:
    ind_table = html.Table(
        className="methods-table",
        children=[
            html.Thead(
                html.Tr(
                    [
                        html.Th(t(f"methods.col_{c}", lang))
                        for c in ("code", "name", "num", "den", "group", "opd", "target", "rule")
                    ]
                )
            ),
            html.Tbody(
                [
                    html.Tr(
                        [
                            html.Td(html.Code(r["code"])),
                            html.Td(r["name"]),
                            html.Td(r["num"]),
                            html.Td(r["den"]),
                            html.Td(r["group"]),
                            html.Td(r["opd"]),
                            html.Td(
                                [r["target"], html.Br(), html.Small(r["source"], lang="id")]
                                if r["source"] != "–"
                                else r["target"]
                            ),
                            html.Td(r["rule"]),
                        ]
                    )
                    for r in ctx["indicators"]
                ]
            ),
        ],
    )
    lokus = ctx["lokus"]
    pub = html.Table(
        className="methods-table",
        children=[
            html.Thead(
                html.Tr(
                    [
                        html.Th(t("common.source", lang)),
                        html.Th(t("methods.src_kind", lang)),
                        html.Th(t("methods.col_value", lang)),
                    ]
                )
            ),
            html.Tbody(
                [
                    html.Tr(
                        [
                            html.Td(
                                html.A(r["source"], href=r["url"], rel="noopener noreferrer", target="_blank")
                                if r["url"]
                                else r["source"]
                            ),
                            html.Td(r["kind"]),
                            html.Td(r["value"], className="num"),
                        ]
                    )
                    for r in ctx["published"]
                ]
            ),
        ],
    )
    downloads = html.Ul(
        [
            html.Li(html.A(t(key, lang), href=f"{path}?lang={lang}"))
            for key, path in (
                ("export.csv", "/unduh/data.csv"),
                ("export.gpkg", "/unduh/data.gpkg"),
                ("export.dictionary", "/unduh/kamus-data.csv"),
                ("export.pdf", "/unduh/paket-rembuk.pdf"),
            )
        ],
        className="download-list",
    )
    body = html.Div(
        id=ids.METHODS,
        className="methods-layout",
        children=[
            html.H1(t("methods.title", lang)),
            html.P(t("methods.intro", lang), className="lead"),
            html.Section(className="card", children=[html.H2(t("export.downloads", lang)), downloads]),
            html.Section(className="card", children=[html.H2(t("methods.indicators", lang)), ind_table]),
            html.Section(
                className="card",
                children=[
                    html.H2(t("methods.thresholds", lang)),
                    html.P(t("methods.thresholds_note", lang)),
                    _scale(ctx["who"]),
                    html.H3(t("methods.coverage_scale", lang)),
                    _scale(ctx["coverage"]),
                    html.H3(t("methods.change_scale", lang)),
                    _scale(ctx["change"]),
                ],
            ),
            html.Section(className="card", children=[html.H2(t("methods.ci", lang)), html.P(ctx["ci"])]),
            html.Section(
                className="card methods-uncertainty",
                id="metode-ketidakpastian",
                children=[
                    html.H2(t("mu.title", lang)),
                    *[
                        html.Div(
                            className="mu-section",
                            children=[
                                html.H3(s["title"]),
                                *[html.P(p) for p in s["paras"]],
                                # bibliographic references keep their own (English) titles
                                html.P(
                                    [html.Strong(t("mu.cite", lang) + ": "), html.Span(s["cite"], lang="en")],
                                    className="citation",
                                )
                                if s["cite"]
                                else None,
                            ],
                        )
                        for s in ctx.get("uncertainty", [])
                    ],
                ],
            ),
            html.Section(
                className="card",
                children=[
                    html.H2(t("methods.lokus", lang)),
                    html.P(lokus["text"]),
                    html.Ul([html.Li(f"{k}: {v}") for k, v in lokus["params"]]) if lokus["params"] else None,
                    html.P(ctx["gap_line"]),
                ],
            ),
            html.Section(
                className="card",
                id="metode-konvergensi",
                children=[html.H2(ctx["convergence"]["title"]), *[html.P(p) for p in ctx["convergence"]["paras"]]],
            )
            if ctx.get("convergence")
            else None,
            _measurements(ctx["measurements"], lang),
            html.Section(
                className="card",
                children=[
                    html.H2(t("methods.sources", lang)),
                    html.Ul([html.Li([html.Strong(s["name"] + ": "), s["text"]]) for s in ctx["sources"]]),
                    html.P(t("methods.survey_registry", lang)),
                    pub,
                    html.P(t("methods.licence_code", lang)),
                ],
            ),
            html.Section(
                className="card",
                children=[
                    html.H2(t("methods.demo", lang)),
                    html.P(t("methods.demo_text", lang)),
                    html.P(ctx["demo_now"]),
                ],
            ),
        ],
    )
    return page("/metode", lang, ctx["region"], ctx["demo"], body, extra_class="page-methods")
