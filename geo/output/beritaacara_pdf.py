"""Layer: output
The berita acara (minutes) of a rembuk as a PDF: date, attendees, commitments, the data versions and
the lokus scenario shown, who saved it and when. Built like the meeting pack (geo.output.pdf: reportlab,
DejaVu fonts from matplotlib, no network)."""

from __future__ import annotations

import io

from reportlab.lib.units import cm
from reportlab.platypus import SimpleDocTemplate, Spacer

from geo.core.i18n import fmt_int, fmt_num, norm_lang, t
from geo.output import pdf


def build(minutes: dict, region: str, lang: str = "id") -> bytes:
    from geo.views.rembuk_loop import date_text, version_label

    lang = norm_lang(lang)
    pdf._register_fonts()
    st = pdf._styles()
    width = pdf.PAGE[0] - 3 * cm
    p, table = pdf._p, pdf._table
    story = [
        p(t("ba.pdf_title", lang), st["h1"]),
        p(region, st["h2"]),
        p(t("ba.pdf_meeting", lang, date=date_text(minutes["tanggal"], lang)), st["headline"]),
        p(
            t(
                "ba.pdf_saved",
                lang,
                version=minutes.get("versi", 1),
                by=minutes.get("oleh", ""),
                time=str(minutes.get("dibuat", "")).replace("T", " ")[:16],
            ),
            st["small"],
        ),
    ]
    if minutes.get("contoh"):
        story.append(p(t("common.demo_banner", lang), st["demo"]))
    people = minutes.get("peserta", [])
    story += [
        Spacer(1, 0.3 * cm),
        p(t("ba.attendees", lang) + f" ({fmt_int(len(people), lang)})", st["h3"]),
        table(
            ["#", t("ba.col_name", lang), t("loop.col.opd", lang)],
            [[str(i), a["nama"], a["opd"]] for i, a in enumerate(people, 1)],
            [1.2 * cm, 11 * cm, width - 12.2 * cm],
            st,
            long=True,
        ),
    ]
    com = minutes.get("komitmen", [])
    rows = [
        [
            str(i),
            c["opd"],
            c["kegiatan"],
            str(c.get("nama_desa") or c["kode_desa"]),
            (f"{fmt_num(c['volume'], lang, 0)} {c.get('satuan', '')}".strip() if c.get("volume") is not None else "–"),
            date_text(c["tenggat"], lang),
        ]
        for i, c in enumerate(com, 1)
    ]
    story += [
        Spacer(1, 0.3 * cm),
        p(t("ba.commitments", lang) + f" ({fmt_int(len(com), lang)})", st["h3"]),
        table(
            [
                "#",
                t("loop.col.opd", lang),
                t("loop.col.act", lang),
                t("loop.col.village", lang),
                t("loop.col.target", lang),
                t("loop.col.deadline", lang),
            ],
            rows,
            [1.2 * cm, 5.5 * cm, width - 20.7 * cm, 5 * cm, 4 * cm, 5 * cm],
            st,
            long=True,
        ),
    ]
    versions = minutes.get("versi_data", {})
    story += [
        Spacer(1, 0.3 * cm),
        p(t("export.versions", lang), st["h3"]),
        p(
            "; ".join(f"{_table_name(k, lang)}: {version_label(v, lang)}" for k, v in sorted(versions.items())) or "–",
            st["body"],
        ),
        p(t("ba.scenario", lang, scenario=minutes.get("skenario", "–")), st["body"]),
    ]
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=pdf.PAGE,
        leftMargin=1.5 * cm,
        rightMargin=1.5 * cm,
        topMargin=1.2 * cm,
        bottomMargin=1.4 * cm,
        title=t("ba.pdf_title", lang),
        author=t("app.title", lang),
        lang=lang,
    )
    doc.build(story)
    return buf.getvalue()


def _table_name(key: str, lang: str) -> str:
    from geo.core.messages import MESSAGES

    return t(f"rembuk.q.{key}", lang) if f"rembuk.q.{key}" in MESSAGES else str(key)
