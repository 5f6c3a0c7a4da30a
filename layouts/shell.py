"""The frame around every page: header, navigation, language switch, DATA CONTOH banner."""

from __future__ import annotations

import dash
from dash import dcc, html

from geo.core.i18n import t
from layouts import ids


def nav_items() -> list[tuple[str, str]]:
    """(path, message key) of the pages in the navigation, in their order: from Dash's page
    registry, where each page module registers itself with ``nav=`` and ``order=``."""
    pages = [p for p in dash.page_registry.values() if p.get("nav")]
    return [(p["path"], p["nav"]) for p in sorted(pages, key=lambda p: p["order"])]


def href(path: str, lang: str) -> str:
    return path if lang == "id" else f"{path}?lang={lang}"


def header(active: str, lang: str, region: str) -> html.Header:
    other = "en" if lang == "id" else "id"
    links = [
        dcc.Link(t(key, lang), href=href(path, lang), className="nav-link active" if path == active else "nav-link")
        for path, key in nav_items()
    ]
    return html.Header(
        className="app-header",
        children=[
            html.Div(
                className="brand",
                children=[
                    html.Span(t("app.title", lang), className="brand-name"),
                    html.Span(t("app.subtitle", lang, region=region), className="brand-sub"),
                ],
            ),
            html.Nav(links, className="nav", **{"aria-label": t("nav.aria", lang)}),
            # An explicit ?lang= (also for Indonesian) so the server remembers the choice (callbacks/lang.py).
            html.A(
                t("nav.lang_switch", lang),
                href=f"{active}?lang={other}",
                className="lang-switch",
                lang=other,
                id="lang-switch",
                title=t("lang.aria", lang),
            ),
        ],
    )


def demo_banner(lang: str, show: bool) -> html.Div | None:
    if not show:
        return None
    return html.Div(t("common.demo_banner", lang), id=ids.DEMO_BANNER, className="demo-banner", role="note")


def page(active: str, lang: str, region: str, demo: bool, body, extra_class: str = "") -> html.Div:
    return html.Div(
        className=f"page {extra_class}".strip(),
        lang=lang,
        children=[
            dcc.Store(id=ids.LANG, data=lang),
            header(active, lang, region),
            demo_banner(lang, demo),
            html.Main(body, className="page-body"),
        ],
    )


def demo_tag(lang: str) -> html.Span:
    """The small DATA CONTOH label placed on every chart and panel that shows demo data."""
    return html.Span(t("common.demo", lang), className="demo-tag")
