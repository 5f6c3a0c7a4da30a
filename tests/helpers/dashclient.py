"""Talk to the running app the way Dash's renderer does, without a browser.

Used by the fault and security tests to call callbacks directly over HTTP
(``/_dash-update-component``), with or without the admin's session cookie.
"""

from __future__ import annotations

import base64
import http.cookiejar
import json
import urllib.error
import urllib.parse
import urllib.request


class DashClient:
    def __init__(self, base: str):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect())
        self._deps = None
        self.send_csrf = True

    def cookie(self, name: str) -> str | None:
        return next((c.value for c in self.cookies if c.name == name), None)

    def get(self, path: str, timeout: float = 30):
        try:
            with self.opener.open(self.base + path, timeout=timeout) as r:
                return r.status, dict(r.headers), r.read()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read()

    def form_token(self) -> str:
        """The anonymous forms' token: the ``_csrf_token`` cookie, made here as the page would set it."""
        token = self.cookie("_csrf_token")
        if not token:
            import http.cookiejar as cj
            import secrets

            host = urllib.parse.urlparse(self.base).hostname
            token = secrets.token_urlsafe(24)
            self.cookies.set_cookie(
                cj.Cookie(
                    0,
                    "_csrf_token",
                    token,
                    None,
                    False,
                    host,
                    False,
                    False,
                    "/",
                    True,
                    False,
                    None,
                    False,
                    None,
                    None,
                    {},
                )
            )
        return token

    def login(self, user: str, password: str, lang: str = "id"):
        body = urllib.parse.urlencode(
            {"user": user, "password": password, "lang": lang, "csrf": self.form_token()}
        ).encode()
        req = urllib.request.Request(self.base + "/masuk", data=body, method="POST")
        try:
            with self.opener.open(req, timeout=30) as r:
                return r.status, dict(r.headers)
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers)

    def deps(self) -> list[dict]:
        if self._deps is None:
            self._deps = json.loads(self.get("/_dash-dependencies")[2])
        return self._deps

    def callback_for(self, first_input: str) -> dict:
        """The callback whose first input is ``id.property``."""
        for d in self.deps():
            i = d["inputs"][0]
            if f"{i['id']}.{i['property']}" == first_input:
                return d
        raise KeyError(first_input)

    def call(self, first_input: str, inputs: list, state: list, changed: str | None = None, timeout: float = 60):
        """POST a callback; ``inputs``/``state`` are values in the declared order. -> (status, json or text)."""
        d = self.callback_for(first_input)
        parts = d["output"].strip(".").split("...") if d["output"].startswith("..") else [d["output"]]
        outputs = [dict(zip(("id", "property"), p.rsplit(".", 1))) for p in parts]
        payload = {
            "output": d["output"],
            "outputs": outputs if len(outputs) > 1 else outputs[0],
            # arguments not given are None (pattern-matching ones: no matching component)
            "inputs": [_arg(a, v) for a, v in zip(d["inputs"], _padded(inputs, d["inputs"]))],
            "state": [_arg(a, v) for a, v in zip(d["state"], _padded(state, d["state"]))],
            "changedPropIds": [changed or first_input],
        }
        headers = {"Content-Type": "application/json"}
        token = self.cookie("_csrf_token")
        if token and self.send_csrf:  # as Dash's renderer does: the CSRF cookie's value as a header
            headers["X-CSRFToken"] = token
        req = urllib.request.Request(
            self.base + "/_dash-update-component", data=json.dumps(payload).encode(), headers=headers, method="POST"
        )
        try:
            with self.opener.open(req, timeout=timeout) as r:
                status, body = r.status, r.read()
        except urllib.error.HTTPError as e:
            status, body = e.code, e.read()
        try:
            return status, json.loads(body) if body else {}
        except ValueError:
            return status, body.decode("utf-8", "replace")


def _padded(values: list, specs: list) -> list:
    return list(values) + [None] * (len(specs) - len(values))


def _arg(spec: dict, value):
    ident = spec["id"]
    if ident.startswith("{"):  # a pattern-matching input: ALL -> a list of matches (none here)
        return [] if value is None else value
    return {"id": ident, "property": spec["property"], "value": value}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def upload_contents(data: bytes, mime: str = "text/csv") -> str:
    return f"data:{mime};base64," + base64.b64encode(data).decode()


def text_in(obj) -> str:
    """Every string inside a JSON answer (component trees included)."""
    out = []

    def walk(x):
        if isinstance(x, str):
            out.append(x)
        elif isinstance(x, dict):
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(obj)
    return " ".join(out)


def check_and_confirm(client: DashClient, kind: str, data: bytes, name: str, lang: str = "id", timeout=60):
    """Upload (check) then confirm, as the data page does. -> (check answer, confirm status, confirm answer)."""
    st, check = client.call("data-upload.contents", [upload_contents(data), kind], [name, lang])
    assert st == 200, check
    pending = check["response"]["data-pending"]["data"]
    st2, conf = client.call("data-confirm.n_clicks", [1, None], [pending, [], lang], timeout=timeout)
    return check, st2, conf
