"""The dashboard in a real browser: Debian's headless Chromium driven by Playwright.

The application runs under uvicorn on a free 127.0.0.1 port over a SQLite
file holding the articles of ``dashboard_data``. Screenshots go to the
test's temporary folder. Without /usr/bin/chromium the tests skip, except
under CI (``CI`` set), where they fail: install it with
``apt-get install -y chromium``.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

import dashboard_data

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTICLE = ("Ukraine and Russia exchanged prisoners on Wednesday. Kyiv said 230 Ukrainians came "
           "home, including 224 soldiers and 6 civilians. Russia said 248 Russian servicemen "
           "were returned. <script>window.pwned = true; document.title = 'pwned'</script>")

if not Path(CHROMIUM).exists():
    reason = f"{CHROMIUM} is missing; install it with: apt-get install -y chromium"
    if os.environ.get("CI"):
        pytest.fail(f"browser tests must run under CI: {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    """The dashboard served by uvicorn in a background thread."""
    import uvicorn

    from powtrack.serve import create_app
    from powtrack.store import Store

    db = tmp_path_factory.mktemp("dashboard") / "ledger.db"
    with Store.open(str(db)) as store:
        dashboard_data.fill(store)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, tmp_path):
    """A fresh page that records script errors and refused requests."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    pg = context.new_page()
    pg.problems = []
    pg.on("pageerror", lambda exc: pg.problems.append(f"script error: {exc}"))
    pg.on("console", lambda m: m.type == "error" and pg.problems.append(f"console: {m.text}"))
    pg.on("dialog", lambda d: (pg.problems.append(f"dialog: {d.message}"), d.dismiss()))
    pg.shot = lambda name: pg.screenshot(path=str(tmp_path / f"{name}.png"), full_page=True)
    yield pg
    context.close()


def test_overview_draws_the_timeline_and_saves_it_as_svg_and_png(page, base_url, tmp_path):
    page.goto(base_url + "/")
    page.wait_for_selector("#timeline[data-drawn=true]", timeout=20_000)
    bars = page.locator("#timeline svg .mark-rect path")
    assert bars.count() >= 6  # two sides per completed swap
    assert page.locator("#timeline svg .mark-line path").count() >= 1
    assert page.locator(".cards").inner_text().count("returned to") == 4
    page.shot("overview")

    for kind in ("svg", "png"):
        if not page.locator("#timeline details").evaluate("d => d.open"):
            page.locator("#timeline details summary").click()   # the "..." menu
        with page.expect_download() as info:
            page.locator(f"#timeline .vega-actions a[download$='.{kind}']").click()
        saved = tmp_path / f"timeline.{kind}"
        info.value.save_as(saved)
        head = saved.read_bytes()[:8]
        assert head.startswith(b"<svg") if kind == "svg" else head == b"\x89PNG\r\n\x1a\n"
    assert page.problems == []


def test_the_table_filters_and_leads_to_an_exchange_with_highlighted_evidence(page, base_url):
    page.goto(base_url + "/exchanges")
    assert page.locator("#exchanges tbody tr").count() == 4
    with page.expect_navigation():
        page.select_option("select[name=party]", "Armenia")   # the menu submits the form
    assert "party=Armenia" in page.url
    assert page.locator("#exchanges tbody tr").count() == 1
    page.shot("exchanges-armenia")

    page.goto(base_url + "/exchanges")
    with page.expect_navigation():
        page.select_option("select[name=conflict]", "yes")
    rows = page.locator("#exchanges tbody tr")
    assert rows.count() == 1
    csv_href = page.get_attribute("#csv", "href")
    assert "conflict=yes" in csv_href
    rows.first.locator("a").first.click()
    page.wait_for_selector("li.claim.disagrees")
    disputed = page.locator("li.claim.disagrees")
    assert disputed.locator("mark.value").inner_text() == "90"
    assert "90 Ukrainian prisoners" in disputed.locator("mark.sentence").first.inner_text() + \
        disputed.locator("mark.value").inner_text() + \
        disputed.locator("mark.sentence").nth(1).inner_text()
    assert page.locator("#figures td.conflict").count() == 1
    assert page.locator("#books").is_visible()
    page.shot("exchange")

    # the figure links to its article, where the value is highlighted in the text
    disputed.locator(".src a").click()
    page.wait_for_selector("#text a.mark")
    assert page.locator("#text a.mark.figure", has_text="90").count() == 1
    page.shot("document")
    assert page.problems == []


def test_try_it_shows_the_figures_of_a_pasted_article(page, base_url):
    page.goto(base_url + "/try")
    page.fill("textarea[name=text]", ARTICLE)
    page.fill("input[name=published]", "2024-01-03")
    with page.expect_navigation():
        page.click("button[type=submit]")
    result = page.locator("#result")
    assert "1 exchange found" in result.locator("h2").inner_text()
    returned = result.locator("td.returned").all_inner_texts()
    assert sorted(returned) == ["230", "248"]
    assert page.locator("#text-marked a.mark.figure").count() >= 2
    assert "2024-01-03" in result.inner_text()
    page.shot("try-it")
    assert page.problems == []


def test_a_script_in_an_article_shows_as_text_and_does_not_run(page, base_url):
    page.goto(base_url + "/documents/wire-0307")
    assert "<script>document.title='pwned'</script>" in page.locator("#text").inner_text()
    assert page.title() != "pwned"
    page.goto(base_url + "/try")
    page.fill("textarea[name=text]", ARTICLE)
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert "<script>window.pwned = true" in page.locator("#text-marked").inner_text()
    assert page.evaluate("window.pwned") is None
    assert page.title() != "pwned"
    page.shot("script-as-text")
    assert page.problems == []


def test_the_api_docs_work_offline(page, base_url):
    page.goto(base_url + "/docs")
    page.wait_for_selector(".opblock", timeout=20_000)
    assert page.locator(".opblock").count() >= 8
    page.shot("api-docs")
    assert page.problems == []
