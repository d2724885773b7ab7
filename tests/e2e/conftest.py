"""End-to-end tests of the real AssetDesk app in its real WebView.

tauri-driver (WebDriver server) starts WebKitWebDriver, which starts the built app
binary with `--data-dir` pointing at a fresh temporary ledger folder. Tests drive the
UI like a clerk would and wait for conditions, never for fixed times.
"""
import contextlib
import os
import tempfile
import signal
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.client_config import ClientConfig
from selenium.webdriver.remote.file_detector import UselessFileDetector
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
APP = Path(os.environ.get("ASSETDESK_APP", ROOT / "target" / "debug" / "assetdesk-app"))
# Issue 26: the app keeps each ledger's audit key in the user's config folder; the apps
# these tests start keep theirs in a temporary folder instead, never in the real home.
os.environ.setdefault("ASSETDESK_CONFIG_DIR", tempfile.mkdtemp(prefix="assetdesk-config-"))
WAIT_SECONDS = 20
# Issue 27: WebDriver cannot drive a native file chooser, so the apps these tests start
# never open one: each chooser answers with the path in this file (see the `chooser`
# fixture and src-tauri/src/commands/choose.rs).
CHOOSER_ANSWER = Path(tempfile.mkdtemp(prefix="assetdesk-chooser-")) / "answer"
os.environ.setdefault("ASSETDESK_TEST_CHOOSER_ANSWER_FILE", str(CHOOSER_ANSWER))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, proc: subprocess.Popen, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"tauri-driver exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"tauri-driver did not listen on {port}")


@contextlib.contextmanager
def tauri_driver():
    """A running tauri-driver (and WebKitWebDriver); yields its URL. Also used by
    scripts/screenshots.py."""
    assert APP.is_file(), f"build the app first: {APP} is missing"
    binary = shutil.which("tauri-driver") or str(Path.home() / ".cargo" / "bin" / "tauri-driver")
    port, native_port = _free_port(), _free_port()
    proc = subprocess.Popen(
        [binary, "--port", str(port), "--native-port", str(native_port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        # Its own process group, so the WebKitWebDriver and app it started go with it.
        start_new_session=True,
    )
    try:
        _wait_for_port(port, proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        proc.wait(timeout=10)


@pytest.fixture
def driver_url():
    """A fresh tauri-driver (and WebKitWebDriver) per test: a WebDriver server left
    waiting on an app that did not start cannot stall the tests after it."""
    with tauri_driver() as url:
        yield url


def _new_session(url: str, options: ArgOptions, timeout: float = 60):
    """tauri-driver answers before its WebKitWebDriver is ready to take a session;
    until then the first request is dropped, so ask again until it is. No request may
    wait for ever: the client gives up on one after 45 s."""
    deadline = time.monotonic() + timeout
    config = ClientConfig(remote_server_addr=url, timeout=45)
    while True:
        try:
            return webdriver.Remote(command_executor=url, options=options, client_config=config)
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


class App:
    """One running app window on a ledger folder, with helpers that wait for the UI."""

    def __init__(self, url: str, data_dir: Path):
        self.export_dir = data_dir.parent / "exports"
        options = ArgOptions()
        options.set_capability("browserName", "wry")
        args = ["--data-dir", str(data_dir), "--export-dir", str(self.export_dir)]
        options.set_capability("tauri:options", {"application": str(APP), "args": args})
        self.driver = _new_session(url, options)
        # The app runs on this machine: a file input takes the local path as typed.
        self.driver.file_detector = UselessFileDetector()
        # Svelte re-renders rows as data arrives: a stale element just means "look again".
        self.wait = WebDriverWait(self.driver, WAIT_SECONDS, poll_frequency=0.05, ignored_exceptions=[NoSuchElementException, StaleElementReferenceException])
        # The WebView's storage (language, last department, columns) outlives the app;
        # each test starts from a machine that has never run AssetDesk.
        self.driver.execute_script("localStorage.clear(); window.__stale = true; location.reload();")
        self.wait.until(lambda d: d.execute_script("return !window.__stale && !!document.querySelector('#app > *')"))

    def find(self, testid: str):
        return self.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f'[data-testid="{testid}"]'))

    def find_all(self, testid: str):
        return self.driver.find_elements(By.CSS_SELECTOR, f'[data-testid="{testid}"]')

    def type(self, testid: str, text: str, clear: bool = True):
        def attempt(d):
            el = d.find_element(By.CSS_SELECTOR, f'[data-testid="{testid}"]')
            if clear:
                el.clear()
            if text:
                el.send_keys(text)
            else:
                # clear() alone does not tell Svelte; an input event does.
                d.execute_script("arguments[0].dispatchEvent(new Event('input', {bubbles: true}))", el)
            return el

        return self.wait.until(attempt)

    def click(self, testid: str):
        return self.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f'[data-testid="{testid}"]').click() or True)

    def text_of(self, testid: str) -> str:
        return self.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f'[data-testid="{testid}"]').text or " ").strip()

    def wait_text(self, testid: str, predicate) -> str:
        """Waits until the element's text satisfies `predicate`; returns that text."""

        def check(d):
            text = d.find_element(By.CSS_SELECTOR, f'[data-testid="{testid}"]').text
            return text if predicate(text) else False

        return self.wait.until(check)

    def row_codes(self) -> list[str]:
        return [r.get_attribute("data-code") for r in self.find_all("asset-row") if r.get_attribute("data-code")]

    def quit(self):
        self.driver.quit()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """On a failure, print what each open window showed: the CI log is all we get."""
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed:
        for app in item.funcargs.get("_running_apps", []):
            try:
                text = app.driver.execute_script("return document.body.innerText")
                report.sections.append(("window text at failure", text[:3000]))
            except Exception as e:  # the session itself may be what failed
                report.sections.append(("window text at failure", f"(unavailable: {e})"))


