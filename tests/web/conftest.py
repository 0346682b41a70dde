"""Browser tests: Debian's Chromium driven by Playwright, against a real `coach serve` and local fixture pages.

Every test runs REPEATS times (COACH_WEB_REPEATS, default 3) with no retries: a flaky test is a bug.
Screenshots of each state go to tests/web/output/ (git-ignored).
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.conftest import REPO

CHROMIUM = "/usr/bin/chromium"
EXTENSION = REPO / "web_widget"
FIXTURES = Path(__file__).parent / "fixtures"
OUTPUT = Path(__file__).parent / "output"
REPEATS = int(os.environ.get("COACH_WEB_REPEATS", "3"))
TIMEOUT_MS = 20_000
"""Upper bound of every wait on a condition; tests never sleep for a fixed time."""
expect.set_options(timeout=TIMEOUT_MS)

if not Path(CHROMIUM).exists():
    # Not a skip: `make test` installs Chromium (scripts/install-system-deps), so its absence is a failure.
    raise RuntimeError(f"{CHROMIUM} is missing: run scripts/install-system-deps (or `make test`)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class CoachServer:
    """A real `coach serve` on a fixed free port, which a test may stop and start again."""

    def __init__(self) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.stream_url = f"ws://127.0.0.1:{self.port}/v1/stream"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "coach.cli", "serve", "--port", str(self.port), "--workers", "1"],
            cwd=REPO, env={**os.environ, "COACH_API_TOKEN": ""}, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                if urllib.request.urlopen(self.base + "/readyz", timeout=1).status == 200:
                    return
            except OSError:
                time.sleep(0.2)  # polling a condition (the server answers), not waiting out a race
        self.proc.kill()
        raise RuntimeError("coach serve did not become ready:\n" + self.proc.stdout.read())

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=30)
        self.proc = None

    def analytics(self) -> dict:
        return json.load(urllib.request.urlopen(self.base + "/v1/analytics", timeout=5))["entries"]

    def wait_for_count(self, entry: str, action: str, at_least: int) -> int:
        """Waits until the server has counted `action` on `entry` at least `at_least` times."""
        deadline = time.monotonic() + TIMEOUT_MS / 1000
        while True:
            count = self.analytics().get(entry, {}).get(action, 0)
            if count >= at_least or time.monotonic() > deadline:
                return count
            time.sleep(0.05)


@pytest.fixture(scope="session")
def coach_server():
    server = CoachServer()
    server.start()
    yield server
    server.stop()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def fixture_site():
    """The fixture pages over HTTP (content scripts do not run on file:// without a user's permission)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler,
                                                                                 directory=FIXTURES))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def playwright_instance():
    # Module scope: while it runs, Playwright's event loop is the thread's running loop, and tests of
    # other modules that call asyncio.run() (tests/api/test_server.py) must not run inside it.
    with sync_playwright() as p:
        yield p


# Records each change of the page's DOM once the parser is done (the extension's content script runs
# later, at document_idle): the test can then say that the coach added its overlay host and nothing else.
RECORD_MUTATIONS = """
window.__mutations = [];
document.addEventListener("DOMContentLoaded", () => new MutationObserver((records) => {
  for (const r of records) {
    window.__mutations.push({
      type: r.type, target: r.target.nodeName, targetId: r.target.id || null, attribute: r.attributeName,
      added: [...r.addedNodes].map((n) => n.nodeName), removed: [...r.removedNodes].map((n) => n.nodeName),
    });
  }
}).observe(document, {subtree: true, childList: true, attributes: true, characterData: true}));
"""


@pytest.fixture(scope="module")
def extension_context(playwright_instance, coach_server, tmp_path_factory):
    """Chromium with the unpacked extension, its options set to the test server through the options page."""
    context = playwright_instance.chromium.launch_persistent_context(
        str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM, headless=True,
        viewport={"width": 900, "height": 600},
        args=[f"--disable-extensions-except={EXTENSION}", f"--load-extension={EXTENSION}"])
    context.set_default_timeout(TIMEOUT_MS)
    worker = context.service_workers[0] if context.service_workers else context.wait_for_event("serviceworker")
    extension_id = worker.url.split("/")[2]
    page = context.new_page()
    page.goto(f"chrome-extension://{extension_id}/extension/options.html")
    page.wait_for_selector("body[data-loaded=true]")
    page.fill("#serverUrl", coach_server.stream_url)
    page.click("button[type=submit]")
    page.wait_for_selector("#saved:has-text('Saved.')")
    page.close()
    context.add_init_script(RECORD_MUTATIONS)
    context.extension_id = extension_id
    yield context
    context.close()


@pytest.fixture(scope="module")
def widget_browser(playwright_instance):
    """Chromium without the extension, for the embeddable widget."""
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, headless=True)
    yield browser
    browser.close()


@pytest.fixture(params=range(1, REPEATS + 1), ids=lambda n: f"run{n}")
def repeat(request):
    return request.param


@pytest.fixture
def shots(request, repeat):
    """shots("state") saves a screenshot of the page as tests/web/output/<test>-run<N>-<state>.png."""
    OUTPUT.mkdir(exist_ok=True)
    name = request.node.originalname

    def save(page, state: str) -> Path:
        path = OUTPUT / f"{name}-run{repeat}-{state}.png"
        page.screenshot(path=str(path))
        return path

    return save
