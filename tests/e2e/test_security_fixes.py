"""Issue 17: nobody but a signed-in planner changes what the meeting sees.

Each finding of the security review as a test against the running app: callbacks called
directly over HTTP (/_dash-update-component) as an outsider would, and the user's view in
Chromium (anonymous save, a cookie replayed after sign-out, the %09 redirect, the Print button).
"""

from __future__ import annotations

import http.client
import json
from urllib.parse import urlparse

from playwright.sync_api import expect

from layouts import ids
from tests.helpers.app import ADMIN_PASSWORD, ADMIN_USER
from tests.helpers.browser import new_page
from tests.helpers.dashclient import DashClient, text_in

PARAMS = {"weights": {"prevalensi": 3, "jumlah_stunting": 3}, "thresholds": {}, "n": 5}
TIMEOUT = 20_000


def save(client: DashClient, name: str, params=PARAMS, overrides=None):
    return client.call("lokus-sc-save.n_clicks", [1], [name, params, overrides, "en"])


def pack_text(client: DashClient) -> str:
    """The text of the meeting pack (it shows the same proposal as slide 4)."""
    import io

    from pypdf import PdfReader

    st, _, body = client.get("/unduh/paket-rembuk.pdf?lang=en", timeout=120)
    assert st == 200
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(body)).pages)


def test_an_anonymous_request_cannot_save_the_scenario_the_meeting_sees(admin_app):
    anon = DashClient(admin_app["url"])
    for cookie in (None, "konvergensi_sesi=eyJzaWQiOiJ4In0.ZZZZZZ.palsu"):
        c = DashClient(admin_app["url"])
        if cookie:
            c.opener.addheaders.append(("Cookie", cookie))
        st, answer = save(c, "Usulan Resmi Bappeda")
        assert st == 200 and "Only a signed-in account can save" in text_in(answer)
    assert "Usulan Resmi Bappeda" not in pack_text(anon)
    st, _, pdf = anon.get("/unduh/paket-rembuk.pdf?skenario=Usulan%20Resmi%20Bappeda")
    assert st == 404  # never stored
    # a signed-in admin saves; the deck then names the scenario and who saved it
    admin = DashClient(admin_app["url"])
    assert admin.login(ADMIN_USER, ADMIN_PASSWORD)[0] == 303
    st, answer = save(admin, "Usulan Bappeda")
    assert st == 200 and "Saved: Usulan Bappeda version 1." in text_in(answer), answer
    assert f"Usulan Bappeda\u201d v1 by {ADMIN_USER}" in pack_text(anon)


def test_weights_names_and_reasons_are_bounded_on_the_server(admin_app):
    admin = DashClient(admin_app["url"])
    assert admin.login(ADMIN_USER, ADMIN_PASSWORD)[0] == 303
    huge = {"weights": {"prevalensi": 1e308, "jumlah_stunting": 3}, "thresholds": {}, "n": 5}
    st, answer = save(admin, "Bobot raksasa", huge)
    assert st == 200 and "can be at most 100" in text_in(answer)
    st, answer = save(admin, "Ambang", {**PARAMS, "thresholds": {"prevalensi": [1e9, 20]}})
    assert st == 200 and "must be between 0 and 100" in text_in(answer)
    st, answer = save(admin, "x" * 81)
    assert st == 200 and "at most 80 characters" in text_in(answer)
    st, answer = save(
        admin,
        "Alasan panjang",
        PARAMS,
        {"add": ["74.15.04.2001"], "remove": [], "reasons": {"74.15.04.2001": "a" * 5_000_000}},
    )
    assert st in (200, 413)  # refused by the size limit of the request or by the reason's length
    if st == 200:
        assert "at most 500 characters" in text_in(answer)
    st, answer = save(admin, "Bentuk aneh", ["bukan", "kamus"])
    assert st == 200 and "reload the page" in text_in(answer)
    anon = DashClient(admin_app["url"])
    for path in ("/rembuk", "/unduh/paket-rembuk.pdf", "/unduh/slide-4.png", "/healthz"):
        assert anon.get(path, timeout=120)[0] == 200, path


def test_bad_versions_and_unknown_scenarios_get_plain_answers(admin_app):
    c = DashClient(admin_app["url"])
    for path in (
        "/lokus/cetak?skenario=X&versi=99999999999999999999",
        "/lokus/cetak?skenario=X&versi=%C2%B2",
        "/unduh/paket-rembuk.pdf?skenario=X&versi=99999999999999999999",
        "/unduh/paket-rembuk.pdf?skenario=X&versi=%C2%B2",
    ):
        st, headers, body = c.get(path)
        text = body.decode()
        assert st == 400 and "angka bulat" in text, (path, st, text)
        assert "Error" not in text and "Traceback" not in text
    assert c.get("/lokus/cetak?skenario=tidak-ada")[0] == 404
    assert c.get("/rembuk?skenario=X&versi=%C2%B2")[0] == 200


