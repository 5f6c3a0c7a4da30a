"""Static charts and maps (matplotlib, no browser, no network) for the slide PNGs and the PDF pack.

Every function draws onto a given ``Axes`` from the dicts of :mod:`geo.views.rembuk`, so the
deck, the PNGs and the PDF say the same thing. Text is DejaVu Sans, which ships inside
matplotlib itself, so nothing is downloaded and the output is the same on every machine.
Maps carry a legend, a north arrow, a scale bar, a title and their sources.
"""

from __future__ import annotations

import io
import math
import textwrap

import matplotlib

matplotlib.use("Agg")
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from geo.analysis import classify  # noqa: E402
from geo.core.i18n import fmt_int, fmt_num, fmt_pct, indicator_text, t  # noqa: E402
from geo.core.schema import SARANA_SYMBOLS, SARANA_TYPES, sarana_label  # noqa: E402
from geo.views import rembuk as grembuk  # noqa: E402
from geo.views.mapview import class_label  # noqa: E402

FONT = "DejaVu Sans"
# Line style and marker per source type; colours from geo.analysis.classify.SOURCE_COLORS.
SOURCE_STYLE = {
    kind: (classify.SOURCE_COLORS[kind], line, marker)
    for kind, line, marker in (
        ("registri_opd", "-", "o"),
        ("survei", "-", "s"),
        ("registri_eppgbm", "-", "D"),
        ("target", ":", "X"),
    )
}
SOURCE_ORDER = classify.SOURCE_ORDER
MARKER_OF_SHAPE = {"circle": "o", "triangle": "^", "square": "s", "diamond": "D", "pentagon": "p"}
SARANA_MARKERS = tuple((MARKER_OF_SHAPE[shape], colour) for shape, colour in SARANA_SYMBOLS)
SEA = "#dce8f1"

matplotlib.rcParams.update(
    {
        "font.family": FONT,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "svg.fonttype": "none",
        "pdf.fonttype": 42,
    }
)


def new_figure(width_in: float, height_in: float) -> Figure:
    return Figure(figsize=(width_in, height_in), facecolor="white")


def png_bytes(fig: Figure, dpi: int = 120) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, facecolor="white")
    return buf.getvalue()


def _fmt_axis_pct(lang):
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda v, _pos: fmt_num(v, lang, 0) + "%")


# ----- trend --------------------------------------------------------------------------------
def draw_trend(ax, ds, lang: str, font: float = 12) -> None:
    from geo.analysis.trend import published_table

    info = grembuk.trend_slide(ds, lang)
    pub = ds.published
    own = published_table(pub[pub["kode_kab"] == info["kode_kab"]])
    kinds = [k for k in SOURCE_ORDER if k in info["kinds"]] + [k for k in info["kinds"] if k not in SOURCE_ORDER]
    for kind in kinds:
        d = own[own["jenis_sumber"] == kind].sort_values("tahun")
        colour, ls, marker = SOURCE_STYLE.get(kind, ("#666666", "-", "o"))
        name = t(f"trend.src.{kind}", lang) if kind in SOURCE_STYLE else kind
        part = d[d["sebagian_tahun"]]
        d = d[~d["sebagian_tahun"]]
        if len(part):  # a part of a year: an open marker of its own, never on the annual line
            ax.plot(
                part["tahun"],
                part["nilai_persen"],
                linestyle="none",
                marker=marker,
                ms=9,
                mfc="white",
                mec=colour,
                mew=2,
                label=f"{name} ({t('trend.partial_suffix', lang)})",
            )
            for x, y in zip(part["tahun"], part["nilai_persen"]):
                ax.annotate(
                    fmt_pct(y, lang),
                    (x, y),
                    textcoords="offset points",
                    xytext=(0, 9),
                    ha="center",
                    fontsize=font * 0.85,
                    color=colour,
                )
        ax.plot(d["tahun"], d["nilai_persen"], ls, color=colour, marker=marker, lw=2.5, ms=9, label=name)
        for x, y in zip(d["tahun"], d["nilai_persen"]):
            ax.annotate(
                fmt_pct(y, lang),
                (x, y),
                textcoords="offset points",
                xytext=(0, 9 if kind != "target" else -16),
                ha="center",
                fontsize=font * 0.85,
                color=colour,
                fontweight="bold",
            )
    ax.set_ylim(0, max(50.0, float(own["nilai_persen"].max() if len(own) else 0) * 1.15))
    ax.yaxis.set_major_formatter(_fmt_axis_pct(lang))
    ax.set_xlabel(t("trend.axis_year", lang), fontsize=font)
    ax.set_ylabel(t("trend.axis_pct", lang), fontsize=font)
    ax.tick_params(labelsize=font * 0.9)
    if len(own):
        years = sorted({int(y) for y in own["tahun"]})
        ax.set_xticks(years)
        ax.set_xlim(years[0] - 0.5, years[-1] + 0.5)
    ax.grid(axis="y", color="#dddddd")
    ax.legend(loc="lower left", fontsize=font * 0.85, frameon=False, ncol=2)


