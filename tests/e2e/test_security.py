"""Pages under the real Content-Security-Policy: nothing blocked, nothing fetched from outside."""

import pytest

from tests.helpers.browser import wait_settled


@pytest.mark.parametrize(
    "path, ready",
    [
        ("/", "path.desa"),
        ("/tren", ".js-plotly-plot .main-svg"),
        ("/rembuk", ".js-plotly-plot .main-svg"),
        ("/lokus", "path.desa"),
        ("/data", "h1"),
        ("/kualitas", "h1"),
        ("/metode", "h1"),
        ("/?lang=en", "path.desa"),
    ],
)
def test_pages_work_under_the_content_security_policy(browser, app_url, path, ready):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    errors, external = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: external.append(r.url) if not r.url.startswith(app_url) else None)
    response = page.goto(app_url + path)
    assert "default-src 'self'" in response.headers["content-security-policy"]
    page.locator(ready).first.wait_for(state="attached", timeout=20_000)  # drawn (a deck slide may be hidden)
    wait_settled(page)  # every callback answered under the policy
    context.close()
    assert errors == []
    assert [u for u in external if not u.startswith("data:")] == []
