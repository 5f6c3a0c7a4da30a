"""The data page (/data): sign in, upload, see problems, confirm, versions, templates."""

from __future__ import annotations

import re

from dash import dcc, html

from geo.core.i18n import t
from layouts import ids
from layouts.shell import page


def _hidden(name: str, value) -> dcc.Input:
    return dcc.Input(type="hidden", name=name, value=value)


def _password(label_key: str, name: str, lang: str, autocomplete: str = "new-password", id_=None):
    kw = {"id": id_} if id_ else {}
    return html.Label(
        [
            t(label_key, lang),
            dcc.Input(name=name, type="password", autoComplete=autocomplete, required=True, debounce=True, **kw),
        ]
    )


def notice(ctx: dict):
    if not ctx.get("notice"):
        return None
    text, level = ctx["notice"]
    return html.Div(
        text, className=f"notice notice-{level}", role="alert" if level == "error" else "status", id=ids.DATA_NOTICE
    )


def first_admin_form(ctx: dict, lang: str):
    """No account yet: create the first admin (only from the server itself, or with the set-up token)."""
    if not ctx["setup_allowed"]:
        return html.Div(
            className="login-form",
            id=ids.DATA_FIRST_RUN,
            children=[
                html.H2(t("account.first_title", lang), className="panel-title"),
                html.P(t("account.first_elsewhere", lang), className="notice notice-warn"),
            ],
        )
    return html.Form(
        action="/akun/pertama",
        method="POST",
        className="login-form",
        id=ids.DATA_FIRST_RUN,
        children=[
            html.H2(t("account.first_title", lang), className="panel-title"),
            html.P(t("account.first_note", lang, min=ctx["min_password"]), className="hint"),
            html.Label(
                [
                    t("data.user", lang),
                    dcc.Input(
                        id=ids.DATA_FIRST_USER,
                        name="user",
                        type="text",
                        autoComplete="username",
                        required=True,
                        debounce=True,
                    ),
                ]
            ),
            _password("account.password", "password", lang, id_=ids.DATA_FIRST_PASSWORD),
            _password("account.password_again", "again", lang, id_=ids.DATA_FIRST_AGAIN),
            _hidden("lang", lang),
            _hidden("token", ctx.get("token", "")),
            _hidden("csrf", ctx.get("form_token", "")),
            html.Button(
                t("account.first_create", lang), type="submit", className="btn btn-primary", id=ids.DATA_FIRST_SUBMIT
            ),
        ],
    )


def password_form(ctx: dict, lang: str, forced: bool = False):
    children = [
        _password("account.pw_current", "current", lang, "current-password", ids.DATA_PW_CURRENT),
        _password("account.pw_new", "new", lang, id_=ids.DATA_PW_NEW),
        _password("account.password_again", "again", lang, id_=ids.DATA_PW_AGAIN),
        _hidden("lang", lang),
        _hidden("csrf", ctx.get("csrf", "")),
        html.Button(t("account.pw_change", lang), type="submit", className="btn btn-primary", id=ids.DATA_PW_SUBMIT),
    ]
    form = html.Form(action="/akun/sandi", method="POST", className="login-form password-form", children=children)
    if forced:
        return html.Div(
            [
                html.P(
                    t("account.pw_forced", lang, min=ctx["min_password"]), className="notice notice-warn", role="alert"
                ),
                form,
            ]
        )
    return html.Details(
        [
            html.Summary(t("account.pw_change", lang)),
            html.P(t("account.pw_rule", lang, min=ctx["min_password"]), className="hint"),
            form,
        ],
        className="password-details",
    )


