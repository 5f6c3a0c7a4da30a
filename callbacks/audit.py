"""Admin page: the audit trail (/audit) and its CSV download (/unduh/audit.csv).

Only a signed-in admin sees it; anyone else gets a refusal and nothing. Plain functions first
(tests call them), then :func:`register`.
"""

from __future__ import annotations

import csv
import io
from urllib.parse import urlencode

import dash
from dash import Input, Output, State, no_update
from flask import Response, request

from callbacks import auth
from callbacks.accounts import _admin_page, _date
from callbacks.lang import page_title, request_lang
from geo.core.cells import safe_row
from geo.core.i18n import norm_lang, t
from geo.io import accounts
from layouts import accounts_page, ids


def audit_rows(lang: str, account=None, action=None, since=None, until=None, limit=500) -> list[dict]:
    rows = accounts.audit_rows(
        str(account).strip() if account else None,
        action if action in accounts.ACTIONS else None,
        _date(since),
        _date(until),
        limit,
    )
    return [
        {
            "time": r["time"].replace("T", " ")[:19],
            "account": r["account"],
            "address": r["address"],
            "action": t(f"audit.action.{r['action']}", lang),
            "detail": r["detail"],
            "version": "" if r["version"] is None else f"v{r['version']}",
        }
        for r in rows
    ]


def csv_url(lang: str, account=None, action=None, since=None, until=None) -> str:
    q = {
        k: v
        for k, v in (
            ("akun", account),
            ("aksi", action),
            ("dari", _date(since)),
            ("sampai", _date(until)),
            ("lang", "en" if lang == "en" else None),
        )
        if v
    }
    return "/unduh/audit.csv" + ("?" + urlencode(q) if q else "")


def audit_layout(lang: str = "id", **_query):
    lang = norm_lang(lang)
    return _admin_page(
        "/audit",
        "audit.title",
        lang,
        lambda base: accounts_page.audit(
            base
            | {
                "rows": audit_rows(lang),
                "csv_url": csv_url(lang),
                "actions": [{"label": t(f"audit.action.{a}", lang), "value": a} for a in accounts.ACTIONS],
            },
            lang,
        ),
    )


def filter_audit(account, action, since, until, lang, admin: accounts.Account | None):
    lang = norm_lang(lang)
    if admin is None or not admin.is_admin:
        return accounts_page.audit_table([], lang), no_update
    return (
        accounts_page.audit_table(audit_rows(lang, account, action, since, until), lang),
        csv_url(lang, account, action, since, until),
    )


def audit_csv() -> Response:
    lang = request_lang()
    acc = auth.signed_in_account()  # a download (GET): the session is enough, nothing changes
    if acc is None or not acc.is_admin or acc.must_change:
        return Response(t("account.admin_only", lang), status=403, mimetype="text/plain; charset=utf-8")
    a = request.args
    rows = accounts.audit_rows(
        a.get("akun") or None,
        a.get("aksi") if a.get("aksi") in accounts.ACTIONS else None,
        _date(a.get("dari")),
        _date(a.get("sampai")),
        limit=None,
    )
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["id", "waktu_utc", "akun", "alamat", "aksi", "rincian", "versi"])
    for r in rows:
        w.writerow(
            safe_row(
                [
                    r["id"],
                    r["time"],
                    r["account"],
                    r["address"],
                    r["action"],
                    r["detail"],
                    r["version"] if r["version"] is not None else "",
                ]
            )
        )
    resp = Response("\ufeff" + buf.getvalue(), mimetype="text/csv; charset=utf-8")
    resp.headers["Content-Disposition"] = 'attachment; filename="jejak-audit.csv"'
    resp.headers["Cache-Control"] = "no-store"
    return resp


def register(app) -> None:
    dash.register_page(__name__, path="/audit", name="Audit", title=page_title("audit.title"), layout=audit_layout)
    app.callback(
        Output(ids.AUDIT_TABLE, "children"),
        Output(ids.AUDIT_CSV, "href"),
        Input(ids.AUDIT_ACCOUNT, "value"),
        Input(ids.AUDIT_ACTION, "value"),
        Input(ids.AUDIT_SINCE, "value"),
        Input(ids.AUDIT_UNTIL, "value"),
        State(ids.LANG, "data"),
        prevent_initial_call=True,
    )(lambda a, b, c, d, lang: filter_audit(a, b, c, d, lang, auth.current_account()))