# ----- maps ---------------------------------------------------------------------------------
def _nice_length(km: float) -> float:
    for n in (1, 2, 5, 10, 20, 50, 100, 200):
        if n >= km:
            return n
    return 500


def map_furniture(ax, gdf, lang: str, font: float = 11) -> None:
    """North arrow (top right) and a scale bar in km (bottom left), for a map in degrees."""
    minx, miny, maxx, maxy = gdf.total_bounds
    lat = (miny + maxy) / 2
    km_per_deg = 111.32 * math.cos(math.radians(lat))
    width_km = (maxx - minx) * km_per_deg
    length = _nice_length(width_km / 5)
    x0 = minx + (maxx - minx) * 0.03
    y0 = miny + (maxy - miny) * 0.03
    dx = length / km_per_deg
    ax.plot([x0, x0 + dx], [y0, y0], color="black", lw=4, solid_capstyle="butt")
    ax.plot([x0, x0 + dx / 2], [y0, y0], color="white", lw=2, solid_capstyle="butt")
    ax.text(
        x0 + dx / 2,
        y0 + (maxy - miny) * 0.015,
        t("export.scale_km", lang, n=fmt_int(length, lang)),
        ha="center",
        va="bottom",
        fontsize=font,
    )
    ax.annotate(
        t("export.north", lang),
        xy=(0.95, 0.97),
        xytext=(0.95, 0.85),
        xycoords="axes fraction",
        ha="center",
        va="center",
        fontsize=font * 1.2,
        fontweight="bold",
        arrowprops={"arrowstyle": "-|>", "lw": 2, "color": "black", "mutation_scale": 22},
    )


def _legend(ax, items: list[tuple[str, str]], title: str, font: float, loc: str = "upper left") -> None:
    handles = [Patch(facecolor=c, edgecolor="#444444", label=lab) for c, lab in items]
    leg = ax.legend(
        handles=handles,
        title=title,
        loc=loc,
        fontsize=font,
        title_fontsize=font,
        frameon=False,
        borderpad=0.2,
        handlelength=2.2,
        handleheight=1.4,
        labelspacing=0.6,
    )
    leg._legend_box.align = "left"
    leg.get_title().set_fontweight("bold")


def split_map_axes(ax):
    """Split one axes into a legend panel (left) and the map (right); returns (map_ax, legend_ax)."""
    fig = ax.figure
    x, y, w, h = ax.get_position().bounds
    ax.remove()
    leg_ax = fig.add_axes((x, y, w * 0.4, h))
    leg_ax.axis("off")
    map_ax = fig.add_axes((x + w * 0.4, y, w * 0.6, h))
    return map_ax, leg_ax


def draw_choropleth(
    ax,
    ds,
    values: dict,
    scale: classify.Scale,
    legend_items,
    legend_title: str,
    lang: str,
    font: float = 11,
    lokus: set | None = None,
):
    """Map with legend (left), north arrow, scale bar; returns (map_ax, legend_ax)."""
    ax, leg_ax = split_map_axes(ax)
    gdf = ds.web_boundaries.copy()
    gdf["_c"] = [classify.colour_of(values.get(k, math.nan), scale) for k in gdf["kode_desa"]]
    ax.set_facecolor(SEA)
    gdf.plot(ax=ax, color=gdf["_c"], edgecolor="#4d4d4d", linewidth=0.4)
    ds.kecamatan.boundary.plot(ax=ax, color="#1b2a38", linewidth=1.2, linestyle="--")
    if lokus:
        gdf[gdf["kode_desa"].isin(lokus)].boundary.plot(ax=ax, color="black", linewidth=2.2)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    for sp in ax.spines.values():
        sp.set_visible(True)
        sp.set_color("#999999")
    minx, miny, maxx, maxy = gdf.total_bounds
    # Equal ground distances: the map fills its box, the data limits grow around it.
    ax.margins(0.05)
    ax.set_aspect(1 / math.cos(math.radians((miny + maxy) / 2)), adjustable="datalim")
    map_furniture(ax, gdf, lang, font)
    _legend(leg_ax, legend_items, legend_title, font)
    return ax, leg_ax