@pytest.fixture
def _running_apps():
    return []


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "ledger"


@pytest.fixture
def launch(driver_url, _running_apps):
    """Starts the app (possibly several times in one test, e.g. to test a restart)."""
    running: list[App] = _running_apps

    def start(data_dir: Path) -> App:
        app = App(driver_url, data_dir)
        running.append(app)
        return app

    yield start
    for app in running:
        try:
            app.quit()
        except Exception:
            pass


CUPSD_HELPER = ROOT / "target" / "debug" / "assetdesk-test-cupsd"


class TestCups:
    """A private cupsd (crates/test-cups' `assetdesk-test-cupsd`) with the queues asked
    for; `server` is what CUPS_SERVER must be for `lp`/`lpstat` (and so the app) to use it."""

    def __init__(self, args: list[str]):
        assert CUPSD_HELPER.is_file(), f"build it first: cargo build -p assetdesk-test-cups ({CUPSD_HELPER} is missing)"
        # Runs until its standard input closes; prints CUPS_SERVER=HOST:PORT once listening.
        self.proc = subprocess.Popen([str(CUPSD_HELPER), *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline().strip()
        assert line.startswith("CUPS_SERVER="), f"assetdesk-test-cupsd said {line!r} (exit {self.proc.poll()})"
        self.server = line.split("=", 1)[1]

    def lpstat(self, *args: str) -> str:
        env = {**os.environ, "CUPS_SERVER": self.server, "LC_ALL": "C"}
        return subprocess.run(["lpstat", *args], capture_output=True, text=True, env=env).stdout

    def stop(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=20)


@pytest.fixture
def test_cups(monkeypatch):
    """Starts a private cupsd: `test_cups(["--queue", "office=socket://..."])`. The apps
    started after it (request this fixture before `launch`) print through it: CUPS_SERVER
    reaches tauri-driver, WebKitWebDriver and the app through the environment."""
    started: list[TestCups] = []

    def start(args: list[str]) -> TestCups:
        cups = TestCups(args)
        started.append(cups)
        monkeypatch.setenv("CUPS_SERVER", cups.server)
        return cups

    yield start
    for cups in started:
        cups.stop()
class Chooser:
    """Answers the app's native file choosers: `answer(path)` is what the next chooser
    returns (None: the clerk cancels); `asked()` is what the last one asked for (its
    kind, the folder it opened in, the file name it proposed)."""

    def __init__(self, answer_file: Path):
        self.file = answer_file
        self.question = Path(str(answer_file) + ".asked")
        self.answer(None)

    def answer(self, path) -> None:
        self.question.unlink(missing_ok=True)
        self.file.write_text("" if path is None else str(path), encoding="utf-8")

    def asked(self) -> dict:
        """Waits for the chooser opened since the last `answer` to have asked."""
        import json

        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            try:
                return json.loads(self.question.read_text(encoding="utf-8"))
            except (FileNotFoundError, ValueError):
                if time.monotonic() > deadline:
                    raise AssertionError("no chooser was opened")
                time.sleep(0.05)


@pytest.fixture
def chooser():
    return Chooser(Path(os.environ["ASSETDESK_TEST_CHOOSER_ANSWER_FILE"]))
