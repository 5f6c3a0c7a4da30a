"""Admin page: accounts (/akun); the audit trail is callbacks/audit.py.

Every callback and route checks on the server that the request comes from a signed-in admin
(with the session's CSRF token for callbacks: ``auth.current_account``); anything else is
refused and changes nothing. Plain functions first (tests call them), then :func:`register`.
"""

from __future__ import annotations

import re

import dash
from dash import Input, Output, State, ctx, no_update

from callbacks import auth
from callbacks.lang import page_title
from geo.analysis import dataset
from geo.core.i18n import norm_lang, t
from geo.io import accounts, signin
from geo.io.validate import KINDS
from layouts import accounts_page, ids

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def kinds(lang: str) -> list[tuple[str, str]]:
    return [(k, t(f"kind.{k}", lang)) for k in accounts.office_kinds(KINDS)]


def indicators(lang: str) -> list[tuple[str, str]]:
    return [(i.code, t(f"ind.{i.code}", lang)) for i in dataset.current().catalogue.coverage]


def account_rows(lang: str) -> list[dict]:
    out = []
    for a in accounts.list_accounts():
        state = t("acc.active", lang) if a.active else t("acc.inactive", lang)
        if a.must_change:
            state += " · " + t("acc.must_change", lang)
        out.append(
            {
                "name": a.name,
                "role": t(f"role.{a.role}", lang),
                "office": a.office or "–",
                "kinds": ", ".join(t(f"kind.{k}", lang) for k in a.kinds)
                or ("–" if a.role == "opd" else t("acc.all", lang)),
                "indicators": ", ".join(a.indicators) or t("acc.all", lang),  # none ticked: every indicator
                "state": state,
                "active": a.active,
            }
        )
    return out


def pick_options() -> list[dict]:
    return [{"label": f"{a.name} ({a.office or a.role})", "value": a.name} for a in accounts.list_accounts()]


def _admin_page(path: str, title_key: str, lang: str, build):
    """An admin page: ``build(base context)`` for a signed-in admin, a refusal for anyone else."""
    base = {"region": dataset.current().region_name, "title_key": title_key}
    acc = auth.signed_in_account()
    if acc is None or not acc.is_admin or acc.must_change:
        return accounts_page.refused(path, base, lang)
    return build(base)


def accounts_layout(lang: str = "id", **_query):
    lang = norm_lang(lang)
    return _admin_page(
        "/akun",
        "acc.title",
        lang,
        lambda base: accounts_page.accounts(
            base
            | {
                "rows": account_rows(lang),
                "pick": pick_options(),
                "kinds": kinds(lang),
                "indicators": indicators(lang),
                "min_password": accounts.MIN_PASSWORD,
            },
            lang,
        ),
    )


def _refuse(lang: str):
    return t("account.admin_only", lang), no_update, no_update


