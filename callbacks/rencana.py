"""The plans page (/rencana): computed from the dataset in use (geo.views.rencanaview), no callbacks;
the year is chosen with links (``?tahun=``)."""

from __future__ import annotations

import dash

from callbacks import map as map_cb
from callbacks.lang import page_title
from geo.analysis import dataset
from geo.core.i18n import norm_lang
from geo.views import rencanaview
from layouts import rencana_page


def layout(lang: str = "id", tahun=None, **_query):
    lang = norm_lang(lang)
    ds = dataset.current()
    ctx = rencanaview.page_data(ds, lang, tahun)
    ctx["hideout"]["fit"] = {"bounds": ds.bounds, "options": {"padding": [10, 10], "animate": False}}
    ctx.update(
        region=ds.region_name,
        bounds=ds.bounds,
        desa_url=map_cb.api_url(ds, "desa"),
        center=[(ds.bounds[0][0] + ds.bounds[1][0]) / 2, (ds.bounds[0][1] + ds.bounds[1][1]) / 2],
    )
    return rencana_page.build(ctx, lang)


def register(app) -> None:
    # This page: its address, its place in the navigation (layouts/shell.py reads the registry)
    dash.register_page(
        __name__,
        path="/rencana",
        name="Rencana",
        order=3,
        nav="nav.rencana",
        title=page_title("nav.rencana"),
        layout=layout,
    )
