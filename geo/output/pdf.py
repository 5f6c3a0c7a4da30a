"""The rembuk meeting pack as a PDF, rendered on the server (reportlab + matplotlib, no browser, no network).

Fonts: DejaVu Sans from matplotlib's own package data (always installed with it), so the
pack looks the same everywhere and needs no download.
"""

from __future__ import annotations

import datetime as _dt
import io
from pathlib import Path
from xml.sax.saxutils import escape

import matplotlib
from babel.dates import format_date
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Image,
    KeepTogether,
    LongTable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from geo.core.i18n import LOCALES, fmt_int, fmt_num, fmt_pct, indicator_text, norm_lang, t
from geo.core.version import code_version
from geo.output import exports
from geo.views import charts
from geo.views import rembuk as grembuk

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"
PAGE = landscape(A4)


def _register_fonts() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)


def _styles() -> dict:
    base = ParagraphStyle("base", fontName=FONT, fontSize=11, leading=14.5, alignment=TA_LEFT)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=11, textColor=colors.HexColor("#333333")),
        "h1": ParagraphStyle(
            "h1",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=26,
            leading=32,
            textColor=colors.HexColor("#123b5c"),
            spaceAfter=8,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=17,
            leading=21,
            textColor=colors.HexColor("#123b5c"),
            spaceAfter=4,
        ),
        "headline": ParagraphStyle("headline", parent=base, fontSize=13, leading=17, spaceAfter=6),
        "h3": ParagraphStyle(
            "h3",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=12.5,
            leading=16,
            textColor=colors.HexColor("#123b5c"),
            spaceAfter=3,
        ),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9.5, leading=12),
        "cellb": ParagraphStyle("cellb", parent=base, fontName=FONT_BOLD, fontSize=9.5, leading=12),
        "demo": ParagraphStyle(
            "demo",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=11,
            leading=14,
            textColor=colors.HexColor("#7a1f00"),
            backColor=colors.HexColor("#ffe9a8"),
            borderPadding=4,
            spaceBefore=4,
            spaceAfter=8,
        ),
    }


def _p(text: str, style) -> Paragraph:
    return Paragraph(escape(str(text)), style)


def _table(head: list[str], rows: list[list[str]], widths, st: dict, long: bool = False):
    data = [[_p(h, st["cellb"]) for h in head]] + [[_p(c, st["cell"]) for c in r] for r in rows]
    cls = LongTable if long else Table
    tb = cls(data, colWidths=widths, repeatRows=1)
    tb.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef3")),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#aaaaaa")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f6f6f6")]),
            ]
        )
    )
    return tb


def _image(png: bytes, width: float) -> Image:
    img = Image(io.BytesIO(png))
    ratio = img.imageHeight / img.imageWidth
    img.drawWidth, img.drawHeight = width, width * ratio
    return img


def _section(kind: str, info: dict, st: dict, lang: str, ds) -> list:
    out = [_p(t(f"rembuk.title.{kind}", lang), st["h2"]), _p(info["headline"], st["headline"])]
    out += [_p(line, st["small"]) for line in info.get("lines", [])]
    if info.get("demo"):
        out.append(_p(t("common.demo_banner", lang), st["demo"]))
    return out


def _lokus_table(rows, year, lang: str, st: dict, width: float, numbered: bool = True):
    """The proposed villages in rank order, each with its reason (geo.views.rembuk.lokus_rows)."""
    body = []
    for i, r in enumerate(rows.itertuples(), 1):
        works = fmt_int(r.sarana_selesai, lang) + (f" ({r.jenis_sarana})" if r.jenis_sarana else "")
        p = getattr(r, "p_top", None)
        body.append(
            [
                fmt_int(i, lang) if numbered else "",
                r.nama_desa,
                r.nama_kec,
                fmt_num(p, lang, 2) if p is not None and p == p else "–",
                t("export.yes", lang) if r.lokus_lalu else t("export.no", lang),
                works,
                r.alasan,
            ]
        )
    head = [
        t("export.lokus_col_no", lang),
        t("export.lokus_col_desa", lang),
        t("export.lokus_col_kec", lang),
        t("lokus.col.p_top_short", lang),
        t("export.lokus_col_last", lang, year=year or ""),
        t("export.lokus_col_works", lang),
        t("export.lokus_col_reason", lang),
    ]
    return _table(
        head, body, [1.1 * cm, 3.3 * cm, 3.0 * cm, 1.8 * cm, 1.8 * cm, 4.6 * cm, width - 15.6 * cm], st, long=True
    )


