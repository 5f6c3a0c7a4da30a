"""Data page: upload -> check -> confirm -> new version; restore; template downloads.

Plain functions (tests call them directly) plus :func:`register`. Importing and
restoring check the signed-in admin on the server for every request.
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid

import dash
from dash import ALL, Input, Output, State, ctx, no_update
from flask import abort, send_file

from callbacks import auth
from callbacks.lang import page_title
from geo.analysis import dataset
from geo.core.errors import DataError
from geo.core.i18n import fmt_int, norm_lang, t
from geo.io import accounts, catalogue, db, importers, loading, pending, readers, scenarios, store
from geo.io.validate import CATALOGUE_KIND, KINDS, MEASUREMENT_KIND, PUBLISHED_KIND, TABLE_KINDS
from layouts import data_page, ids

TEMPLATE_DIR = loading.BUNDLED_DIR / "templates"
MAX_SHOWN = 200
TEMPLATE_KINDS = TABLE_KINDS + (MEASUREMENT_KIND, PUBLISHED_KIND, CATALOGUE_KIND)


def discard_pending(waiting) -> None:
    """The page replaced its pending upload (another file, another kind): the old one is abandoned."""
    pending.drop((waiting or {}).get("token", "") if isinstance(waiting, dict) else "")


def version_rows(lang: str) -> list[dict]:
    """Every version, newest first, with what it covers; ``in_use``: it supplies some of what the
    dashboard shows now (geo.io.coverage); ``withdrawn``: a later version took it back out."""
    from geo.io import coverage

    versions = store.list_versions()
    by_kind: dict[str, list[dict]] = {}
    for v in versions:
        by_kind.setdefault(v["jenis"], []).append(v)
    current = set()
    for vs in by_kind.values():
        current |= set(coverage.resolve(vs).values())
    withdrawn = {v["ditarik"] for v in versions if v["ditarik"]}
    cat = catalogue.current_catalogue()  # the store's, also right after an indikator import
    label_of = lambda code: t(f"ind.{code}.short", lang) if code in cat else code  # noqa: E731
    rows = []
    for v in versions:
        label = f"v{v['id']}"
        if v["dipulihkan_dari"]:
            label += " (" + t("data.restored_from", lang, old=v["dipulihkan_dari"]) + ")"
        if v["ditarik"]:
            label += " (" + t("data.withdrawn_from", lang, old=v["ditarik"]) + ")"
        rows.append(
            {
                "id": v["id"],
                "label": label,
                "kind": v["jenis"],
                "time": v["waktu"].replace("T", " ")[:16],
                "file": v["nama_berkas"],
                "rows": fmt_int(v["jumlah_baris"], lang),
                "by": v["oleh"],
                "warnings": fmt_int(len(v["peringatan"]), lang),
                "in_use": v["id"] in current,
                "covers": coverage.summary_text(v["jenis"], v["cakupan"], label_of),
                "is_withdrawal": bool(v["ditarik"]),
                "withdrawn": v["id"] in withdrawn,
            }
        )
    return rows


def scenario_rows(lang: str) -> list[dict]:
    """Saved lokus scenario versions (stored in the same database), newest first, with links to
    their printable view and to the meeting pack that shows them."""
    from urllib.parse import urlencode

    rows = []
    for s in scenarios.list_all():
        q = {"skenario": s["name"], "versi": s["version"]} | ({"lang": "en"} if lang == "en" else {})
        rows.append(
            {
                "name": s["name"],
                "version": f"v{s['version']}",
                "time": s["created"].replace("T", " ")[:16],
                "data_version": s["data_version"],
                "villages": fmt_int(s["selected"], lang),
                "print": "/lokus/cetak?" + urlencode(q),
                "pdf": "/unduh/paket-rembuk.pdf?" + urlencode(q),
            }
        )
    return rows


def _account(user) -> accounts.Account | None:
    """The acting account: an Account, or a name (the command line, tests: an admin)."""
    if user is None or isinstance(user, accounts.Account):
        return user
    return accounts.Account(name=str(user), role="admin")


def refused_kind(acc: accounts.Account, kind: str, lang: str) -> str | None:
    """Why this account may not import ``kind`` (None when it may)."""
    if acc.may_import(kind):
        return None
    allowed = ", ".join(t(f"kind.{k}", lang) for k in acc.kinds) or "–"
    return t(
        "account.kind_not_allowed", lang, office=acc.office or acc.name, kind=t(f"kind.{kind}", lang), allowed=allowed
    )


def page_context(lang: str, login_failed: bool = False, notice: str | None = None, token: str = "") -> dict:
    ds = dataset.current()
    acc = auth.signed_in_account()
    acting = acc if acc and not acc.must_change else None
    kinds = [k for k in KINDS if acting is None or acting.may_import(k)]
    return {
        "region": ds.region_name,
        "enabled": auth.enabled(),
        "user": acting.name if acting else None,
        "account": acc,
        "csrf": auth.csrf_token(),
        "notice": notice,
        "first_run": auth.needs_first_admin(),
        "setup_allowed": auth.setup_allowed(token),
        "token": token,
        "login_failed": login_failed,
        "max_bytes": readers.max_bytes(),
        "min_password": accounts.MIN_PASSWORD,
        "form_token": "" if acc else auth.form_token(),
        "kinds": [(k, t(f"kind.{k}", lang)) for k in kinds],
        "templates": [
            (k, t(f"kind.{k}", lang), f"/unduh/template/{k}.csv", f"/unduh/template/{k}.xlsx") for k in TEMPLATE_KINDS
        ],
        "versions": version_rows(lang),
        "scenarios": scenario_rows(lang),
    }


NOTICES = {
    ("masuk", "token"): ("auth.form_expired", "error"),
    ("sandi", "ok"): ("account.pw_changed", "ok"),
    ("sandi", "salah"): ("account.pw_wrong", "error"),
    ("sandi", "beda"): ("account.pw_differ", "error"),
    ("sandi", "short"): ("account.err.password_short", "error"),
    ("sandi", "common"): ("account.err.password_common", "error"),
    ("sandi", "env"): ("account.pw_env", "warn"),
    ("pertama", "beda"): ("account.pw_differ", "error"),
    ("pertama", "name"): ("account.err.name", "error"),
    ("pertama", "password_short"): ("account.err.password_short", "error"),
    ("pertama", "password_common"): ("account.err.password_common", "error"),
    ("pertama", "not_first"): ("account.err.not_first", "error"),
}


def notice_of(query: dict, lang: str) -> tuple[str, str] | None:
    for (param, value), (key, level) in NOTICES.items():
        if query.get(param) == value:
            return t(key, lang, min=accounts.MIN_PASSWORD, max=accounts.MAX_NAME), level
    return None


def layout(lang: str = "id", masuk: str | None = None, token: str = "", **query):
    lang = norm_lang(lang)
    return data_page.build(
        page_context(lang, login_failed=masuk == "gagal", notice=notice_of(query, lang), token=str(token or "")[:64]),
        lang,
    )


def problem_rows(problems, lang: str) -> list[dict]:
    return [
        {
            "level": p.level,
            "level_text": t(f"level.{p.level}", lang),
            "row": "" if p.row is None else str(p.row),
            "column": p.column or "",
            "message": p.text(lang),
        }
        for p in problems
    ]


def decode_upload(contents: str) -> bytes:
    _, _, b64 = (contents or "").partition(",")
    try:
        return base64.b64decode(b64, validate=True)
    except (binascii.Error, ValueError):
        return b""


HIDE, SHOW = {"display": "none"}, {"display": "block"}


def _clean_choices(choices) -> dict[str, str]:
    """{row: code} as kept in the pending state (JSON keys are strings); empty choices dropped."""
    out = {}
    for k, v in (choices or {}).items():
        try:
            row = int(k)
        except (TypeError, ValueError):
            continue
        if isinstance(v, str) and v:
            out[str(row)] = v
    return out


def _check(contents, file_name, kind, lang, user, choices, per_month=False):
    """-> ((check result children, pending, confirm disabled, accept style, accept value), checked or None)."""
    lang = norm_lang(lang)
    acc = _account(user)
    if acc is None:
        return (data_page.check_summary(t("data.not_allowed", lang), "error", [], lang), None, True, HIDE, []), None
    why = refused_kind(acc, kind, lang)
    if why:
        return (data_page.check_summary(why, "error", [], lang), None, True, HIDE, []), None
    if not contents:
        return (no_update, None, True, HIDE, []), None
    data = decode_upload(contents)
    file_name = readers.base_name(file_name or "upload")
    choices = _clean_choices(choices)
    checked = importers.check(
        kind, data, file_name, choices=choices, by_month=bool(per_month) and kind == MEASUREMENT_KIND, **office_of(acc)
    )
    rows = problem_rows(checked.problems[:MAX_SHOWN], lang)
    more = max(0, len(checked.problems) - MAX_SHOWN)
    if not checked.ok:
        open_rows = importers.ambiguous_rows(checked)
        if open_rows and len(open_rows) == len(checked.errors):  # only choices are missing, the file is fine
            summary = t("data.check_choose", lang, file=file_name, n=fmt_int(len(open_rows), lang))
            return (data_page.check_summary(summary, "warning", rows, lang, more), None, True, HIDE, []), checked
        errors = len(checked.errors) - len(open_rows)
        summary = t("data.check_err", lang, file=file_name, errors=fmt_int(errors, lang))
        if open_rows:  # the village is chosen here once the file is fixed: say so, offer nothing to lose
            summary += " " + t("data.check_err_choose", lang, n=fmt_int(len(open_rows), lang))
        return (data_page.check_summary(summary, "error", rows, lang, more), None, True, HIDE, []), checked
    token = uuid.uuid4().hex
    pending.sweep()  # checks abandoned for more than an hour
    try:
        if kind == MEASUREMENT_KIND:  # by-name records: only the village aggregates wait for the confirmation
            pending.put(token, _pending_aggregates(checked, data).encode("utf-8"))
        else:
            pending.put(token, data)
    except (*db.Error, OSError) as exc:  # read-only data folder, disk full: say so, keep nothing half-written
        pending.drop(token)
        msg = store.write_problem(exc).text(lang)
        return (data_page.check_summary(msg, "error", [], lang), None, True, HIDE, []), checked
    # the choices travel with the pending upload, so the stored version is the one shown here
    waiting = {"token": token, "kind": kind, "file": file_name, "warnings": len(checked.warnings), "choices": choices}
    n = fmt_int(len(checked.rows), lang)
    if checked.warnings:
        summary = t("data.check_warn", lang, file=file_name, rows=n, warnings=fmt_int(len(checked.warnings), lang))
        return (data_page.check_summary(summary, "warning", rows, lang, more), waiting, True, SHOW, []), checked
    summary = t("data.check_ok", lang, file=file_name, rows=n)
    return (data_page.check_summary(summary, "ok", [], lang), waiting, False, HIDE, []), checked


def check_upload(contents, file_name, kind, lang, user=None, choices=None, per_month=False):
    """-> (check result children, pending data, confirm disabled, accept style, accept value).
    ``choices``: {row: kode_desa} the admin chose for rows with an ambiguous village name."""
    return _check(contents, file_name, kind, lang, user, choices, per_month)[0]


def check_new_upload(contents, file_name, kind, lang, user=None, per_month=False):
    """A file just uploaded (or its kind changed): the check outputs plus the panel of rows
    whose village name matches several villages, each with a dropdown of the candidates."""
    out, checked = _check(contents, file_name, kind, lang, user, None, per_month)
    # offered only when choosing is all that is left: choices on a file to be fixed would be lost
    choosable = checked is not None and len(importers.ambiguous_rows(checked)) == len(checked.errors)
    items = importers.ambiguous_choices(checked) if choosable else []
    return (*out, data_page.choices_panel(items, norm_lang(lang)))


def choices_from(ids_, values) -> dict[str, str]:
    """{row: code} from the pattern-matching dropdowns' ids and values."""
    return _clean_choices({i.get("index"): v for i, v in zip(ids_ or [], values or []) if isinstance(i, dict)})