def test_no_versions_or_process_ids_are_shown(admin_app):
    c = DashClient(admin_app["url"])
    st, headers, body = c.get("/metode")
    page = body.decode()
    config = json.loads(page.split('<script id="_dash-config" type="application/json">')[1].split("</script>")[0])
    assert not {"python_version", "dash_version", "plotly_version"} & set(config)
    assert "Werkzeug" not in headers.get("Server", "") and "Python" not in headers.get("Server", "")
    health = json.loads(c.get("/healthz")[2])
    assert isinstance(health["worker"], str) and not health["worker"].isdigit()


def _raw_get(url: str, path: str, cookie: str = "") -> tuple[int, str | None]:
    u = urlparse(url)
    con = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    con.putrequest("GET", path, skip_host=False)
    if cookie:
        con.putheader("Cookie", cookie)
    con.endheaders()
    r = con.getresponse()
    r.read()
    con.close()
    return r.status, r.getheader("Location")


def test_the_remembered_language_never_redirects_to_another_host(admin_app):
    for path in ("/%09/evil.example", "//evil.example", "/\\evil.example", "/%2F%2Fevil.example", "/%5Cevil.example"):
        st, location = _raw_get(admin_app["url"], path, "lang=en")
        assert location is None or (
            location.startswith("/") and not location.startswith("//") and "evil" not in location
        ), (path, st, location)
    assert _raw_get(admin_app["url"], "/metode", "lang=en") == (302, "/metode?lang=en")


# ----- in Chromium ---------------------------------------------------------------------


def test_an_anonymous_visitor_cannot_save_but_can_explore_and_download(admin_page):
    page = admin_page
    page.goto(page.base + "/lokus?lang=en")
    expect(page.locator(f"#{ids.LOKUS_SC_LOGIN_NOTE}")).to_contain_text("Only a signed-in account", timeout=TIMEOUT)
    expect(page.locator(f"#{ids.LOKUS_SC_SAVE}")).to_be_disabled()
    expect(page.locator(f"#{ids.LOKUS_SC_NAME}")).to_be_disabled()
    with page.expect_download() as dl:
        page.click(f"#{ids.LOKUS_DL_CSV}")
    assert dl.value.suggested_filename.endswith(".csv")


def test_a_cookie_replayed_after_sign_out_is_refused(browser, admin_app):
    context, page = new_page(browser, admin_app["url"])
    page.goto(page.base + "/data?lang=en")
    page.fill(f"#{ids.DATA_LOGIN_USER}", ADMIN_USER)
    page.fill(f"#{ids.DATA_LOGIN_PASSWORD}", ADMIN_PASSWORD)
    page.click("#data-login-submit")
    expect(page.locator("#data-logout")).to_be_visible(timeout=TIMEOUT)
    saved = [c for c in context.cookies() if c["name"] == "konvergensi_sesi"]
    assert saved
    page.click("#data-logout")
    expect(page.locator("#data-login")).to_be_visible(timeout=TIMEOUT)
    context.close()
    # another browser presents the cookie saved before signing out: not signed in
    context2, page2 = new_page(browser, admin_app["url"])
    context2.add_cookies(saved)
    page2.goto(page2.base + "/data?lang=en")
    expect(page2.locator("#data-login")).to_be_visible(timeout=TIMEOUT)
    expect(page2.locator("#data-logout")).to_have_count(0)
    page2.goto(page2.base + "/lokus?lang=en")
    expect(page2.locator(f"#{ids.LOKUS_SC_SAVE}")).to_be_disabled(timeout=TIMEOUT)
    context2.close()


def test_the_tab_redirect_does_not_leave_the_app(browser, admin_app):
    context, page = new_page(browser, admin_app["url"])
    page.goto(page.base + "/metode?lang=en")  # remembers English, as a cross-site popup could
    page.goto(page.base + "/%09/evil.example")
    assert page.url.startswith(admin_app["url"] + "/")
    assert not [u for u in page.rec.external if "evil" in u]
    context.close()


def test_the_print_button_prints_under_the_content_security_policy(browser, admin_app):
    context = browser.new_context(viewport={"width": 1366, "height": 768})  # the real policy
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.add_init_script("window.__printed = 0; window.print = function () { window.__printed += 1; };")
    response = page.goto(admin_app["url"] + "/lokus/cetak")
    assert "script-src" in response.headers["content-security-policy"]
    button = page.locator("button[data-action='print']")
    expect(button).to_be_visible(timeout=TIMEOUT)
    page.wait_for_load_state("load")
    button.click()
    assert page.evaluate("window.__printed") == 1
    context.close()
    assert errors == []
