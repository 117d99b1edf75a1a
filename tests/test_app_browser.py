"""The classroom page in a real headless Chromium: it loads, a switch is flipped, numbers change;
values a browser sends that no widget offers (a path, a huge count) are refused by the server.

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


def keep_the_us_out(page) -> None:
    """Flip "The US stays out", press Reset and wait until US intervention reads 0.000."""
    page.get_by_text("The US stays out").click()
    page.get_by_role("button", name="Reset").click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('tr')].some(r => "
        "r.innerText.includes('us intervention') && r.innerText.includes('0.000'))",
        timeout=60_000)


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
        keep_the_us_out(page)
        after = us_row(page).split()
        assert float(after[-2]) == 0.0 and after[-1] == before[-1]
        assert page.locator("img").count() >= 2, "the two plots are on the page"
        # The verdict on the readings, with its robustness (computed once per server).
        page.wait_for_selector("text=over the prior family", timeout=240_000)
        verdict = page.locator("body").inner_text()
        assert "log Bayes factor" in verdict and "names the true reading" in verdict
        assert "sign holds?" in verdict
        page.screenshot(path=str(ARTIFACTS / "app.png"), full_page=True)
        browser.close()
    assert (ARTIFACTS / "app.png").stat().st_size > 20_000


SEND = """([label, value]) => {
  // What a hostile page could do: send the server a value the widget itself would never
  // offer. The Vuetify input is destroyed first so it cannot clamp the value back.
  const roots = [...new Set([...document.querySelectorAll('*')].map(e => e.__vue__)
                                                               .filter(Boolean))];
  const all = [];
  const walk = vm => { all.push(vm); vm.$children.forEach(walk); };
  roots.forEach(walk);
  const input = all.find(vm => ['v-select', 'v-slider'].includes(vm.$options.name)
                               && vm.label === label && vm.$listeners.input);
  if (!input) return false;
  const send = input.$listeners.input;
  input.$destroy();
  send(value);
  return true;
}"""


def test_server_refuses_a_path_and_a_huge_world_count_and_keeps_serving(server):
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(server, timeout=60_000)
        page.wait_for_selector("text=this setting", timeout=120_000)
        assert page.evaluate(SEND, ["Scenario", "/etc/passwd"])
        assert page.evaluate(SEND, ["Worlds", 10**12])
        page.wait_for_timeout(500)
        page.get_by_role("button", name="Reset").click()
        page.wait_for_selector("text=Refused worlds", timeout=60_000)
        notices = " ".join(page.locator(".v-alert").all_inner_texts())
        assert "Refused the scenario '/etc/passwd'" in notices and "showing baseline" in notices
        assert "using 50,000" in notices
        shown = page.locator("body").inner_text()
        assert "Traceback" not in shown and "root:x:" not in shown
        keep_the_us_out(page)
        fresh = browser.new_page(viewport={"width": 1400, "height": 1000})
        fresh.goto(server, timeout=60_000)
        fresh.wait_for_selector("text=this setting", timeout=120_000)
        assert fresh.locator(".v-alert").count() == 0, "another session is not affected"
        browser.close()
