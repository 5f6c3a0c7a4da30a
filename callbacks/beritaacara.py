"""The berita acara form on /rembuk (thin: geo.io.beritaacara checks and stores) and its PDF download.
Saving needs a signed-in account, as saving a lokus scenario does."""

from __future__ import annotations

import datetime as _dt

from dash import ALL, Input, Output, State, html, no_update
from flask import Response, request

from callbacks import auth
from geo.analysis import dataset
from geo.core.i18n import norm_lang, t
from geo.io import beritaacara, db, rencana, scenarios, store
from geo.output import beritaacara_pdf
from geo.views import proposal


def pdf_href(date: str, version: int | None, lang: str) -> str:
    q = f"tanggal={date}" + (f"&versi={int(version)}" if version else "") + ("&lang=en" if lang == "en" else "")
    return f"/unduh/berita-acara.pdf?{q}"


def scenario_text(ds, lang: str, pdf_query: dict | None = None) -> str:
    """The lokus list the meeting was shown (the deck's slide 4)."""
    try:
        q = pdf_query or {}
        m = (
            proposal.meeting(ds, q["skenario"], scenarios.parse_version(q.get("versi")))
            if q.get("skenario")
            else proposal.meeting(ds)
        )
        return proposal.info(m, lang)["short"]
    except Exception:  # noqa: BLE001 - the default proposal cannot be computed (no data): say so plainly
        return t("common.nodata", lang)


def form_context(ds, lang: str, pdf_query: dict | None = None) -> dict:
    names = ds.desa_index
    villages = [
        {"code": c, "label": f"{r.nama_desa} ({r.nama_kec})"} for c, r in names.sort_values("nama_desa").iterrows()
    ]
    acts = sorted(set(ds.rencana["kegiatan"])) if len(ds.rencana) else []
    last = beritaacara.latest(known_codes=set(ds.boundaries["kode_desa"]))
    return {
        "offices": rencana.known_offices(),
        "villages": villages,
        "activities": acts[:200],
        "today": _dt.date.today().isoformat(),
        "user": auth.current_user(),
        "scenario": scenario_text(ds, lang, pdf_query),
        "last_pdf": pdf_href(last["tanggal"], None if last.get("contoh") else last["versi"], lang) if last else "",
        "last_date": last["tanggal"] if last else "",
    }


def save_minutes(form: dict, lang: str, user: str | None, pdf_query: dict | None = None, ds=None):
    """(message, links) for the form; nothing is stored unless every field is right and ``user`` is set."""
    lang = norm_lang(lang)
    if not user:
        return t("ba.need_login", lang), no_update
    ds = ds or dataset.current()
    names = {str(k): str(v) for k, v in ds.desa_index["nama_desa"].items()}
    try:
        minutes = beritaacara.clean(form, names)
    except beritaacara.MinutesError as e:
        params = dict(e.params)
        if "what" in params:
            params["what"] = t(f"ba.what.{params['what']}", lang)
        return t(e.key, lang, **params), no_update
    try:
        saved = beritaacara.save(minutes, user, ds.versions, scenario_text(ds, lang, pdf_query))
    except (*db.Error, OSError) as exc:  # read-only folder, full disk: nothing stored
        return store.write_problem(exc).text(lang), no_update
    auth.audit("berita_acara", f"{saved['tanggal']} v{saved['versi']}", account=user)
    link = html.A(
        t("ba.pdf", lang, date=saved["tanggal"], version=saved["versi"]),
        href=pdf_href(saved["tanggal"], saved["versi"], lang),
        target="_blank",
        id="ba-pdf",
    )
    return t("ba.saved", lang, date=saved["tanggal"], version=saved["versi"], n=len(saved["komitmen"])), [link]


def download_pdf() -> Response:
    from callbacks import lang as lang_cb

    lang = norm_lang(lang_cb.request_lang())
    date = str(request.args.get("tanggal") or "").strip()
    raw_version = request.args.get("versi")
    try:
        version = scenarios.parse_version(raw_version)
        if date:
            _dt.date.fromisoformat(date)
    except (scenarios.ScenarioError, ValueError):
        return Response(t("ba.bad_request", lang), status=400, mimetype="text/plain")
    ds = dataset.current()
    m = beritaacara.get(date, version) if date else beritaacara.latest(known_codes=set(ds.boundaries["kode_desa"]))
    if m is None:
        return Response(t("ba.not_found", lang), status=404, mimetype="text/plain")
    body = beritaacara_pdf.build(m, ds.region_name, lang)
    name = f"berita-acara-{m['tanggal']}-v{m.get('versi', 1)}.pdf"
    return Response(body, mimetype="application/pdf", headers={"Content-Disposition": f'inline; filename="{name}"'})


def register(app) -> None:
    @app.callback(
        Output("ba-message", "children"),
        Output("ba-links", "children"),
        Input("ba-save", "n_clicks"),
        State("ba-date", "value"),
        State({"type": "ba-att-name", "i": ALL}, "value"),
        State({"type": "ba-att-opd", "i": ALL}, "value"),
        State({"type": "ba-com-opd", "i": ALL}, "value"),
        State({"type": "ba-com-act", "i": ALL}, "value"),
        State({"type": "ba-com-desa", "i": ALL}, "value"),
        State({"type": "ba-com-vol", "i": ALL}, "value"),
        State({"type": "ba-com-unit", "i": ALL}, "value"),
        State({"type": "ba-com-due", "i": ALL}, "value"),
        State("ba-lang", "data"),
        State("ba-query", "data"),
        prevent_initial_call=True,
    )
    def _save(n, date, names, att_opd, opd, act, desa, vol, unit, due, lang, query):
        if not n:
            return no_update, no_update

        def _list(v):
            return v if isinstance(v, list) else []

        form = {
            "tanggal": date,
            "peserta": [{"nama": a, "opd": o} for a, o in zip(_list(names), _list(att_opd))],
            "komitmen": [
                {"opd": o, "kegiatan": a, "kode_desa": d, "volume": v, "satuan": u, "tenggat": du}
                for o, a, d, v, u, du in zip(_list(opd), _list(act), _list(desa), _list(vol), _list(unit), _list(due))
            ],
        }
        return save_minutes(form, lang, auth.current_user(), query if isinstance(query, dict) else None)
