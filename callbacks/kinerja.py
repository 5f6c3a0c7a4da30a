"""The annual review (/kinerja) and its XLSX download: computed from the dataset in use (geo.views.kinerja)."""

from __future__ import annotations

import dash
from flask import Response

from callbacks.lang import page_title
from geo.analysis import dataset
from geo.core.i18n import norm_lang
from geo.output import kinerja_output
from geo.views import kinerja
from layouts import kinerja_page

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def layout(lang: str = "id", **_query):
    lang = norm_lang(lang)
    ds = dataset.current()
    ctx = kinerja.page_data(ds, lang)
    ctx["region"] = ds.region_name
    return kinerja_page.build(ctx, lang)


def download_xlsx() -> Response:
    from callbacks import lang as lang_cb

    lang = norm_lang(lang_cb.request_lang())
    ds = dataset.current()
    body = kinerja_output.xlsx_bytes(ds, lang)
    name = "kinerja.xlsx" if lang == "id" else "review.xlsx"
    return Response(
        body,
        mimetype=XLSX,
        headers={"Content-Disposition": f'attachment; filename="{name}"', "X-Data-Version": ds.version},
    )


def register(app) -> None:
    # This page: its address, its place in the navigation (layouts/shell.py reads the registry)
    dash.register_page(
        __name__,
        path="/kinerja",
        name="Kinerja",
        order=5,
        nav="nav.kinerja",
        title=page_title("nav.kinerja"),
        layout=layout,
    )