def login_box(ctx: dict, lang: str):
    if ctx.get("first_run"):
        return html.Div([notice(ctx), first_admin_form(ctx, lang)])
    acc = ctx.get("account")
    if acc is not None:
        who = (
            t("account.signed_in_office", lang, user=acc.name, office=acc.office)
            if acc.role == "opd"
            else t("data.signed_in", lang, user=acc.name)
        )
        admin_links = (
            html.P(
                [
                    html.A(
                        t("account.manage", lang),
                        href="/akun" + ("?lang=en" if lang == "en" else ""),
                        id=ids.DATA_ACCOUNTS_LINK,
                    ),
                    " · ",
                    html.A(
                        t("account.audit", lang),
                        href="/audit" + ("?lang=en" if lang == "en" else ""),
                        id=ids.DATA_AUDIT_LINK,
                    ),
                ],
                className="admin-links",
            )
            if acc.is_admin
            else None
        )
        return html.Div(
            [
                notice(ctx),
                html.Form(
                    action="/keluar",
                    method="POST",
                    className="signed-in",
                    children=[
                        html.Span(who, className="signed-in-name"),
                        _hidden("lang", lang),
                        _hidden("csrf", ctx.get("csrf", "")),
                        html.Button(
                            t("data.logout", lang), type="submit", className="btn btn-secondary", id="data-logout"
                        ),
                    ],
                ),
                admin_links,
                None if acc.from_environment else password_form(ctx, lang, forced=acc.must_change),
            ]
        )
    return html.Form(
        action="/masuk",
        method="POST",
        className="login-form",
        id="data-login",
        children=[
            notice(ctx),
            html.H2(t("data.login_title", lang), className="panel-title"),
            html.P(t("data.login_note", lang), className="hint"),
            html.Div(t("data.login_failed", lang), className="notice notice-error", role="alert")
            if ctx["login_failed"]
            else None,
            html.Label(
                [
                    t("data.user", lang),
                    dcc.Input(
                        id=ids.DATA_LOGIN_USER,
                        name="user",
                        type="text",
                        autoComplete="username",
                        required=True,
                        debounce=True,
                    ),
                ]
            ),
            html.Label(
                [
                    t("data.password", lang),
                    dcc.Input(
                        id=ids.DATA_LOGIN_PASSWORD,
                        name="password",
                        type="password",
                        autoComplete="current-password",
                        required=True,
                        debounce=True,
                    ),
                ]
            ),
            _hidden("lang", lang),
            _hidden("csrf", ctx.get("form_token", "")),
            html.Button(t("data.login", lang), type="submit", className="btn btn-primary", id="data-login-submit"),
        ],
    )


def templates(ctx: dict, lang: str) -> html.Section:
    items = [
        html.Li(
            [
                html.Span(label, className="tpl-label"),
                " ",
                html.A("CSV", href=csv_url, download="", className="tpl-link"),
                " · ",
                html.A("XLSX", href=xlsx_url, download="", className="tpl-link"),
            ]
        )
        for _kind, label, csv_url, xlsx_url in ctx["templates"]
    ]
    return html.Section(
        className="panel-section",
        children=[html.H2(t("data.templates", lang), className="panel-title"), html.Ul(items, className="tpl-list")],
    )


def upload_box(ctx: dict, lang: str) -> html.Section:
    return html.Section(
        className="panel-section upload-box",
        children=[
            html.H2(t("data.step_kind", lang), className="panel-title"),
            dcc.RadioItems(
                id=ids.DATA_KIND,
                value=ctx["kinds"][0][0] if ctx["kinds"] else None,
                className="radio-list",
                options=[{"label": label, "value": kind} for kind, label in ctx["kinds"]],
            ),
            dcc.Checklist(
                id=ids.DATA_PER_MONTH,
                value=[],
                className="check-list per-month",
                options=[{"label": t("data.per_month", lang), "value": "bulan"}],
            ),
            html.H2(t("data.step_file", lang), className="panel-title"),
            dcc.Upload(
                id=ids.DATA_UPLOAD,
                max_size=ctx["max_bytes"],
                multiple=False,
                className="upload-drop",
                children=html.Div(t("data.drop", lang)),
            ),
        ],
    )