def manage(action: str, admin: accounts.Account | None, name, role, office, kinds_, indicators_, password, lang):
    """One admin action on an account -> (message, accounts table, pick options). Refused unless ``admin``."""
    lang = norm_lang(lang)
    if admin is None or not admin.is_admin:
        return _refuse(lang)
    allowed = {"allowed_kinds": KINDS, "allowed_indicators": [i.code for i in dataset.current().catalogue.coverage]}
    name = str(name or "").strip()
    try:
        if action == "create":
            acc = accounts.create(
                name, password, role, office, kinds_ or [], indicators_ or [], must_change=True, **allowed
            )
            auth.audit(
                "akun_dibuat",
                f"{acc.name} · {acc.role}" + (f" · {acc.office}" if acc.office else ""),
                account=admin.name,
            )
            msg = t("acc.created", lang, name=acc.name)
        else:
            target = accounts.get(name)
            if target is None:
                raise accounts.AccountError("account.err.unknown", name=name)
            last_admin = target.is_admin and target.active and accounts.count_admins() <= 1 and auth.env_admin() is None
            if action == "disable":
                if target.name.casefold() == admin.name.casefold():
                    raise accounts.AccountError("account.err.self")
                if last_admin:
                    raise accounts.AccountError("account.err.last_admin")
                accounts.set_active(target.name, False)
                ended = signin.revoke_user(target.name)
                auth.audit("akun_nonaktif", f"{target.name} · {ended} sesi", account=admin.name)
                msg = t("acc.disabled", lang, name=target.name)
            elif action == "enable":
                accounts.set_active(target.name, True)
                auth.audit("akun_aktif", target.name, account=admin.name)
                msg = t("acc.enabled", lang, name=target.name)
            elif action == "reset":
                accounts.set_password(target.name, password, must_change=True)
                signin.revoke_user(target.name)
                auth.audit("sandi_direset", target.name, account=admin.name)
                msg = t("acc.reset_done", lang, name=target.name)
            elif action == "role":
                if last_admin and role != "admin":
                    raise accounts.AccountError("account.err.last_admin")
                acc = accounts.set_role(target.name, role, office, kinds_ or [], indicators_ or [], **allowed)
                auth.audit(
                    "peran_diubah",
                    f"{acc.name} · {acc.role}"
                    + (f" · {acc.office}" if acc.office else "")
                    + (f" · {', '.join(acc.kinds)}" if acc.kinds else ""),
                    account=admin.name,
                )
                msg = t("acc.role_saved", lang, name=acc.name)
            else:
                return no_update, no_update, no_update
    except accounts.AccountError as e:
        return (
            t(e.key, lang, **({"min": accounts.MIN_PASSWORD, "max": accounts.MAX_NAME} | e.params)),
            no_update,
            no_update,
        )
    return msg, accounts_page.accounts_table(account_rows(lang), lang), pick_options()


def fill_form(name, admin: accounts.Account | None):
    """The picked account's role, office, kinds and indicators into the form (admins only)."""
    if admin is None or not admin.is_admin or not name:
        return (no_update,) * 5
    a = accounts.get(name)
    if a is None:
        return (no_update,) * 5
    return a.name, a.role, a.office, list(a.kinds), list(a.indicators)


# ----- audit -------------------------------------------------------------------------------


def _date(value) -> str | None:
    text = str(value or "")[:10]
    return text if _DATE.match(text) else None


def register(app) -> None:
    dash.register_page(__name__, path="/akun", name="Akun", title=page_title("acc.title"), layout=accounts_layout)

    @app.callback(
        Output(ids.ACC_MSG, "children"),
        Output(ids.ACC_TABLE, "children"),
        Output(ids.ACC_PICK, "options"),
        Input(ids.ACC_CREATE, "n_clicks"),
        Input(ids.ACC_SAVE_ROLE, "n_clicks"),
        Input(ids.ACC_RESET, "n_clicks"),
        Input(ids.ACC_DISABLE, "n_clicks"),
        Input(ids.ACC_ENABLE, "n_clicks"),
        State(ids.ACC_NAME, "value"),
        State(ids.ACC_ROLE, "value"),
        State(ids.ACC_OFFICE, "value"),
        State(ids.ACC_KINDS, "value"),
        State(ids.ACC_INDICATORS, "value"),
        State(ids.ACC_PASSWORD, "value"),
        State(ids.LANG, "data"),
        prevent_initial_call=True,
    )
    def _manage(_c, _r, _p, _d, _e, name, role, office, kinds_, inds, password, lang):
        if not ctx.triggered or not ctx.triggered[0].get("value"):
            return no_update, no_update, no_update
        action = {
            ids.ACC_CREATE: "create",
            ids.ACC_SAVE_ROLE: "role",
            ids.ACC_RESET: "reset",
            ids.ACC_DISABLE: "disable",
            ids.ACC_ENABLE: "enable",
        }.get(ctx.triggered_id)
        return manage(action, auth.current_account(), name, role, office, kinds_, inds, password, lang)

    app.callback(
        Output(ids.ACC_NAME, "value"),
        Output(ids.ACC_ROLE, "value"),
        Output(ids.ACC_OFFICE, "value"),
        Output(ids.ACC_KINDS, "value"),
        Output(ids.ACC_INDICATORS, "value"),
        Input(ids.ACC_PICK, "value"),
        prevent_initial_call=True,
    )(lambda name: fill_form(name, auth.current_account()))