def office_of(acc: accounts.Account) -> dict:
    """The office rules of an office account's import (none for an admin)."""
    return {} if acc.is_admin else {"office": acc.office, "indicators": list(acc.indicators)}


def confirm_import(waiting, accepted, lang, user=None):
    """-> (message, versions table, pending (cleared), confirm disabled)."""
    lang = norm_lang(lang)
    acc = _account(user)
    if acc is None:
        return t("data.not_allowed", lang), no_update, no_update, True
    if not isinstance(waiting, dict):
        return t("data.expired", lang), no_update, None, True
    why = refused_kind(acc, str(waiting.get("kind")), lang) if waiting.get("kind") in KINDS else t("data.expired", lang)
    if why:
        return why, no_update, no_update, True
    token = (waiting or {}).get("token", "")
    data = pending.get(token)
    if data is None:
        return t("data.expired", lang), no_update, None, True
    if waiting.get("warnings") and "ok" not in (accepted or []):
        return t("data.accept_warnings", lang), no_update, no_update, True
    if waiting.get("kind") == MEASUREMENT_KIND:
        return _confirm_aggregates(token, data, waiting, lang, acc)
    # the boundaries may have changed meanwhile: check again, with the choices shown to the admin
    checked = importers.check(
        waiting["kind"], data, waiting["file"], choices=_clean_choices(waiting.get("choices")), **office_of(acc)
    )
    if not checked.ok or len(checked.warnings) > waiting.get("warnings", 0):
        pending.drop(token)
        return t("data.expired", lang), no_update, None, True
    try:
        vid = importers.commit(waiting["kind"], checked, waiting["file"], data, by=acc.name)
    except DataError as exc:  # the store could not be written: the file stays pending, try again later
        return "; ".join(p.text(lang) for p in exc.problems), no_update, no_update, False
    pending.drop(token)
    auth.audit("impor", f"{waiting['kind']} · {waiting['file']}", version=vid, account=acc.name)
    return (
        t("data.imported", lang, version=vid),
        data_page.versions_table(version_rows(lang), lang, acc.is_admin),
        None,
        True,
    )


