"""Rembuk deck context: every slide computed from the current dataset (geo.views.rembuk), no callbacks.

The deck is stepped through in the browser (assets/rembuk.js); nothing is sent back.
Slide 4 shows the lokus proposal of geo.views.proposal (the latest saved scenario, else the default
ranking; ``/rembuk?skenario=NAME&versi=V`` picks a scenario). ``page_context(ds, lang, proposals)``
also accepts a geo.views.proposal.Meeting or a list ``[{"desa": kode or name, "reason": text}]``.
"""

from __future__ import annotations

import dash

from callbacks import map as map_cb
from callbacks.lang import page_title
from geo.analysis import classify, dataset
from geo.analysis import lokus as glokus
from geo.analysis import trend as gtrend
from geo.core.i18n import fmt_int, fmt_num, fmt_pct, fmt_pp, indicator_text, norm_lang, t
from geo.io import scenarios
from geo.views import mapview, proposal
from geo.views import rembuk as grembuk
from layouts import figures, rembuk_page

FIG_FONT = 26
SIDE_NAMES = 5  # at most this many names per list on slide 4 (the PDF has them all)
SIDE_CHANGES = 2


def trend_figure(ds, lang: str):
    fig = figures.published_trend(ds.published, gtrend.regency_code(ds.boundaries) or "", lang)
    top = float(ds.published["nilai_persen"].max()) if len(ds.published) else 50.0
    # Legend inside the plot, top right, above the data (room made by the y range): fits at 1024 px too.
    fig.update_layout(
        height=None,
        autosize=True,
        font={"size": FIG_FONT},
        margin={"l": 10, "r": 30, "t": 20, "b": 10},
        legend={
            "font": {"size": FIG_FONT - 4},
            "orientation": "v",
            "x": 1,
            "xanchor": "right",
            "y": 1,
            "yanchor": "top",
            "bgcolor": "rgba(255,255,255,0.9)",
            "bordercolor": "#999",
            "borderwidth": 1,
        },
    )
    fig.update_yaxes(range=[0, top * 1.75])
    fig.update_traces(textfont={"size": FIG_FONT - 2}, marker={"size": 16}, selector={"mode": "lines+markers+text"})
    fig.update_xaxes(title={"font": {"size": FIG_FONT}}, tickfont={"size": FIG_FONT})
    fig.update_yaxes(title={"font": {"size": FIG_FONT}}, tickfont={"size": FIG_FONT})
    return fig


def _names(names: list[str], limit: int, lang: str) -> str:
    text = ", ".join(names[:limit])
    if len(names) > limit:
        text += " " + t("rembuk.lokus.more", lang, n=fmt_int(len(names) - limit, lang))
    return text


def lokus_side(lokus: dict, lang: str) -> dict:
    """The side panel of slide 4: planner changes with their reasons, and the proposed villages
    without completed works (both capped; the PDF pack lists everything)."""
    rows = lokus["rows"]
    names = dict(zip(rows["kode_desa"], rows["nama_desa"])) | dict(
        zip(lokus["removed"]["kode_desa"], lokus["removed"]["nama_desa"])
    )
    prop = lokus["proposal"]
    changes = []
    for sign, items in (("✚", [i for i in prop["items"] if i["status"] == "tambah"]), ("✖", prop["removed"])):
        for i in items:
            rank = (
                t("lokus.tip.rank", lang, rank=fmt_int(i["rank"], lang), score=fmt_num(i["score"], lang, 1))
                if i["rank"] is not None
                else t("lokus.tip.norank", lang)
            )
            changes.append(
                {
                    "sign": sign,
                    "name": str(names.get(i["desa"], i["desa"])),
                    "rank": rank,
                    "reason": i.get("planner") or i["reason"],
                }
            )
    no_works = [str(r.nama_desa) for r in rows.itertuples() if r.sarana_selesai == 0]
    more = len(changes) - SIDE_CHANGES
    return {
        "changes": changes[:SIDE_CHANGES],
        "changes_more": t("rembuk.lokus.more", lang, n=fmt_int(more, lang)) if more > 0 else "",
        "no_works_title": t("rembuk.lokus.no_works", lang, n=fmt_int(len(no_works), lang)),
        "no_works": _names(no_works, SIDE_NAMES, lang),
        "n_no_works": len(no_works),
        "p_unsure": _names(
            [t("rembuk.lokus.p_item", lang, name=u["name"], p=u["p"]) for u in lokus.get("p_unsure", [])],
            SIDE_NAMES,
            lang,
        ),
        "p_unsure_title": t("rembuk.lokus.p_unsure", lang, n=fmt_int(len(lokus.get("p_unsure", [])), lang)),
        "n_p_unsure": len(lokus.get("p_unsure", [])),
    }


