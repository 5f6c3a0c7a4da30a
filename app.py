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

if __name__ == "__main__":  # the command line (cli.py, argparse): serving imports this module again as `app`
    import cli

    sys.exit(cli.main(sys.argv[1:]))

import dash  # noqa: E402
from dash import Dash, html  # noqa: E402

from callbacks import (  # noqa: E402
    accounts,
    audit,
    auth,
    beritaacara,
    data,
    exports,
    kinerja,
    lokus,
    methods,
    not_found_404,
    quality,
    rembuk,
    rencana,
    routes,
    security,
    trend,
    validation,
    web,
)
from callbacks import lang as lang_cb  # noqa: E402
from callbacks import map as map_cb  # noqa: E402
from geo.core import config  # noqa: E402
from geo.core.config import Settings  # noqa: E402

# Each page module registers its page (address, navigation order, layout) and its callbacks.
PAGES = (
    map_cb,
    trend,
    lokus,
    rencana,
    rembuk,
    kinerja,
    quality,
    data,
    methods,
    accounts,
    audit,
    not_found_404,
    beritaacara,
)  # beritaacara: the meeting's minutes form on /rembuk (callbacks only, no page of its own)


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


def create_app(settings: Settings) -> Dash:
    """The web app for ``settings`` (pinned for this process: see geo.core.config.use)."""
    config.use(settings)
    config.setup_logging()
    missing = config.shared_secrets_missing()
    if missing:  # several servers on one database must sign and salt alike
        raise SystemExit(
            "KONVERGENSI_DATABASE_URL is set, so every app server must share these settings; set them "
            "(the same value on every host, e.g. from `python -c 'import secrets; print(secrets.token_hex(32))'`): "
            + ", ".join(missing)
        )
    _quiet_server_header()
    app = KonvergensiDash(
        __name__,
        use_pages=True,
        pages_folder="",
        serve_locally=True,
        compress=True,
        title="Konvergensi",
        update_title=None,
        suppress_callback_exceptions=True,
    )
    for page in PAGES:
        page.register(app)
    app.layout = dash.page_container
    # Callbacks are checked against every page's components (callbacks/validation.py), from the
    # second request on: on the first, Dash's page router (registered before this hook) would
    # otherwise build every page with the current data just to check them.
    stubs = validation.load()
    if stubs:
        app.validation_layout = html.Div([dash.page_container, *stubs])

        @app.server.before_request
        def _check_callbacks():
            app.config.suppress_callback_exceptions = False

    auth.configure(app.server)
    auth.announce_setup()  # no account yet: print the one-time set-up token (every worker, the same token)
    routes.register(app.server)
    app.server.register_blueprint(web.bp)  # every plain HTTP route: callbacks/web.py
    exports.reset_disk_cache()
    lang_cb.register(app.server)
    security.register(app)  # last: hashes every inline script registered above
    return app


app = create_app(Settings.from_env())
server = app.server
