"""Layer: views
The convergence loop in the rembuk deck: the opening slide with the last meeting's commitments,
each marked done / partly done / not done from the realisation data, and the seventh slide with the
planned activities in the proposed lokus villages, per office. Plain data, no Dash.
"""

from __future__ import annotations

from geo.analysis import convergence
from geo.core.i18n import fmt_int, fmt_num, indicator_text, t
from geo.io import beritaacara

MAX_ROWS = 5  # commitments / offices on a slide (the berita acara PDF lists all)


def date_text(iso: str, lang: str, form: str = "long") -> str:
    import datetime as _dt

    from babel.dates import format_date

    from geo.core.i18n import LOCALES

    try:
        return format_date(_dt.date.fromisoformat(iso[:10]), format=form, locale=LOCALES[lang])
    except ValueError:
        return iso


def version_label(v, lang: str) -> str:
    """A data version for reading: ``v7``, or the words for the bundled demo / no data."""
    v = str(v or "")
    return t(f"loop.v.{v}", lang) if v in ("contoh", "kosong", "bawaan") else v


def last_minutes(ds) -> dict | None:
    return beritaacara.latest(known_codes=set(ds.boundaries["kode_desa"]))


def commitments_slide(ds, lang: str, minutes: dict | None = None) -> dict | None:
    """The opening slide: the last meeting's commitments with their status; None without a meeting."""
    m = minutes if minutes is not None else last_minutes(ds)
    if not m:
        return None
    rows, counts = [], {s: 0 for s in convergence.STATUSES}
    for c in m.get("komitmen", []):
        st = convergence.commitment_status(c, ds.realisasi, since=m["tanggal"])
        counts[st["status"]] += 1
        vol = c.get("volume")
        rows.append(
            {
                "opd": c["opd"],
                "kegiatan": c["kegiatan"],
                "desa": str(ds.desa_index["nama_desa"].get(c["kode_desa"], c.get("nama_desa", c["kode_desa"]))),
                "target": f"{fmt_num(vol, lang, 0)} {c.get('satuan', '')}".strip() if vol is not None else "–",
                "done": fmt_num(st["delivered"], lang, 0),
                "progress": t(
                    "loop.progress",
                    lang,
                    done=fmt_num(st["delivered"], lang, 0),
                    target=fmt_num(vol, lang, 0),
                    unit=c.get("satuan", ""),
                )
                if vol is not None
                else fmt_num(st["delivered"], lang, 0),
                "deadline": date_text(c["tenggat"], lang, "medium"),
                "status": st["status"],
                "status_text": t(f"loop.status.{st['status']}", lang),
            }
        )
    headline = t(
        "loop.commit.headline",
        lang,
        date=date_text(m["tanggal"], lang),
        n=fmt_int(len(rows), lang),
        done=fmt_int(counts[convergence.DONE], lang),
        partly=fmt_int(counts[convergence.PARTLY], lang),
        not_done=fmt_int(counts[convergence.NOT_DONE], lang),
        version=version_label(ds.versions.get("realisasi", ""), lang),
    )
    return {
        "kind": "commitments",
        "title": t("rembuk.title.commitments", lang),
        "headline": headline,
        "rows": rows[:MAX_ROWS],
        "more": max(0, len(rows) - MAX_ROWS),
        "counts": counts,
        "meeting": m,
        "demo": bool(m.get("contoh")) or "realisasi" in ds.demo,
    }


def plans_slide(ds, lang: str, lokus_codes) -> dict:
    """The seventh slide: the latest year's planned activities in the proposed lokus villages, per office."""
    codes = list(lokus_codes)
    years = sorted({int(y) for y in ds.rencana["tahun"]}) if len(ds.rencana) else []
    base = {
        "kind": "plans",
        "title": t("rembuk.title.plans", lang),
        "rows": [],
        "year": None,
        "demo": "rencana" in ds.demo,
    }
    if not years or not codes:
        return base | {"headline": t("loop.plans.none", lang)}
    year = years[-1]
    p = ds.rencana[(ds.rencana["tahun"] == year) & ds.rencana["kode_desa"].isin(codes)]
    from geo.views.rencanaview import money

    rows = []
    for office, g in sorted(p.groupby("opd"), key=lambda x: -x[1]["anggaran"].sum()):
        inds = ", ".join(indicator_text(i, lang) for i in sorted(set(g["indikator"])))
        rows.append(
            {
                "opd": office,
                "n": fmt_int(len(g), lang),
                "villages": t(
                    "loop.plans.villages", lang, k=fmt_int(g["kode_desa"].nunique(), lang), n=fmt_int(len(codes), lang)
                ),
                "budget": money(g["anggaran"].sum(), lang),
                "inds": inds,
            }
        )
    without = [c for c in codes if c not in set(p["kode_desa"])]
    names = [str(ds.desa_index["nama_desa"].get(c, c)) for c in without]
    headline = t(
        "loop.plans.headline",
        lang,
        year=year,
        k=fmt_int(len(codes) - len(without), lang),
        n=fmt_int(len(codes), lang),
        offices=fmt_int(len(rows), lang),
        budget=money(p["anggaran"].sum(), lang),
    )
    return base | {
        "headline": headline,
        "rows": rows[:MAX_ROWS],
        "year": year,
        "without": t(
            "loop.plans.without",
            lang,
            n=fmt_int(len(without), lang),
            names=", ".join(names[:6]) + (" …" if len(names) > 6 else ""),
        )
        if without
        else "",
    }