def check_box(lang: str) -> html.Section:
    return html.Section(
        className="panel-section check-box",
        children=[
            html.H2(t("data.step_check", lang), className="panel-title"),
            html.Div(
                id=ids.DATA_CHECK,
                className="check-result",
                children=html.P(t("data.no_file", lang), className="hint"),
                **{"aria-live": "polite"},
            ),
            html.Div(id=ids.DATA_CHOICES, className="choices"),
            dcc.Checklist(
                id=ids.DATA_ACCEPT,
                value=[],
                className="check-list accept-warnings",
                options=[{"label": t("data.accept_warnings", lang), "value": "ok"}],
                style={"display": "none"},
            ),
            html.Button(
                t("data.confirm", lang), id=ids.DATA_CONFIRM, n_clicks=0, disabled=True, className="btn btn-primary"
            ),
            dcc.Store(id=ids.DATA_PENDING, data=None),
            html.Div(id=ids.DATA_MESSAGE, className="action-message", role="status"),
        ],
    )


def problems_table(rows: list[dict], lang: str, more: int = 0) -> html.Div:
    head = html.Tr(
        [html.Th(t(k, lang)) for k in ("data.col_level", "data.col_row", "data.col_column", "data.col_message")]
    )
    body = [
        html.Tr(
            className=f"problem problem-{r['level']}",
            children=[html.Td(r["level_text"]), html.Td(r["row"]), html.Td(r["column"]), html.Td(r["message"])],
        )
        for r in rows
    ]
    return html.Div(
        className="table-wrap",
        children=[
            html.Table([html.Thead(head), html.Tbody(body)], className="data-table problems-table"),
            html.P(t("data.more_problems", lang, n=more), className="hint") if more else None,
        ],
    )


def check_summary(summary: str, level: str, rows: list[dict], lang: str, more: int = 0) -> html.Div:
    return html.Div(
        [
            html.P(summary, className=f"notice notice-{level}", role="alert" if level == "error" else None),
            problems_table(rows, lang, more) if rows else None,
        ]
    )


def choices_panel(items: list[dict], lang: str, chosen: dict | None = None):
    """One dropdown per row whose village name matches several villages: the admin chooses,
    nothing is guessed. ``items`` from geo.io.importers.ambiguous_choices."""
    if not items:
        return None
    chosen = {int(k): v for k, v in (chosen or {}).items()}
    head = html.Tr([html.Th(t(k, lang)) for k in ("data.col_row", "data.choice_col_name", "data.choice_col_village")])
    # Names come from the file: shown as text (Dash escapes it), marked as not page text.
    body = [
        html.Tr(
            className="choice-row",
            children=[
                html.Td(str(it["row"])),
                html.Td(it["name"], lang=""),
                html.Td(
                    dcc.Dropdown(
                        id={"type": ids.DATA_CHOICE, "index": it["row"]},
                        options=it["options"],
                        value=chosen.get(it["row"]),
                        placeholder=t("data.choice_placeholder", lang),
                        clearable=True,
                        searchable=False,
                        className="choice-dropdown",
                    )
                ),
            ],
        )
        for it in items
    ]
    return html.Div(
        className="choices-panel",
        children=[
            html.H3(t("data.choice_title", lang), className="choices-title"),
            html.P(t("data.choice_hint", lang), className="hint"),
            html.Div(
                className="table-wrap",
                children=html.Table([html.Thead(head), html.Tbody(body)], className="data-table choices-table"),
            ),
        ],
    )


def _breakable(name: str) -> list:
    """A file name that may wrap after ``_`` ``-`` ``.`` (a <wbr> there), as text."""
    parts = re.split(r"(?<=[_.-])", str(name))
    return [x for part in parts for x in (part, html.Wbr())][:-1]


