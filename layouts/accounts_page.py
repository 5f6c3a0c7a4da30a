"""Admin pages: accounts (/akun) and the audit trail (/audit). Component trees only."""

from __future__ import annotations

from dash import dcc, html

from geo.core.i18n import t
from layouts import ids
from layouts.shell import href, page


def refused(active: str, ctx: dict, lang: str) -> html.Div:
    body = html.Div(
        className="doc-page",
        children=[
            html.H1(t(ctx["title_key"], lang)),
            html.P(t("account.admin_only", lang), className="notice notice-warn", id=ids.ACC_MSG),
            html.A(t("nav.data", lang), href=href("/data", lang)),
        ],
    )
    return page(active, lang, ctx["region"], False, body)


def accounts_table(rows: list[dict], lang: str) -> html.Div:
    if not rows:
        return html.P(t("acc.none", lang), className="hint")
    cols = ("acc.col_name", "acc.col_role", "acc.col_office", "acc.col_kinds", "acc.col_indicators", "acc.col_state")
    body = [
        html.Tr(
            [
                html.Td(r["name"], lang=""),
                html.Td(r["role"]),
                html.Td(r["office"], lang=""),
                html.Td(r["kinds"]),
                html.Td(r["indicators"]),
                html.Td(r["state"]),
            ],
            className="acc-row" + ("" if r["active"] else " inactive"),
        )
        for r in rows
    ]
    return html.Div(
        className="table-wrap",
        children=html.Table(
            [html.Thead(html.Tr([html.Th(t(c, lang)) for c in cols])), html.Tbody(body)],
            className="data-table accounts-table",
        ),
    )


def _field(label_key: str, control, lang: str):
    return html.Label([html.Span(t(label_key, lang), className="ctl-label"), control], className="acc-field")


def accounts(ctx: dict, lang: str) -> html.Div:
    kinds = [{"label": label, "value": k} for k, label in ctx["kinds"]]
    indicators = [{"label": label, "value": k} for k, label in ctx["indicators"]]
    form = html.Section(
        className="panel-section acc-form",
        children=[
            html.H2(t("acc.form_title", lang), className="panel-title"),
            html.P(t("acc.form_hint", lang, min=ctx["min_password"]), className="hint"),
            html.Div(
                className="inline-row",
                children=[
                    _field(
                        "acc.col_name",
                        dcc.Input(id=ids.ACC_NAME, type="text", maxLength=60, className="text-input"),
                        lang,
                    ),
                    _field(
                        "acc.pick",
                        dcc.Dropdown(
                            id=ids.ACC_PICK,
                            options=ctx["pick"],
                            clearable=True,
                            placeholder=t("acc.pick_hint", lang),
                            className="sc-dropdown",
                        ),
                        lang,
                    ),
                ],
            ),
            _field(
                "acc.col_role",
                dcc.RadioItems(
                    id=ids.ACC_ROLE,
                    value="opd",
                    className="radio-list inline",
                    options=[
                        {"label": t("role.opd", lang), "value": "opd"},
                        {"label": t("role.admin", lang), "value": "admin"},
                    ],
                ),
                lang,
            ),
            _field(
                "acc.col_office",
                dcc.Input(
                    id=ids.ACC_OFFICE, type="text", maxLength=80, className="text-input", placeholder="Dinas PUPR"
                ),
                lang,
            ),
            _field(
                "acc.col_kinds",
                dcc.Checklist(id=ids.ACC_KINDS, options=kinds, value=[], className="check-list inline"),
                lang,
            ),
            _field(
                "acc.col_indicators",
                dcc.Checklist(id=ids.ACC_INDICATORS, options=indicators, value=[], className="check-list inline"),
                lang,
            ),
            _field(
                "acc.temp_password",
                dcc.Input(id=ids.ACC_PASSWORD, type="password", className="text-input", autoComplete="new-password"),
                lang,
            ),
            html.Div(
                className="inline-row",
                children=[
                    html.Button(t("acc.create", lang), id=ids.ACC_CREATE, n_clicks=0, className="btn btn-primary"),
                    html.Button(t("acc.save_role", lang), id=ids.ACC_SAVE_ROLE, n_clicks=0, className="btn"),
                    html.Button(t("acc.reset", lang), id=ids.ACC_RESET, n_clicks=0, className="btn"),
                    html.Button(t("acc.disable", lang), id=ids.ACC_DISABLE, n_clicks=0, className="btn btn-secondary"),
                    html.Button(t("acc.enable", lang), id=ids.ACC_ENABLE, n_clicks=0, className="btn btn-secondary"),
                ],
            ),
            html.Div(id=ids.ACC_MSG, className="action-message", role="status"),
        ],
    )
    body = html.Div(
        className="doc-page accounts-page",
        children=[
            html.H1(t("acc.title", lang)),
            html.P(t("acc.lead", lang), className="lead"),
            html.Section(
                className="panel-section",
                children=[
                    html.H2(t("acc.list", lang), className="panel-title"),
                    html.Div(id=ids.ACC_TABLE, children=accounts_table(ctx["rows"], lang)),
                ],
            ),
            form,
        ],
    )
    return page("/akun", lang, ctx["region"], False, body)


def audit_table(rows: list[dict], lang: str) -> html.Div:
    if not rows:
        return html.P(t("audit.none", lang), className="hint")
    cols = (
        "audit.col_time",
        "audit.col_account",
        "audit.col_address",
        "audit.col_action",
        "audit.col_detail",
        "audit.col_version",
    )
    body = [
        html.Tr(
            [
                html.Td(r["time"]),
                html.Td(r["account"], lang=""),
                html.Td(r["address"]),
                html.Td(r["action"]),
                html.Td(r["detail"], lang=""),
                html.Td(r["version"]),
            ],
            className="audit-row",
        )
        for r in rows
    ]
    return html.Div(
        className="table-wrap",
        children=html.Table(
            [html.Thead(html.Tr([html.Th(t(c, lang)) for c in cols])), html.Tbody(body)],
            className="data-table audit-table",
        ),
    )


def audit(ctx: dict, lang: str) -> html.Div:
    body = html.Div(
        className="doc-page audit-page",
        children=[
            html.H1(t("audit.title", lang)),
            html.P(t("audit.lead", lang), className="lead"),
            html.Div(
                className="inline-row audit-filters",
                children=[
                    _field(
                        "audit.col_account",
                        dcc.Input(id=ids.AUDIT_ACCOUNT, type="text", debounce=True, className="text-input"),
                        lang,
                    ),
                    _field(
                        "audit.col_action",
                        dcc.Dropdown(
                            id=ids.AUDIT_ACTION, options=ctx["actions"], clearable=True, className="sc-dropdown"
                        ),
                        lang,
                    ),
                    _field("audit.since", dcc.Input(id=ids.AUDIT_SINCE, type="date", className="text-input"), lang),
                    _field("audit.until", dcc.Input(id=ids.AUDIT_UNTIL, type="date", className="text-input"), lang),
                    html.A(
                        t("audit.csv", lang),
                        id=ids.AUDIT_CSV,
                        href=ctx["csv_url"],
                        className="btn btn-secondary",
                        download="",
                    ),
                ],
            ),
            html.Div(id=ids.AUDIT_TABLE, children=audit_table(ctx["rows"], lang)),
        ],
    )
    return page("/audit", lang, ctx["region"], False, body)