def prevalence_items(ds, lang, info) -> list[tuple[str, str]]:
    scale = classify.WHO_PREVALENCE
    items = [
        (
            scale.colors[i],
            f"{class_label(scale, i, lang)}: {t('legend.count', lang, n=fmt_int(info['counts'][i], lang))}",
        )
        for i in reversed(range(len(scale.colors)))
    ]
    items.append(
        (scale.nodata_color, f"{t('common.nodata', lang)}: {t('legend.count', lang, n=fmt_int(info['nodata'], lang))}")
    )
    return items


def draw_prevalence_map(ax, ds, lang: str, font: float = 11) -> dict:
    info = grembuk.prevalence_slide(ds, lang)
    title = t("map.legend_title", lang, indicator=t("ind.stunting", lang), year=info["year"] or "")
    title += "\n" + t("legend.scale.who2018", lang)
    draw_choropleth(
        ax, ds, info.get("values", {}), classify.WHO_PREVALENCE, prevalence_items(ds, lang, info), title, lang, font
    )
    return info


change_label = grembuk.change_class_label


def draw_change_map(ax, ds, lang: str, font: float = 11) -> dict:
    info = grembuk.change_slide(ds, lang)
    values = grembuk.clear_values(ds)
    scale = classify.CLEAR_CHANGE
    counts, nodata = classify.legend_counts([values.get(k, math.nan) for k in ds.boundaries["kode_desa"]], scale)
    items = [
        (scale.colors[i], f"{t(scale.class_keys[i], lang)}: {t('legend.count', lang, n=fmt_int(counts[i], lang))}")
        for i in reversed(range(len(scale.colors)))
    ]
    items.append(
        (scale.nodata_color, f"{t('common.nodata', lang)}: {t('legend.count', lang, n=fmt_int(nodata, lang))}")
    )
    title = t("rembuk.title.change", lang) + f" {info['year_from']} → {info['year_to']}"
    draw_choropleth(ax, ds, values, scale, items, title, lang, font)
    return info


def draw_cluster_map(ax, ds, lang: str, font: float = 11) -> dict:
    """LISA clusters of the smoothed prevalence, latest year, default k (geo.analysis.spatial)."""
    from geo.analysis import spatial
    from geo.views.mapview import cluster_summary

    year = grembuk.latest_year(ds)
    code = f"klaster_k{spatial.K_DEFAULT}"
    tab, g = ds.clusters(year, spatial.K_DEFAULT) if year is not None else (None, None)
    values = (
        {k: float(spatial.LABELS.index(c)) for k, c in zip(tab["kode_desa"], tab["klaster"])} if tab is not None else {}
    )
    scale = classify.CLUSTER
    counts, nodata = classify.legend_counts([values.get(k, math.nan) for k in ds.boundaries["kode_desa"]], scale)
    items = [
        (scale.colors[i], f"{t(scale.class_keys[i], lang)}: {t('legend.count', lang, n=fmt_int(counts[i], lang))}")
        for i in range(1, len(scale.colors))
    ] + [
        (scale.colors[0], f"{t(scale.class_keys[0], lang)}: {t('legend.count', lang, n=fmt_int(counts[0], lang))}"),
        (scale.nodata_color, f"{t('common.nodata', lang)}: {t('legend.count', lang, n=fmt_int(nodata, lang))}"),
    ]
    title = "\n".join(textwrap.wrap(t(f"ind.{code}", lang) + f" {year}", 30))
    draw_choropleth(ax, ds, values, scale, items, title, lang, font)
    return {"year": year, "global": g, "summary": cluster_summary(ds, code, year, lang) if year is not None else ""}


