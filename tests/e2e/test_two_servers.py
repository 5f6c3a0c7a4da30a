"""Two app servers over one PostgreSQL (issue 12): what an office with a load balancer relies on.

Two ``gunicorn app:server`` processes on two loopback ports, each with a data folder of its
own (caches, the set-up token) and the same ``KONVERGENSI_DATABASE_URL``,
``KONVERGENSI_SECRET_KEY``, ``KONVERGENSI_NIK_SALT`` and admin, as the README's "Beyond one
server" sets them up. An admin imports through the first in Chromium; the second serves the
new version on its next request, a session signed in on the first is accepted by the second,
and a map page loaded from the first keeps working while every callback is answered by the
second (as a load balancer without sticky sessions would send them).
"""

from __future__ import annotations

import json
import urllib.request
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect
from werkzeug.security import generate_password_hash

from geo.analysis import dataset
from layouts import ids
from tests.helpers.app import ADMIN_PASSWORD, ADMIN_USER, start_gunicorn, stop, wait_healthy
from tests.helpers.browser import MAP_TIMEOUT, TIMEOUT, new_page, open_map, sign_in, upload
from tests.helpers.pgcluster import SECRET_ENV


def healthz(base: str) -> dict:
    with urllib.request.urlopen(base + "/healthz", timeout=10) as r:
        return json.load(r)


@pytest.fixture(scope="module")
def servers(pg_cluster, tmp_path_factory):
    """A and B: one database, two data folders, equal secrets and admin; started together
    (their first connections run the migrations under one advisory lock)."""
    url = pg_cluster.new_database()
    env = dict(
        SECRET_ENV,
        KONVERGENSI_DATABASE_URL=url,
        KONVERGENSI_ADMIN_USER=ADMIN_USER,
        KONVERGENSI_ADMIN_PASSWORD_HASH=generate_password_hash(ADMIN_PASSWORD),
    )
    logs = tmp_path_factory.mktemp("logs")
    started = [
        (*start_gunicorn(tmp_path_factory.mktemp(f"data-{name}"), logs / f"{name}.log", **env), logs / f"{name}.log")
        for name in ("a", "b")
    ]
    try:
        for proc, base, _ in started:
            wait_healthy(base, proc)
        yield {"a": started[0][1], "b": started[1][1], "database": url}
    finally:
        for proc, _, log in started:
            stop(proc, log)
        pg_cluster.drop_database(url)


def callbacks_via(page, other: str) -> list[str]:
    """Send the page's Dash callbacks to server ``other`` (whatever host the page came from), as
    a load balancer may; -> the URLs that answered, for the test to check."""
    answered: list[str] = []

    def to_other(route):
        u = urlparse(route.request.url)
        resp = route.fetch(url=other + u.path + (f"?{u.query}" if u.query else ""))
        answered.append(resp.url)
        route.fulfill(response=resp)

    page.route("**/_dash-update-component*", to_other)  # Dash adds ?endId=...
    return answered


def prevalence_csv(stunted: int) -> str:
    b = dataset.bundled().boundaries
    rows = [f"{code},{name},2024,100,{stunted},Dinas Kesehatan" for code, name in zip(b["kode_desa"], b["nama_desa"])]
    return "kode_desa,nama_desa,tahun,balita_diukur,balita_stunting,sumber\n" + "\n".join(rows) + "\n"


def test_an_import_through_one_server_is_served_by_the_other(servers, browser, tmp_path):
    a, b = servers["a"], servers["b"]
    before = healthz(a)
    assert healthz(b)["version"] == before["version"] and before["villages"] == 70

    # A viewer opens the map on A; every callback of that page is answered by B.
    ctx_view, view = new_page(browser, a)
    answered = callbacks_via(view, b)
    open_map(view)
    legend = view.locator(f"#{ids.LEGEND}")
    first_legend = legend.inner_text()
    view.locator(f"#{ids.INDICATOR} label").nth(1).click()  # a restyle, answered by B
    expect(legend).not_to_have_text(first_legend, timeout=TIMEOUT)
    expect(view.locator(f"#{ids.MAP_STALE} .stale-notice")).to_have_count(0)
    assert answered and all(u.startswith(b + "/") for u in answered)

    # The admin signs in on A; B accepts that session (same secret, sessions in the database).
    ctx_admin, admin = new_page(browser, a)
    sign_in(admin)
    admin.goto(b + "/audit?lang=en")
    expect(admin.locator(f"#{ids.AUDIT_TABLE}")).to_contain_text(ADMIN_USER, timeout=TIMEOUT)
    csv_b = admin.request.get(b + "/unduh/audit.csv")
    assert csv_b.status == 200 and ADMIN_USER in csv_b.text()
    assert view.request.get(b + "/unduh/audit.csv").status == 403  # without the session: refused

    # ... and imports through A.
    admin.goto(a + "/data?lang=id")  # the audit pages above remembered English
    admin.wait_for_selector(f"#{ids.DATA_UPLOAD}", timeout=TIMEOUT)
    check = upload(admin, tmp_path, "prevalensi_2024.csv", prevalence_csv(stunted=25))
    assert "tanpa masalah" in check.inner_text()
    admin.click(f"#{ids.DATA_CONFIRM}")
    expect(admin.locator(f"#{ids.DATA_MESSAGE}")).to_contain_text("versi 1", use_inner_text=True, timeout=TIMEOUT)

    # Both name the new version on their next request: no restart, no wait.
    after_a, after_b = healthz(a), healthz(b)
    assert after_a["version"] != before["version"]
    assert after_b["version"] == after_a["version"] and after_b["versions"] == after_a["versions"]
    assert after_b["versions"]["prevalensi"] == "v1"

    # B's audit trail shows the import made through A.
    admin.goto(b + "/audit?lang=en")
    expect(admin.locator(f"#{ids.AUDIT_TABLE}")).to_contain_text("import", timeout=TIMEOUT)

    # The page loaded from A before the import: its next restyle, answered by B, keeps the map
    # it shows and asks for a reload instead of mixing versions ...
    view.locator(f"#{ids.INDICATOR} label").nth(0).click()
    notice = view.locator(f"#{ids.MAP_STALE} .stale-notice")
    expect(notice).to_contain_text("Data telah diperbarui", timeout=TIMEOUT)
    # ... and after the reload (the page from A, its callbacks still from B) shows the new data.
    view.locator(f"#{ids.MAP_STALE} a.stale-reload").click()
    expect(view.locator("path.desa").first).to_be_attached(timeout=MAP_TIMEOUT)
    expect(legend).to_contain_text("25,00%", timeout=TIMEOUT)
    expect(legend).to_contain_text("1.750 dari 7.000")
    expect(view.locator(f"#{ids.MAP_STALE} .stale-notice")).to_have_count(0)

    # The map opened on B itself shows the new version too.
    ctx_b, on_b = new_page(browser, b)
    open_map(on_b)
    expect(on_b.locator(f"#{ids.LEGEND}")).to_contain_text("25,00%", timeout=TIMEOUT)
    geojson = [u for u in on_b.rec.requests if u.endswith("/desa.geojson")]
    assert geojson and f"/api/{after_b['version']}/" in geojson[-1]

    for page in (view, admin, on_b):
        assert page.rec.errors == [] and page.rec.external == [], page.rec.errors
    for ctx in (ctx_view, ctx_admin, ctx_b):
        ctx.close()
