"""Konvergensi: offline-first dashboard for stunting-prevention convergence.

    python app.py                      # serve on http://127.0.0.1:8050 (HOST/PORT override)
    python app.py --host 0.0.0.0 --port 8080
    gunicorn app:server                # WSGI
    python app.py import KIND FILE     # and the other data commands of cli.py (`konvergensi ...`)
"""
from __future__ import annotations

import os
import sys

os.environ.setdefault("DASH_DISABLE_VERSION_CHECK", "true")

if __name__ == "__main__" and len(sys.argv) > 1 and sys.argv[1] in ("import", "versions", "restore", "hash-password",
                                                                     "create-user"):
    import cli  # data commands: no need to build the web app

    sys.exit(cli.main(sys.argv[1:]))

import dash  # noqa: E402
from dash import Dash, html  # noqa: E402

from callbacks import accounts as accounts_cb  # noqa: E402
from callbacks import (
    auth,  # noqa: E402
    routes,  # noqa: E402
    security,  # noqa: E402
    web,  # noqa: E402
)
from callbacks import beritaacara as beritaacara_cb  # noqa: E402
from callbacks import data as data_cb  # noqa: E402
from callbacks import exports as exports_cb  # noqa: E402
from callbacks import kinerja as kinerja_cb  # noqa: E402
from callbacks import lang as lang_cb  # noqa: E402
from callbacks import lokus as lokus_cb  # noqa: E402
from callbacks import map as map_cb  # noqa: E402
from callbacks import methods as methods_cb  # noqa: E402
from callbacks import quality as quality_cb  # noqa: E402
from callbacks import rembuk as rembuk_cb  # noqa: E402
from callbacks import rencana as rencana_cb  # noqa: E402
from callbacks import trend as trend_cb  # noqa: E402
from geo.i18n import t  # noqa: E402


def not_found(lang: str | None = None, **_query):
    """The app's own page for an unknown address: the navigation, a sentence and a link home, in
    the visitor's language (``?lang=``, else the remembered choice)."""
    from geo import dataset
    from geo.i18n import norm_lang
    from layouts.shell import href, page

    try:
        lang = norm_lang(lang or lang_cb.request_lang())
    except RuntimeError:  # outside a request (Dash's layout validation)
        lang = norm_lang(lang)
    body = html.Div(className="doc-page not-found", id="not-found", children=[
        html.H1(t("page.not_found", lang)),
        html.P(t("page.not_found_hint", lang), className="lead"),
        html.A(t("page.back_home", lang), href=href("/", lang), className="btn btn-primary", id="not-found-home"),
    ])
    return page("/", lang, dataset.current().region_name, False, body)


def page_title(key: str):
    """The browser tab's title in the request's language (?lang=, else the remembered cookie)."""
    def title(**_path_variables) -> str:
        try:
            lang = lang_cb.request_lang()
        except RuntimeError:  # outside a request
            lang = "id"
        return f"{t('app.title', lang)} — {t(key, lang)}"
    return title


class KonvergensiDash(Dash):
    """Dash without the software versions in every page's ``_dash-config`` (Python, Dash, Plotly):
    nothing a visitor needs, and a help to an attacker."""

    HIDDEN_CONFIG = ("dash_version", "python_version", "dash_version_url", "ddk_version", "plotly_version")

    def _config(self):
        return {k: v for k, v in super()._config().items() if k not in self.HIDDEN_CONFIG}


def _quiet_server_header() -> None:
    """'Server: konvergensi' instead of the server software and its version (gunicorn, werkzeug)."""
    try:
        import gunicorn.http.wsgi as gunicorn_wsgi

        gunicorn_wsgi.SERVER = "konvergensi"
    except ImportError:  # not served by gunicorn
        pass
    from werkzeug.serving import WSGIRequestHandler

    WSGIRequestHandler.version_string = lambda self: "konvergensi"


def create_app() -> Dash:
    from geo import config

    config.setup_logging()
    _quiet_server_header()
    app = KonvergensiDash(__name__, use_pages=True, pages_folder="", serve_locally=True, compress=True,
               title="Konvergensi", update_title=None, suppress_callback_exceptions=True)
    dash.register_page("peta", path="/", layout=map_cb.layout, title=page_title("nav.map"), name="Peta")
    dash.register_page("tren", path="/tren", layout=trend_cb.layout, title=page_title("nav.trend"), name="Tren")
    dash.register_page("rembuk", path="/rembuk", layout=rembuk_cb.layout, title=page_title("nav.rembuk"), name="Rembuk")
    dash.register_page("rencana", path="/rencana", layout=rencana_cb.layout, title=page_title("nav.rencana"),
                       name="Rencana")
    dash.register_page("kinerja", path="/kinerja", layout=kinerja_cb.layout, title=page_title("nav.kinerja"),
                       name="Kinerja")
    dash.register_page("metode", path="/metode", layout=methods_cb.layout, title=page_title("nav.methods"), name="Metode")
    dash.register_page("kualitas", path="/kualitas", layout=quality_cb.layout, title=page_title("nav.quality"),
                       name="Kualitas data")
    dash.register_page("data", path="/data", layout=data_cb.layout, title=page_title("nav.data"), name="Data")
    dash.register_page("lokus", path="/lokus", layout=lokus_cb.layout, title=page_title("nav.lokus"), name="Lokus")
    dash.register_page("akun", path="/akun", layout=accounts_cb.accounts_layout, title=page_title("acc.title"),
                       name="Akun")
    dash.register_page("audit", path="/audit", layout=accounts_cb.audit_layout, title=page_title("audit.title"),
                       name="Audit")
    # Dash shows the page of a module named "not_found_404" for every unknown address
    dash.register_page("not_found_404", path="/404", layout=not_found, title=page_title("page.not_found"))
    app.layout = dash.page_container
    map_cb.register(app)
    data_cb.register(app)
    lokus_cb.register(app)
    accounts_cb.register(app)
    beritaacara_cb.register(app)
    auth.configure(app.server)
    auth.announce_setup()  # no account yet: print the one-time set-up token (every worker, the same token)
    routes.register(app.server)
    app.server.register_blueprint(web.bp)  # every plain HTTP route: callbacks/web.py
    exports_cb.reset_disk_cache()
    lang_cb.register(app.server)
    security.register(app)  # last: hashes every inline script registered above
    return app


app = create_app()
server = app.server


def main(argv: list[str] | None = None) -> int:
    """``python app.py [--host H] [--port P]``: serve (the command line lives in cli.py)."""
    import cli

    return cli.main(["run", *(sys.argv[1:] if argv is None else argv)], web=sys.modules[__name__])


if __name__ == "__main__":
    sys.exit(main())
