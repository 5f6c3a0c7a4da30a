"""The app's own page for an unknown address (Dash shows the page of a module named
``not_found_404`` for every path no page claims): the navigation, a sentence and a link home,
in the visitor's language (``?lang=``, else the remembered choice)."""

from __future__ import annotations

import dash
from dash import html

from callbacks import lang as lang_cb
from callbacks.lang import page_title
from geo.analysis import dataset
from geo.core.i18n import norm_lang, t
from layouts.shell import href, page


def layout(lang: str | None = None, **_query):
    try:
        lang = norm_lang(lang or lang_cb.request_lang())
    except RuntimeError:  # outside a request
        lang = norm_lang(lang)
    body = html.Div(
        className="doc-page not-found",
        id="not-found",
        children=[
            html.H1(t("page.not_found", lang)),
            html.P(t("page.not_found_hint", lang), className="lead"),
            html.A(t("page.back_home", lang), href=href("/", lang), className="btn btn-primary", id="not-found-home"),
        ],
    )
    return page("", lang, dataset.current().region_name, False, body)  # no menu item is this page


def register(app) -> None:
    dash.register_page(__name__, path="/404", title=page_title("page.not_found"), layout=layout)