def draw_lokus_map(ax, ds, lang: str, font: float = 11) -> dict:
    info = grembuk.lokus_slide(ds, lang)
    codes = set(info["codes"])
    grey = classify.Scale("lokus", (0.5,), ("#e3e3e3", "#fdb863"), ("", ""))
    values = {k: (1.0 if k in codes else 0.0) for k in ds.boundaries["kode_desa"]}
    items = [("#fdb863", t("rembuk.lokus.legend", lang) + ": " + t("legend.count", lang, n=fmt_int(len(codes), lang)))]
    title = "\n".join(textwrap.wrap(info["proposal"]["short"], 30))
    ax, leg_ax = draw_choropleth(ax, ds, values, grey, items, title, lang, font, lokus=codes)
    done = ds.sarana[(ds.sarana["status"] == "selesai") & ds.sarana["lintang"].notna()]
    handles = []
    for i, kind in enumerate(list(SARANA_TYPES) + sorted(set(done["jenis"]) - set(SARANA_TYPES))):
        d = done[done["jenis"] == kind]
        if not len(d):
            continue
        marker, colour = SARANA_MARKERS[min(i, len(SARANA_MARKERS) - 1)]
        h = ax.scatter(
            d["bujur"],
            d["lintang"],
            marker=marker,
            s=70,
            c=colour,
            edgecolors="white",
            linewidths=1,
            zorder=5,
            label=sarana_label("jenis", kind, lang),
        )
        handles.append(h)
    if handles:
        leg1 = leg_ax.get_legend()
        leg2 = leg_ax.legend(
            handles=handles,
            loc="lower left",
            fontsize=font,
            frameon=False,
            title=t("rembuk.works_done", lang),
            title_fontsize=font,
            labelspacing=0.6,
        )
        leg2.get_title().set_fontweight("bold")
        leg2._legend_box.align = "left"
        leg_ax.add_artist(leg1)
    return info


# ----- gaps and quality ---------------------------------------------------------------------
def draw_gaps(ax, ds, lang: str, font: float = 12) -> dict:
    info = grembuk.gaps_slide(ds, lang)
    table = info["table"]
    if not len(table):
        ax.text(0.5, 0.5, info["headline"], ha="center", va="center", fontsize=font)
        ax.axis("off")
        return info
    d = table.iloc[::-1]
    labels = [indicator_text(c, lang) for c in d["indikator"]]
    colours = [classify.colour_of(p, classify.COVERAGE) for p in d["persen"]]
    ax.barh(labels, d["persen"], color=colours, edgecolor="#333333")
    for y, (p, k, n) in enumerate(zip(d["persen"], d["di_bawah"], d["desa"])):
        ax.text(
            p + 1,
            y,
            f"{fmt_pct(p, lang, 1)}  ·  {t('rembuk.gaps.col_below', lang, line=fmt_pct(info['line'], lang, 0))}: "
            f"{fmt_int(k, lang)}/{fmt_int(n, lang)}",
            va="center",
            fontsize=font * 0.9,
        )
    ax.axvline(info["line"], color="black", ls="--", lw=1.5)
    ax.set_xlim(0, 140)
    ax.set_xticks([0, 20, 40, 60, 80, 100])
    ax.xaxis.set_major_formatter(_fmt_axis_pct(lang))
    ax.tick_params(labelsize=font)
    ax.set_xlabel(t("rembuk.gaps.col_pct", lang) + f" ({info['year']})", fontsize=font)
    return info


def quality_cells(ds, lang: str, info: dict) -> tuple[list[str], list[list[str]]]:
    head = [t(f"rembuk.q.col_{c}", lang) for c in ("table", "rows", "desa", "years", "version", "source")]
    body = []
    for r in info["rows"]:
        desa = fmt_int(r["desa"], lang) if r["table"] != "terbit" else "–"
        if r["unmatched"]:
            desa += " (" + t("rembuk.q.unmatched", lang, n=fmt_int(r["unmatched"], lang)) + ")"
        body.append(
            [
                r["label"],
                fmt_int(r["rows"], lang),
                desa,
                r["years"],
                r["version"],
                textwrap.shorten(r["source"], 60, placeholder="…"),
            ]
        )
    return head, body


