"""The data quality page (/kualitas): one row per dataset, then the flags to discuss."""

from __future__ import annotations

from dash import html

from geo.core.i18n import fmt_int, t
from layouts import ids
from layouts.shell import demo_tag, page

FLAG_ORDER = ("coverage_over_100", "prevalence_jump", "disagree", "unmatched", "missing")


def summary_table(rows: list[dict], lang: str) -> html.Table:
    cols = (
        "quality.col_dataset",
        "quality.col_source",
        "quality.col_period",
        "quality.col_import",
        "quality.col_complete",
    )
    body = [
        html.Tr(
            [
                html.Td(r["dataset"]),
                html.Td(demo_tag(lang) if r["demo"] else r["source"]),
                html.Td(r["period"]),
                html.Td(r["import"]),
                html.Td(
                    [
                        html.Div(r["complete"]),
                        html.Div(
                            html.Div(className="bar-fill", style={"width": f"{min(r['complete_pct'], 100):.0f}%"}),
                            className="bar",
                        ),
                    ]
                ),
            ]
        )
        for r in rows
    ]
    return html.Table(
        [html.Thead(html.Tr([html.Th(t(c, lang)) for c in cols])), html.Tbody(body)],
        className="data-table quality-table",
        id=ids.QUALITY_TABLE,
    )


def flags_section(rows: list[dict], lang: str) -> html.Div:
    if not rows:
        return html.P(t("quality.no_flags", lang), className="notice notice-ok")
    groups = []
    for kind in FLAG_ORDER:
        part = [r for r in rows if r["flag"] == kind]
        if not part:
            continue
        body = [html.Tr([html.Td(r["desa"]), html.Td(r["detail"])]) for r in part]
        groups.append(
            html.Details(
                open=kind != "missing" and len(part) <= 10,
                className=f"flag-group flag-{kind}",
                children=[
                    html.Summary(
                        [
                            part[0]["title"].split(" (")[0] if kind == "missing" else part[0]["title"],
                            " ",
                            html.Span(t("quality.flag_count", lang, n=fmt_int(len(part), lang)), className="badge"),
                            " ",
                            demo_tag(lang) if any(r["demo"] for r in part) else None,
                        ]
                    ),
                    html.Table(
                        [
                            html.Thead(
                                html.Tr([html.Th(t("quality.col_desa", lang)), html.Th(t("quality.col_detail", lang))])
                            ),
                            html.Tbody(body),
                        ],
                        className="data-table flags-table",
                    ),
                ],
            )
        )
    return html.Div(groups, id=ids.QUALITY_FLAGS)


def _flagged(text: str, flag: bool, lang: str):
    return html.Td(
        [text, " ", html.Span("⚠", title=t("mq.out_of_range", lang), className="badge badge-warn")] if flag else text,
        className="num",
    )


def measurements_section(m: dict | None, lang: str):
    """Quality of the by-name measurements, per puskesmas then per village (aggregates only)."""
    if not m:
        return None
    cols = (
        "mq.col_rows",
        "mq.col_measured",
        "mq.col_excluded",
        "mq.col_implausible",
        "mq.col_sd",
        "mq.col_digits",
        "mq.col_status",
    )

    def head(first):
        return html.Thead(
            html.Tr([html.Th(t(c, lang)) for c in first] + [html.Th(t(c, lang, lo=m["lo"], hi=m["hi"])) for c in cols])
        )

    def cells(r):
        return [
            html.Td(r["rows"], className="num"),
            html.Td(r["measured"], className="num"),
            html.Td(r["excluded"], className="num"),
            _flagged(r["implausible"], r["implausible_flag"], lang),
            _flagged(r["sd"], r["sd_flag"], lang),
            _flagged(r["digits"], r["digits_flag"], lang),
            html.Td(r["status"], className="num"),
        ]

    pkm = html.Table(
        [head(("mq.col_pkm",)), html.Tbody([html.Tr([html.Td(r["name"])] + cells(r)) for r in m["puskesmas"]])],
        className="data-table measurement-table",
        id="kualitas-pengukuran-pkm",
    )
    desa = html.Table(
        [
            head(("mq.col_pkm", "mq.col_desa")),
            html.Tbody([html.Tr([html.Td(r["puskesmas"]), html.Td(r["name"])] + cells(r)) for r in m["villages"]]),
        ],
        className="data-table measurement-table",
        id="kualitas-pengukuran-desa",
    )
    return html.Section(
        id="kualitas-pengukuran",
        children=[
            html.H2(t("mq.title", lang, year=m["year"])),
            html.P(t("mq.intro", lang)),
            html.H3(t("mq.by_pkm", lang)),
            html.Div(pkm, className="table-wrap"),
            html.Details([html.Summary(t("mq.by_desa", lang)), html.Div(desa, className="table-wrap")]),
        ],
    )


def build(ctx: dict, lang: str) -> html.Div:
    body = html.Div(
        className="doc-page quality-page",
        children=[
            html.H1(t("quality.title", lang)),
            html.P(t("quality.intro", lang), className="lead"),
            html.Div(summary_table(ctx["summary"], lang), className="table-wrap"),
            html.H2(t("quality.flags", lang)),
            flags_section(ctx["flags"], lang),
            measurements_section(ctx.get("measurements"), lang),
        ],
    )
    return page("/kualitas", lang, ctx["region"], ctx["demo"], body, extra_class="page-quality")