def build_pack(ds, lang: str = "id", proposals=None, today: _dt.date | None = None) -> bytes:
    """The meeting pack: cover, trend, prevalence map, change map, lokus list, coverage gaps, data quality."""
    lang = norm_lang(lang)
    _register_fonts()
    st = _styles()
    today = today or _dt.date.today()
    width = PAGE[0] - 3 * cm
    slides = {s["kind"]: s for s in grembuk.slide_data(ds, lang, proposals)}
    story: list = []

    # Cover
    story += [
        Spacer(1, 1.2 * cm),
        _p(t("export.pack_title", lang), st["h1"]),
        _p(ds.region_name, st["h2"]),
        _p(t("export.generated", lang, date=format_date(today, format="long", locale=LOCALES[lang])), st["body"]),
        Spacer(1, 0.4 * cm),
    ]
    if ds.demo:
        story.append(_p(t("common.demo_banner", lang), st["demo"]))
    meta = exports.metadata_table(ds, lang)
    story += [
        _p(t("export.versions", lang), st["h2"]),
        _table(
            [t("rembuk.q.col_table", lang), t("rembuk.q.col_version", lang), t("rembuk.q.col_source", lang)],
            [[t(f"rembuk.q.{r.tabel}", lang), r.versi, r.sumber] for r in meta.itertuples()],
            [5 * cm, 4 * cm, width - 9 * cm],
            st,
        ),
        _p(t("rembuk.version", lang, version=ds.version), st["small"]),
        _p(t("lokus.x.code_version", lang) + ": " + code_version(), st["small"]),
        _p(
            t(
                "export.lokus_proposal",
                lang,
                source=slides["lokus"]["proposal"]["short"],
                n=grembuk.SLIDES.index("lokus") + 1,
            ),
            st["small"],
        ),
        Spacer(1, 0.4 * cm),
        _p(t("export.contents", lang), st["h2"]),
    ]
    story += [_p(f"{i}. {t(f'rembuk.title.{k}', lang)}", st["body"]) for i, k in enumerate(grembuk.SLIDES, 1)]
    story.append(_p(f"{len(grembuk.SLIDES) + 1}. {t('kinerja.title', lang)}", st["body"]))  # geo.output.kinerja_output
    story.append(PageBreak())

    # 1 trend
    story += _section("trend", slides["trend"], st, lang, ds)
    story.append(_image(charts.figure_png(ds, "trend", lang, 10.5, 4.6), width * 0.92))
    story.append(
        _p(
            t("trend.sources", lang)
            + ": "
            + "; ".join(
                f"{s['name']} ({t('trend.src.' + s['kind'], lang) if s['kind'] in charts.SOURCE_STYLE else s['kind']})"
                for s in slides["trend"]["sources"]
            ),
            st["small"],
        )
    )
    story.append(PageBreak())

    # 2 prevalence map, 3 change map
    for kind in ("prevalence", "change"):
        story += _section(kind, slides[kind], st, lang, ds)
        story.append(_image(charts.figure_png(ds, kind, lang, 10.5, 5.0), width * 0.86))
        story.append(PageBreak())

    # spatial clusters (LISA) of the smoothed prevalence, with the caveats
    if "stunting" in ds.indicator_codes and grembuk.latest_year(ds) is not None:
        from geo.analysis import spatial
        from geo.views.mapview import cluster_summary

        year = grembuk.latest_year(ds)
        story.append(_p(t("rembuk.title.cluster", lang), st["h2"]))
        story.append(_p(cluster_summary(ds, f"klaster_k{spatial.K_DEFAULT}", year, lang), st["body"]))
        if "prevalensi" in ds.demo:
            story.append(_p(t("common.demo_banner", lang), st["demo"]))
        story.append(_image(charts.figure_png(ds, "cluster", lang, 10.5, 5.0), width * 0.86))
        story.append(PageBreak())

    # 4 lokus list with reasons
    lk = slides["lokus"]
    story += _section("lokus", lk, st, lang, ds)
    story.append(_p(t("export.lokus_source", lang) + ": " + lk["proposal"]["source"], st["body"]))
    if lk["proposal"]["weights"]:
        story.append(_p(lk["proposal"]["weights"], st["small"]))
    if lk.get("overlap_text"):
        story.append(
            _p(
                lk["overlap_text"]
                + (" " + t("rembuk.lokus.sk", lang, year=lk["year"], sk=lk["sk"]) if lk["sk"] else ""),
                st["small"],
            )
        )
    story.append(Spacer(1, 0.2 * cm))
    story.append(_lokus_table(lk["rows"], lk["year"], lang, st, width))
    if len(lk["removed"]):
        story.append(Spacer(1, 0.3 * cm))
        story.append(
            _p(
                t(
                    "export.lokus_removed",
                    lang,
                    n=fmt_int(lk["proposal"]["n"], lang),
                    k=fmt_int(len(lk["removed"]), lang),
                ),
                st["h3"],
            )
        )
        story.append(_lokus_table(lk["removed"], lk["year"], lang, st, width, numbered=False))
    story.append(PageBreak())

    # 5 coverage gaps
    gp = slides["gaps"]
    story += _section("gaps", gp, st, lang, ds)
    line = fmt_pct(gp["line"], lang, 0)
    rows = [
        [
            indicator_text(r.indikator, lang, "label"),
            r.opd,
            fmt_pct(r.persen, lang, 1),
            f"{fmt_int(r.pembilang, lang)} / {fmt_int(r.penyebut, lang)}",
            f"{fmt_int(r.di_bawah, lang)} / {fmt_int(r.desa, lang)}",
        ]
        for r in gp["table"].itertuples()
    ]
    story.append(
        _table(
            [
                t("rembuk.gaps.col_ind", lang),
                t("rembuk.gaps.col_opd", lang),
                t("rembuk.gaps.col_pct", lang) + f" ({gp['year']})",
                t("profile.col_numden", lang),
                t("rembuk.gaps.col_below", lang, line=line),
            ],
            rows,
            [9 * cm, 4 * cm, 3.5 * cm, 4.5 * cm, width - 21 * cm],
            st,
        )
    )
    story.append(Spacer(1, 0.3 * cm))
    story.append(_image(charts.figure_png(ds, "gaps", lang, 10.5, 3.4), width * 0.8))
    story.append(PageBreak())

    # 6 data quality
    q = slides["quality"]
    story += _section("quality", q, st, lang, ds)
    head, body = charts.quality_cells(ds, lang, q)
    full = [[*r[:-1], row["source"]] for r, row in zip(body, q["rows"])]
    story.append(KeepTogether(_table(head, full, [4 * cm, 2 * cm, 3.8 * cm, 3 * cm, 3.2 * cm, width - 16 * cm], st)))
    story.append(Spacer(1, 0.3 * cm))
    story.append(_p(t("methods.survey_registry", lang), st["body"]))

    # the annual review (Aksi 8, issue 16)
    from geo.output import kinerja_output

    story += kinerja_output.pdf_story(ds, lang, st, width, _p, _table)

    buf = io.BytesIO()

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(
            1.5 * cm,
            0.8 * cm,
            f"{t('app.title', lang)} · {ds.region_name} · "
            + t("rembuk.version", lang, version=ds.version)
            + (f" · {t('common.demo', lang)}" if ds.demo else ""),
        )
        canvas.drawRightString(PAGE[0] - 1.5 * cm, 0.8 * cm, t("export.page", lang, n=doc.page))
        canvas.restoreState()

    doc = SimpleDocTemplate(
        buf,
        pagesize=PAGE,
        leftMargin=1.5 * cm,
        rightMargin=1.5 * cm,
        topMargin=1.2 * cm,
        bottomMargin=1.4 * cm,
        title=t("export.pack_title", lang),
        author=t("app.title", lang),
        lang=lang,
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buf.getvalue()