def draw_quality(ax, ds, lang: str, font: float = 12) -> dict:
    info = grembuk.quality_slide(ds, lang)
    head, body = quality_cells(ds, lang, info)
    ax.axis("off")
    tab = ax.table(
        cellText=body,
        colLabels=head,
        loc="upper center",
        cellLoc="left",
        colLoc="left",
        colWidths=[0.14, 0.07, 0.09, 0.1, 0.11, 0.49],
    )
    tab.auto_set_font_size(False)
    tab.set_fontsize(font)
    tab.scale(1, 2.6)
    for (r, _c), cell in tab.get_celld().items():
        cell.set_edgecolor("#bbbbbb")
        if r == 0:
            cell.set_text_props(fontweight="bold")
            cell.set_facecolor("#e8eef3")
        elif body[r - 1][-1] == t("common.demo_tag", lang):
            cell.set_facecolor("#fff4cc")
    return info


# ----- slide PNGs ---------------------------------------------------------------------------
DRAW = {
    "trend": draw_trend,
    "prevalence": draw_prevalence_map,
    "change": draw_change_map,
    "cluster": draw_cluster_map,
    "lokus": draw_lokus_map,
    "gaps": draw_gaps,
    "quality": draw_quality,
}


def slide_png(ds, n: int, lang: str) -> bytes:
    """Slide ``n`` (1-based) as a 1920x1080 PNG: title, headline, chart, source and demo label."""
    kind = grembuk.SLIDES[n - 1]
    fig = new_figure(16, 9)
    headline = grembuk.slide_data_one(ds, kind, lang)
    fig.text(0.03, 0.95, t(f"rembuk.title.{kind}", lang), fontsize=30, fontweight="bold", va="top", color="#123b5c")
    fig.text(0.03, 0.87, "\n".join(textwrap.wrap(headline["headline"], 95)), fontsize=21, va="top")
    rect = {"trend": (0.07, 0.1, 0.9, 0.64), "gaps": (0.22, 0.1, 0.74, 0.64)}.get(kind, (0.03, 0.07, 0.94, 0.7))
    ax = fig.add_axes(rect)
    DRAW[kind](ax, ds, lang, 17)
    from geo.core.version import code_version

    foot = (
        t("rembuk.version", lang, version=ds.version)
        + " · "
        + t("app.title", lang)
        + f" · {n}/{len(grembuk.SLIDES)}"
        + " · "
        + code_version()
    )
    fig.text(0.03, 0.02, foot, fontsize=12, color="#555555")
    if headline.get("demo"):
        fig.text(
            0.97,
            0.95,
            t("common.demo", lang),
            fontsize=18,
            fontweight="bold",
            ha="right",
            va="top",
            color="#7a1f00",
            bbox={"facecolor": "#ffe9a8", "edgecolor": "#7a1f00", "pad": 6},
        )
    return png_bytes(fig, dpi=120)


def map_sources(ds, lang: str, table: str = "prevalensi") -> str:
    data = t("common.demo_tag", lang) if table in ds.demo else ds.sources.get(table, "")
    return t("export.map_sources", lang, batas=ds.sources.get("batas", ""), data=data)


def figure_png(ds, kind: str, lang: str, width_in: float = 10.5, height_in: float = 5.6, dpi: int = 150) -> bytes:
    """One chart or map for the PDF pack: maps carry their title and sources inside the image."""
    fig = new_figure(width_in, height_in)
    if kind in ("prevalence", "change", "lokus", "cluster"):
        fig.text(
            0.01,
            0.97,
            t(f"rembuk.title.{kind}", lang) + " — " + ds.region_name,
            fontsize=13,
            fontweight="bold",
            va="top",
        )
        table = {"prevalence": "prevalensi", "change": "prevalensi", "lokus": "lokus", "cluster": "prevalensi"}[kind]
        fig.text(0.01, 0.01, map_sources(ds, lang, table), fontsize=8.5, color="#333333", va="bottom")
        ax = fig.add_axes((0.01, 0.06, 0.98, 0.86))
        DRAW[kind](ax, ds, lang, 10)
    else:
        rect = {"trend": (0.08, 0.12, 0.9, 0.84), "gaps": (0.22, 0.12, 0.74, 0.84)}.get(kind, (0.02, 0.02, 0.96, 0.96))
        ax = fig.add_axes(rect)
        DRAW[kind](ax, ds, lang, 11)
    return png_bytes(fig, dpi=dpi)