def page_context(ds, lang: str, proposals=None) -> dict:
    slides = grembuk.slide_data(ds, lang, proposals)
    by = {s["kind"]: s for s in slides}
    prev = by["prevalence"]
    change = by["change"]
    lokus = by["lokus"]
    gaps = by["gaps"]
    quality = by["quality"]
    year = prev["year"]
    line = grembuk.gap_threshold()
    head, body = _quality_cells(quality, lang)
    return {
        "region": ds.region_name,
        "demo": bool(ds.demo),
        "slides": slides,
        "version": ds.version,
        "bounds": ds.bounds,
        "focus_bounds": ds.focus["bounds"],
        "insets": [
            {
                "title": t("map.inset", lang, kec=inset["kec"], n=fmt_int(inset["n"], lang)),
                "bounds": inset["bounds"],
                "url": map_cb.api_url(ds, f"inset-{i}"),
                "center": [
                    (inset["bounds"][0][0] + inset["bounds"][1][0]) / 2,
                    (inset["bounds"][0][1] + inset["bounds"][1][1]) / 2,
                ],
            }
            for i, inset in enumerate(ds.focus["insets"])
        ],
        "center": [(ds.bounds[0][0] + ds.bounds[1][0]) / 2, (ds.bounds[0][1] + ds.bounds[1][1]) / 2],
        "desa_url": map_cb.api_url(ds, "desa"),
        "kec_url": map_cb.api_url(ds, "kecamatan"),
        "trend_figure": trend_figure(ds, lang),
        "prev_hideout": mapview.desa_hideout(ds, "stunting", year, None, False, lang),
        "prev_legend": mapview.legend(ds, "stunting", year, lang),
        "change_hideout": {
            "ind": "stunting",
            "ya": change["year_from"],
            "yb": change["year_to"],
            "breaks": list(classify.CLEAR_CHANGE.breaks),
            "colors": list(classify.CLEAR_CHANGE.colors),
            "nodata": classify.CLEAR_CHANGE.nodata_color,
            "clear": grembuk.clear_values(ds),  # -1 / 0 / +1: fell, no clear change, rose
            "keys": list(ds.value_keys),
        },  # positions of indicator|year in each village's values
        "change_legend": _short_change_legend(ds, lang),
        "worst": [
            {"name": str(r.nama_desa), "pp": fmt_pp(r.perubahan, lang)} for r in change["worst"].head(3).itertuples()
        ],
        "lokus_hideout": {"codes": lokus["codes"], "fill": "#fdb863", "other": "#e3e3e3"},
        "lokus_side": lokus_side(lokus, lang),
        "sarana_data": mapview.sarana_geojson(ds, None, ["selesai"], None, lang),
        "gaps": [
            {
                "label": indicator_text(r.indikator, lang),
                "pct": float(r.persen),
                "pct_text": fmt_pct(r.persen, lang, 1),
                "color": classify.colour_of(r.persen, classify.COVERAGE),
                "below_text": f"{fmt_int(r.di_bawah, lang)} / {fmt_int(r.desa, lang)}",
            }
            for r in gaps["table"].head(grembuk.GAP_ROWS).itertuples()  # the worst: a slide read from metres away
        ],
        "gaps_more": t("rembuk.gaps.more", lang, n=fmt_int(len(gaps["table"]) - grembuk.GAP_ROWS, lang))
        if len(gaps["table"]) > grembuk.GAP_ROWS
        else "",
        "gaps_year": gaps["year"],
        "gap_line": line,
        "gap_line_text": fmt_pct(line, lang, 0),
        "quality": (head, body),
        "quality_demo": [r["demo"] for r in quality["rows"]],
    }


def _short_change_legend(ds, lang: str) -> dict:
    """Change legend with range-only labels (signed points): short enough for 28 px text at 1024 px."""
    leg = grembuk.change_legend(ds, lang)
    for item in leg["items"]:
        if not item.get("nodata") and " (" in item["label"]:
            item["label"] = item["label"].split(" (", 1)[1].rstrip(")")
    return leg


def _quality_cells(info: dict, lang: str):
    head = [t(f"rembuk.q.col_{c}", lang) for c in ("table", "rows", "desa", "years", "source")]
    body = []
    for r in info["rows"]:
        desa = fmt_int(r["desa"], lang) if r["table"] != "terbit" else "–"
        if r["unmatched"]:
            desa += " (" + t("rembuk.q.unmatched", lang, n=fmt_int(r["unmatched"], lang)) + ")"
        body.append([r["label"], fmt_int(r["rows"], lang), desa, r["years"], r["source"]])
    return head, body


def meeting_for(ds, skenario=None, versi=None):
    """The proposal for ``?skenario=&versi=`` (None = latest scenario or default, also when the
    named one does not exist or cannot be computed: the slide says which list it shows)."""
    if not skenario:
        return None
    try:
        return proposal.meeting(ds, str(skenario), scenarios.parse_version(versi))
    except (scenarios.ScenarioError, glokus.LokusError):
        return None


def layout(lang: str = "id", skenario=None, versi=None, **_query):
    lang = norm_lang(lang)
    ds = dataset.current()
    m = meeting_for(ds, skenario, versi)
    ctx = page_context(ds, lang, m)
    ctx["pdf_query"] = {"skenario": m.scenario.name, "versi": m.scenario.version} if m and m.scenario else {}
    loop_context(ds, lang, ctx)
    return rembuk_page.build(ctx, lang)


def loop_context(ds, lang: str, ctx: dict) -> dict:
    """The convergence loop (issue 16): last meeting's commitments open the deck, the plans in the
    proposed lokus villages follow the six slides, and the berita acara form (geo.views.rembuk_loop)."""
    from callbacks import beritaacara as ba_cb
    from geo.views import rembuk_loop

    lokus = next(s for s in ctx["slides"] if s["kind"] == "lokus")
    ctx["opening"] = rembuk_loop.commitments_slide(ds, lang)
    ctx["closing"] = rembuk_loop.plans_slide(ds, lang, lokus["codes"])
    ctx["form"] = ba_cb.form_context(ds, lang, ctx.get("pdf_query")) | {"query": ctx.get("pdf_query", {})}
    return ctx


def register(app) -> None:
    # This page: its address, its place in the navigation (layouts/shell.py reads the registry)
    dash.register_page(
        __name__,
        path="/rembuk",
        name="Rembuk",
        order=4,
        nav="nav.rembuk",
        title=page_title("nav.rembuk"),
        layout=layout,
    )
