"""Remember the chosen language: a ``lang`` cookie set whenever a URL carries ``?lang=``.

A page requested without ``?lang=`` by a browser whose cookie says another language than
the default is redirected to the same URL with ``?lang=<cookie>``, so every page layout
keeps receiving the language as a plain query argument. Downloads read :func:`request_lang`.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import redirect, request

from geo.core.i18n import DEFAULT_LANG, LANGS

COOKIE = "lang"
MAX_AGE = 365 * 24 * 3600
OTHER_PAGES = ("/lokus/cetak",)  # pages served by Flask routes, not Dash


def page_paths() -> set[str]:
    """The paths of this app's pages: every registered Dash page and the printable views."""
    import dash

    return {p["path"] for p in dash.page_registry.values()} | set(OTHER_PAGES)


def is_page(path: str) -> bool:
    """Whether ``path`` names one of this app's pages exactly. Only such a path is ever put
    into a redirect, so a crafted path (``/%09/evil.example`` decodes to ``/\t/evil.example``,
    which a browser reads as another host) can never send a visitor elsewhere."""
    return path.startswith("/") and not path.startswith("//") and path in page_paths()


def page_title(key: str):
    """A page's browser-tab title in the request's language (?lang=, else the remembered cookie)."""
    from geo.core.i18n import t

    def title(**_path_variables) -> str:
        try:
            lang = request_lang()
        except RuntimeError:  # outside a request
            lang = DEFAULT_LANG
        return f"{t('app.title', lang)} — {t(key, lang)}"

    return title


def request_lang() -> str:
    """The language of this request: ``?lang=``, else the cookie, else Indonesian."""
    lang = request.args.get("lang") or request.cookies.get(COOKIE)
    return lang if lang in LANGS else DEFAULT_LANG


def _redirect_to_remembered():
    if request.method != "GET" or "lang" in request.args or not is_page(request.path):
        return None
    remembered = request.cookies.get(COOKIE)
    if remembered in LANGS and remembered != DEFAULT_LANG:
        args = request.args.to_dict(flat=False) | {"lang": [remembered]}
        return redirect(f"{request.path}?{urlencode(args, doseq=True)}", code=302)
    return None


def _remember(response):
    lang = request.args.get("lang")
    if lang in LANGS and request.cookies.get(COOKIE) != lang:
        response.set_cookie(COOKIE, lang, max_age=MAX_AGE, samesite="Lax", path="/")
    return response


def register(server) -> None:
    server.before_request(_redirect_to_remembered)
    server.after_request(_remember)