def versions_table(rows: list[dict], lang: str, can_restore: bool) -> html.Div:
    if not rows:
        return html.P(t("data.no_versions", lang), className="hint")
    cols = [
        "data.col_version",
        "data.col_kind",
        "data.col_time",
        "data.col_file",
        "data.col_covers",
        "data.col_rows",
        "data.col_by",
        "data.col_warnings",
        "data.col_action",
    ]
    body = []
    for r in rows:
        action = []
        if r["in_use"]:
            action.append(html.Span(t("data.in_use", lang), className="badge badge-current"))
        elif r.get("withdrawn"):
            action.append(html.Span(t("data.withdrawn_badge", lang), className="badge"))
        if can_restore and not r.get("is_withdrawal"):
            # also for a version in use: it may be in use for part of what it covers only
            action.append(
                html.Button(
                    t("data.restore", lang),
                    id={"type": ids.DATA_RESTORE, "index": r["id"]},
                    className="btn btn-small",
                    n_clicks=0,
                )
            )
            if not r.get("withdrawn"):
                action.append(
                    html.Button(
                        t("data.withdraw", lang),
                        id={"type": ids.DATA_WITHDRAW, "index": r["id"]},
                        className="btn btn-small",
                        n_clicks=0,
                    )
                )
        # date and time may go on two lines, never broken at the date's hyphens
        when = [html.Span(part, className="nowrap") for part in r["time"].split(" ")]
        when = [x for part in when for x in (part, " ")][:-1]
        body.append(
            html.Tr(
                [
                    html.Td(r["label"]),
                    html.Td(r["kind"]),
                    html.Td(when),
                    html.Td(_breakable(r["file"])),
                    html.Td(r.get("covers", ""), className="covers"),
                    html.Td(r["rows"]),
                    html.Td(r["by"]),
                    html.Td(r["warnings"]),
                    html.Td(action),
                ],
                className="version-row" + (" current" if r["in_use"] else ""),
            )
        )
    return html.Div(
        className="table-wrap",
        children=html.Table(
            [html.Thead(html.Tr([html.Th(t(c, lang)) for c in cols])), html.Tbody(body)],
            className="data-table versions-table",
        ),
    )


def scenarios_table(rows: list[dict], lang: str) -> html.Div:
    if not rows:
        return html.P(t("data.sc_none", lang), className="hint")
    cols = [
        "data.sc_col_name",
        "data.col_version",
        "data.col_time",
        "data.sc_col_data",
        "data.sc_col_villages",
        "data.col_action",
    ]
    # Names are typed by planners in any language: lang="" marks them as such (not page text).
    body = [
        html.Tr(
            [
                html.Td(r["name"], lang=""),
                html.Td(r["version"]),
                html.Td(r["time"]),
                html.Td(r["data_version"]),
                html.Td(r["villages"]),
                html.Td(
                    [
                        html.A(t("data.sc_print", lang), href=r["print"], target="_blank"),
                        " · ",
                        html.A(t("data.sc_pdf", lang), href=r["pdf"], target="_blank"),
                    ]
                ),
            ]
        )
        for r in rows
    ]
    return html.Div(
        className="table-wrap",
        children=html.Table(
            [html.Thead(html.Tr([html.Th(t(c, lang)) for c in cols])), html.Tbody(body)],
            className="data-table versions-table",
        ),
    )


def build(ctx: dict, lang: str) -> html.Div:
    left = html.Div(
        className="data-col",
        children=[
            login_box(ctx, lang),
            upload_box(ctx, lang) if ctx["user"] else None,
            templates(ctx, lang),
        ],
    )
    right = html.Div(
        className="data-col",
        children=[
            check_box(lang) if ctx["user"] else None,
            html.Section(
                className="panel-section",
                children=[
                    html.H2(t("data.versions", lang), className="panel-title"),
                    html.Div(
                        id=ids.DATA_VERSIONS,
                        children=versions_table(
                            ctx["versions"],
                            lang,
                            bool(ctx["user"] and ctx["account"] is not None and ctx["account"].is_admin),
                        ),
                    ),
                ],
            ),
            html.Section(
                className="panel-section",
                children=[
                    html.H2(t("data.sc_title", lang), className="panel-title"),
                    html.P(t("data.sc_hint", lang), className="hint"),
                    html.Div(id=ids.DATA_SCENARIOS, children=scenarios_table(ctx.get("scenarios", []), lang)),
                ],
            ),
        ],
    )
    body = html.Div(
        className="doc-page data-page",
        children=[
            html.H1(t("data.title", lang)),
            html.P(t("data.intro", lang), className="lead"),
            html.Div([left, right], className="data-grid"),
        ],
    )
    return page("/data", lang, ctx["region"], False, body, extra_class="page-data")