def _pending_aggregates(checked, data: bytes) -> str:
    """What an e-PPGBM upload leaves between check and confirm: the village aggregates, the
    warnings (row numbers and figures only) and the file's SHA-256, never the file itself."""
    return json.dumps(
        {
            "rows": json.loads(checked.rows.to_json(orient="records")),
            "columns": list(checked.rows.columns),
            "warnings": [store._problem_dict(p) for p in checked.warnings],
            "hash": importers.file_hash(data),
        },
        ensure_ascii=False,
    )


def _confirm_aggregates(token: str, data: bytes, waiting: dict, lang: str, acc: accounts.Account):
    import pandas as pd

    from geo.core.errors import Problem
    from geo.io.validate import Checked

    try:
        saved = json.loads(data.decode("utf-8"))
        rows = pd.DataFrame(saved["rows"], columns=saved["columns"])
        warnings = [
            Problem(
                w["key"], w.get("params") or {}, w.get("file"), w.get("row"), w.get("column"), w.get("level", "warning")
            )
            for w in saved["warnings"]
        ]
    except (ValueError, KeyError, TypeError):
        pending.drop(token)
        return t("data.expired", lang), no_update, None, True
    # the boundaries may have changed meanwhile: every village must still exist
    if not set(rows["kode_desa"]) <= set(importers.current_boundaries()["kode_desa"]):
        pending.drop(token)
        return t("data.expired", lang), no_update, None, True
    checked = Checked(MEASUREMENT_KIND, rows, warnings)
    try:
        vid = importers.commit(MEASUREMENT_KIND, checked, waiting["file"], None, by=acc.name, digest=saved["hash"])
    except DataError as exc:  # the store could not be written: the aggregates stay pending
        return "; ".join(p.text(lang) for p in exc.problems), no_update, no_update, False
    pending.drop(token)
    auth.audit("impor", f"{MEASUREMENT_KIND} · {waiting['file']}", version=vid, account=acc.name)
    return (
        t("data.imported", lang, version=vid),
        data_page.versions_table(version_rows(lang), lang, acc.is_admin),
        None,
        True,
    )


