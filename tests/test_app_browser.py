"""The classroom page in a real headless Chromium: it loads, a switch is flipped, numbers change.

Needs Debian's chromium (``make browser`` installs it; ``.ci/run`` calls that).
Locally the test is skipped when the browser is missing; in CI it must run.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

if not CHROMIUM.exists() and not os.environ.get("CI"):
    pytest.skip("Debian's chromium is not installed (run `make browser`)", allow_module_level=True)
playwright = pytest.importorskip("playwright.sync_api")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "korea1950.cli.main", "app", "--port",
                                str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            time.sleep(0.5)
    else:
        process.kill()
        pytest.fail(f"the app did not start: {process.stdout.read()}")
    yield url
    process.terminate()
    process.wait(timeout=20)


def us_row(page) -> str:
    return page.locator("tr", has_text="us intervention").first.inner_text()


def test_page_loads_a_switch_changes_the_numbers_and_a_screenshot_is_saved(server):
    ARTIFACTS.mkdir(exist_ok=True)
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(server, timeout=60_000)
        page.wait_for_selector("text=this setting", timeout=120_000)
        assert "Loading app" not in page.content()
        before = us_row(page).split()
        assert before[-2] == before[-1] and float(before[-1]) > 0.3
        page.get_by_text("The US stays out").click()
        page.get_by_role("button", name="Reset").click()
        page.wait_for_function(
            "() => [...document.querySelectorAll('tr')].some(r => "
            "r.innerText.includes('us intervention') && r.innerText.includes('0.000'))",
            timeout=60_000)
        after = us_row(page).split()
        assert float(after[-2]) == 0.0 and after[-1] == before[-1]
        assert page.locator("img").count() >= 2, "the two plots are on the page"
        page.screenshot(path=str(ARTIFACTS / "app.png"))
        browser.close()
    assert (ARTIFACTS / "app.png").stat().st_size > 20_000
