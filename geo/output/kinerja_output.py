"""Layer: output
The annual review (geo.views.kinerja) as an XLSX workbook and as a section of the PDF meeting pack.
"""

from __future__ import annotations

import io

import pandas as pd

from geo.core.i18n import norm_lang, t
from geo.views import kinerja

SHEETS = ("targets", "offices", "comparison", "diffs")


def frames(ds, lang: str) -> dict[str, pd.DataFrame]:
    """The review's tables with translated column names, one per sheet, plus the notes."""
    lang = norm_lang(lang)
    d = kinerja.page_data(ds, lang)
    cols = {
        "targets": [
            ("ind", "kinerja.col_ind"),
            ("year", "kinerja.col_year"),
            ("target", "kinerja.col_target"),
            ("achieved", "kinerja.col_achieved"),
            ("met", "kinerja.col_met"),
            ("villages", "kinerja.col_villages_met"),
        ],
        "offices": [
            ("year", "kinerja.col_year"),
            ("opd", "rencana.col_opd"),
            ("n", "kinerja.col_n_act"),
            ("planned", "kinerja.col_planned"),
            ("spent", "kinerja.col_spent"),
            ("rate_budget", "kinerja.col_rate_budget"),
            ("rate_volume", "kinerja.col_rate_volume"),
        ],
        "comparison": [
            ("ind", "kinerja.col_ind"),
            ("year", "kinerja.col_year"),
            ("group", "kinerja.col_group"),
            ("villages", "kinerja.col_n_villages"),
            ("value", "kinerja.col_value"),
        ],
        "diffs": [
            ("ind", "kinerja.col_ind"),
            ("lokus", "kinerja.col_change_lokus"),
            ("other", "kinerja.col_change_other"),
            ("diff", "kinerja.col_diff"),
            ("clear", "kinerja.col_clear"),
        ],
    }
    out = {}
    for sheet in SHEETS:
        rows = d[sheet]
        out[sheet] = pd.DataFrame(
            [[r[k] for k, _ in cols[sheet]] for r in rows], columns=[t(key, lang) for _, key in cols[sheet]]
        )
    notes = [t("kinerja.title", lang), d["headline"], d["caveat"], d["target_rule"], t("kinerja.ci_note", lang)]
    if d["demo"]:
        notes.append(t("common.demo_banner", lang))
    notes += [
        f"{t(f'rembuk.q.{k}', lang)}: {ds.versions.get(k, '')}"
        for k in ("prevalensi", "cakupan", "lokus", "rencana", "realisasi")
    ]
    out["notes"] = pd.DataFrame({t("kinerja.col_note", lang): notes})
    return out


def xlsx_bytes(ds, lang: str = "id") -> bytes:
    lang = norm_lang(lang)
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        for name, df in frames(ds, lang).items():
            df.to_excel(xw, sheet_name=t(f"kinerja.sheet.{name}", lang)[:31], index=False)
            ws = xw.sheets[t(f"kinerja.sheet.{name}", lang)[:31]]
            for i, c in enumerate(df.columns, start=1):
                width = max([len(str(c))] + [len(str(v)) for v in df.iloc[:, i - 1]]) + 2
                ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = min(80, width)
    return buf.getvalue()


def pdf_story(ds, lang: str, st: dict, width: float, p, table) -> list:
    """The review's pages for the PDF pack (``p``/``table``: geo.output.pdf's paragraph and table makers)."""
    from reportlab.lib.units import cm
    from reportlab.platypus import PageBreak, Spacer

    lang = norm_lang(lang)
    d = kinerja.page_data(ds, lang)
    f = frames(ds, lang)
    story = [p(t("kinerja.title", lang), st["h2"]), p(d["headline"], st["headline"])]
    if d["demo"]:
        story.append(p(t("common.demo_banner", lang), st["demo"]))
    for name, title in (
        ("targets", "kinerja.targets_title"),
        ("offices", "kinerja.offices_title"),
        ("comparison", "kinerja.compare_title"),
        ("diffs", "kinerja.diffs_title"),
    ):
        df = f[name]
        if not len(df):
            continue
        story.append(p(t(title, lang, year=d["lokus_year"] or "–"), st["h3"]))
        n = len(df.columns)
        story.append(
            table(
                list(df.columns),
                [[str(v) for v in r] for r in df.itertuples(index=False)],
                [width / n] * n,
                st,
                long=True,
            )
        )
        story.append(Spacer(1, 0.3 * cm))
    story += [p(d["caveat"], st["body"]), p(t("kinerja.ci_note", lang), st["small"])]
    return [PageBreak(), *story]