def restore_version(version_id, lang, user=None):
    lang = norm_lang(lang)
    acc = _account(user)
    if acc is None:
        return t("data.not_allowed", lang), no_update
    if not acc.is_admin:
        return t("account.admin_only", lang), no_update
    try:
        new = store.restore(int(version_id), by=acc.name)
    except (TypeError, ValueError):
        return t("data.not_allowed", lang), no_update
    except DataError as exc:
        return exc.problems[0].text(lang), no_update
    auth.audit("pulihkan", f"v{int(version_id)}", version=new, account=acc.name)
    return (
        t("data.restored", lang, old=version_id, version=new),
        data_page.versions_table(version_rows(lang), lang, True),
    )


def withdraw_version(version_id, lang, user=None):
    """An admin takes an import back out (a new version; earlier data for its coverage shows again)."""
    lang = norm_lang(lang)
    acc = _account(user)
    if acc is None:
        return t("data.not_allowed", lang), no_update
    if not acc.is_admin:
        return t("account.admin_only", lang), no_update
    try:
        new = catalogue.withdraw(int(version_id), by=acc.name)
    except (TypeError, ValueError):
        return t("data.not_allowed", lang), no_update
    except DataError as exc:
        return exc.problems[0].text(lang), no_update
    auth.audit("tarik", f"v{int(version_id)}", version=new, account=acc.name)
    return (
        t("data.withdrawn", lang, old=version_id, version=new),
        data_page.versions_table(version_rows(lang), lang, True),
    )


