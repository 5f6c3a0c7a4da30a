"""The rembuk deck's convergence-loop parts: the opening slide with last meeting's commitments, the
seventh slide with the planned activities in the proposed lokus villages, and the berita acara form
(an overlay opened from the deck bar: keyboard-friendly, large text)."""

from __future__ import annotations

from dash import dcc, html

from geo.core.i18n import t

N_ATTENDEES = 8
N_COMMITMENTS = 6
PANEL = "ba-panel"


def commitments_body(ctx, s, lang):
    head = [t(f"loop.col.{c}", lang) for c in ("opd", "activity", "progress", "deadline", "status")]
    rows = [
        html.Tr(
            [
                html.Td(r["opd"]),
                html.Td([html.Strong(r["desa"]), html.Br(), r["kegiatan"]]),
                html.Td(r["progress"], className="num"),
                html.Td(r["deadline"]),
                html.Td(r["status_text"], className=f"st-{r['status']}"),
            ],
            className="commit-row",
            **{"data-status": r["status"]},
        )
        for r in s["rows"]
    ]
    if s["more"]:
        rows.append(html.Tr(html.Td(t("loop.more", lang, n=s["more"]), colSpan=len(head))))
    return html.Table(
        [html.Thead(html.Tr([html.Th(h) for h in head])), html.Tbody(rows)],
        className="slide-table commit-table",
        id="rembuk-commitments",
    )


def plans_body(ctx, s, lang):
    head = [t(f"loop.col.{c}", lang) for c in ("opd", "n", "villages", "budget", "inds")]
    rows = [
        html.Tr(
            [
                html.Td(r["opd"]),
                html.Td(r["n"], className="num"),
                html.Td(r["villages"], className="num"),
                html.Td(r["budget"], className="num"),
                html.Td(r["inds"]),
            ]
        )
        for r in s["rows"]
    ]
    return html.Div(
        [
            html.Table(
                [html.Thead(html.Tr([html.Th(h) for h in head])), html.Tbody(rows)],
                className="slide-table plans-table",
                id="rembuk-plans",
            ),
            html.P(s.get("without", ""), className="slide-note plans-without"),
        ]
    )


def _field(label: str, comp) -> html.Div:
    return html.Div([html.Label(label, htmlFor=comp.id if isinstance(comp.id, str) else None), comp])


def minutes_form(ctx: dict, lang: str) -> html.Div:
    f = ctx["form"]
    offices = [{"label": o, "value": o} for o in f["offices"]]
    dd = {
        "labels": {k: t(f"ba.dd.{k}", lang) for k in ("search", "clear_search", "clear_selection", "no_options_found")},
        "className": "ba-dd",
    }
    villages = [{"label": v["label"], "value": v["code"]} for v in f["villages"]]
    att = [
        html.Div(
            className="ba-row",
            children=[
                html.Div(
                    [
                        html.Label(t("ba.att_name", lang, i=i + 1)),
                        dcc.Input(
                            id={"type": "ba-att-name", "i": i},
                            type="text",
                            maxLength=80,
                            debounce=False,
                            className="ba-name",
                        ),
                    ]
                ),
                html.Div(
                    [
                        html.Label(t("ba.att_office", lang)),
                        dcc.Dropdown(
                            id={"type": "ba-att-opd", "i": i},
                            options=offices,
                            **dd,
                            placeholder=t("ba.pick_office", lang),
                            style={"minWidth": "340px"},
                        ),
                    ]
                ),
            ],
        )
        for i in range(N_ATTENDEES)
    ]
    com = [
        html.Div(
            className="ba-row ba-commit",
            children=[
                html.Div(
                    [
                        html.Label(t("ba.com_office", lang, i=i + 1)),
                        dcc.Dropdown(
                            id={"type": "ba-com-opd", "i": i},
                            options=offices,
                            **dd,
                            placeholder=t("ba.pick_office", lang),
                            style={"minWidth": "260px"},
                        ),
                    ]
                ),
                html.Div(
                    [
                        html.Label(t("ba.com_activity", lang)),
                        dcc.Input(
                            id={"type": "ba-com-act", "i": i},
                            type="text",
                            maxLength=160,
                            list="ba-activities",
                            style={"width": "280px"},
                        ),
                    ]
                ),
                html.Div(
                    [
                        html.Label(t("ba.com_village", lang)),
                        dcc.Dropdown(
                            id={"type": "ba-com-desa", "i": i},
                            options=villages,
                            **dd,
                            placeholder=t("ba.pick_village", lang),
                            style={"minWidth": "220px"},
                        ),
                    ]
                ),
                html.Div(
                    [
                        html.Label(t("ba.com_volume", lang)),
                        dcc.Input(id={"type": "ba-com-vol", "i": i}, type="number", min=0, style={"width": "90px"}),
                    ]
                ),
                html.Div(
                    [
                        html.Label(t("ba.com_unit", lang)),
                        dcc.Input(
                            id={"type": "ba-com-unit", "i": i}, type="text", maxLength=30, style={"width": "110px"}
                        ),
                    ]
                ),
                html.Div(
                    [html.Label(t("ba.com_deadline", lang)), dcc.Input(id={"type": "ba-com-due", "i": i}, type="date")]
                ),
            ],
        )
        for i in range(N_COMMITMENTS)
    ]
    signed = bool(f["user"])
    return html.Div(
        id=PANEL,
        className="ba-panel",
        role="dialog",
        **{"aria-label": t("ba.title", lang)},
        children=[
            html.Div(
                className="ba-section ba-form",
                children=[
                    html.Div(
                        [
                            html.H2(t("ba.title", lang)),
                            html.Button(
                                t("ba.close", lang), className="deck-btn", **{"data-deck": "minutes"}, id="ba-close"
                            ),
                        ],
                        className="ba-head",
                    ),
                    html.P(t("ba.intro", lang), className="lead"),
                    html.P(t("ba.need_login", lang), className="notice notice-warn", id="ba-login-note")
                    if not signed
                    else None,
                    dcc.Store(id="ba-lang", data=lang),
                    dcc.Store(id="ba-query", data=f.get("query", {})),
                    html.Datalist(id="ba-activities", children=[html.Option(value=a) for a in f["activities"]]),
                    _field(t("ba.date", lang), dcc.Input(id="ba-date", type="date", value=f["today"])),
                    html.H3(t("ba.attendees", lang)),
                    *att,
                    html.H3(t("ba.commitments", lang)),
                    *com,
                    html.P(t("ba.scenario", lang, scenario=f["scenario"]), className="hint", id="ba-scenario"),
                    html.Button(t("ba.save", lang), id="ba-save", className="btn btn-primary", disabled=not signed),
                    html.Div(id="ba-message", className="ba-message", role="status", **{"aria-live": "polite"}),
                    html.Div(
                        id="ba-links",
                        className="dl-links",
                        children=[
                            html.A(
                                t("ba.pdf_last", lang, date=f["last_date"]),
                                href=f["last_pdf"],
                                id="ba-pdf-last",
                                target="_blank",
                            )
                        ]
                        if f.get("last_pdf")
                        else [],
                    ),
                ],
            )
        ],
    )