def template_file(name: str):
    kind, _, ext = name.rpartition(".")
    if kind not in TEMPLATE_KINDS or ext not in ("csv", "xlsx"):
        abort(404)
    mime = "text/csv" if ext == "csv" else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return send_file(
        TEMPLATE_DIR / f"{kind}.{ext}", mimetype=mime, as_attachment=True, download_name=f"templat_{kind}.{ext}"
    )


def register(app) -> None:
    # This page: its address, its place in the navigation (layouts/shell.py reads the registry)
    dash.register_page(
        __name__, path="/data", name="Data", order=7, nav="nav.data", title=page_title("nav.data"), layout=layout
    )

    choice = {"type": ids.DATA_CHOICE, "index": ALL}

    @app.callback(
        Output(ids.DATA_CHECK, "children"),
        Output(ids.DATA_PENDING, "data"),
        Output(ids.DATA_CONFIRM, "disabled"),
        Output(ids.DATA_ACCEPT, "style"),
        Output(ids.DATA_ACCEPT, "value"),
        Output(ids.DATA_CHOICES, "children"),
        Input(ids.DATA_UPLOAD, "contents"),
        Input(ids.DATA_KIND, "value"),
        Input(choice, "value"),
        Input(ids.DATA_PER_MONTH, "value"),
        State(ids.DATA_UPLOAD, "filename"),
        State(ids.LANG, "data"),
        State(choice, "id"),
        State(ids.DATA_PENDING, "data"),
        prevent_initial_call=True,
    )
    def _check(contents, kind, values, per_month, file_name, lang, choice_ids, old_pending):
        if not contents:
            return (no_update,) * 6
        if auth.current_user() is not None:
            discard_pending(old_pending)  # a new check replaces it: the previous upload is abandoned
        if isinstance(ctx.triggered_id, dict):  # a village chosen: check again with the choices, keep the panel
            out = check_upload(
                contents, file_name, kind, lang, auth.current_account(), choices_from(choice_ids, values), per_month
            )
            return (*out, no_update)
        return check_new_upload(contents, file_name, kind, lang, auth.current_account(), per_month)

    @app.callback(
        Output(ids.DATA_CONFIRM, "disabled", allow_duplicate=True),
        Input(ids.DATA_ACCEPT, "value"),
        State(ids.DATA_PENDING, "data"),
        prevent_initial_call=True,
    )
    def _accept(accepted, pending):
        return not pending or bool(pending.get("warnings") and "ok" not in (accepted or []))

    @app.callback(
        Output(ids.DATA_MESSAGE, "children"),
        Output(ids.DATA_VERSIONS, "children"),
        Output(ids.DATA_PENDING, "data", allow_duplicate=True),
        Output(ids.DATA_CONFIRM, "disabled", allow_duplicate=True),
        Input(ids.DATA_CONFIRM, "n_clicks"),
        Input({"type": ids.DATA_RESTORE, "index": ALL}, "n_clicks"),
        Input({"type": ids.DATA_WITHDRAW, "index": ALL}, "n_clicks"),
        State(ids.DATA_PENDING, "data"),
        State(ids.DATA_ACCEPT, "value"),
        State(ids.LANG, "data"),
        prevent_initial_call=True,
    )
    def _act(n_confirm, _n_restore, _n_withdraw, pending, accepted, lang):
        trig = ctx.triggered_id
        if not ctx.triggered or not ctx.triggered[0].get("value"):
            return no_update, no_update, no_update, no_update
        if isinstance(trig, dict) and trig.get("type") == ids.DATA_RESTORE:
            msg, table = restore_version(trig["index"], lang, auth.current_account())
            return msg, table, no_update, no_update
        if isinstance(trig, dict) and trig.get("type") == ids.DATA_WITHDRAW:
            msg, table = withdraw_version(trig["index"], lang, auth.current_account())
            return msg, table, no_update, no_update
        return confirm_import(pending, accepted, lang, auth.current_account())
