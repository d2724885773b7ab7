"""The PostgreSQL hub in the app (issue 24): a real PostgreSQL of the test's own (the
Debian packages' initdb and postgres into a temp dir, as crates/test-postgres does), a
second desk driven through the real CLI, and the app joining through its 数据中心 page.
Its header's sync indicator follows the background sync: synced after a post, offline
with the count to push while PostgreSQL is stopped, caught up by itself once it is back;
a conflict is listed (searched, exported) and cleared by a void and 重试: this desk's
issue refused at push (desk B issued the asset first) and B's issue waiting behind it."""
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ROOT
from test_documents import card_status, post, select_row
from test_foundation import PASSWORD, add_asset, set_up_ledger

CLI = Path(os.environ.get("ASSETDESK_CLI", ROOT / "target" / "debug" / "assetdesk"))


def pg_bin() -> Path | None:
    if os.environ.get("PG_BIN"):
        return Path(os.environ["PG_BIN"])
    found = sorted(
        (int(d.name), d / "bin") for d in Path("/usr/lib/postgresql").glob("*") if d.name.isdigit() and (d / "bin" / "initdb").exists()
    ) if Path("/usr/lib/postgresql").is_dir() else []
    return found[-1][1] if found else None


class Postgres:
    """A private cluster: trust authentication, superuser `assetdesk`, on a free localhost
    port; stopped (fast shutdown) and started again on the same data to model an outage.
    Under root it runs as Debian's `postgres` user (PostgreSQL refuses root)."""

    def __init__(self):
        self.bin = pg_bin()
        if self.bin is None:
            pytest.skip("PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin (Debian package postgresql) — or set PG_BIN")
        # Not under pytest's tmp_path: its parents are root's alone, the server user must reach it.
        self.dir = Path(tempfile.mkdtemp(prefix="assetdesk-pg-"))
        self.user = "postgres" if os.geteuid() == 0 else None
        if self.user:
            shutil.chown(self.dir, self.user, self.user)
        out = subprocess.run(
            [str(self.bin / "initdb"), "-D", str(self.dir / "data"), "-U", "assetdesk", "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync"],
            capture_output=True, text=True, user=self.user, stdin=subprocess.DEVNULL,
        )
        assert out.returncode == 0, f"initdb failed: {out.stdout}{out.stderr}"
        with __import__("socket").socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.server = None
        self.start()

    @property
    def url(self) -> str:
        return f"postgres://assetdesk@127.0.0.1:{self.port}/postgres"

    def ready(self) -> bool:
        return subprocess.run([str(self.bin / "pg_isready"), "-q", "-h", "127.0.0.1", "-p", str(self.port), "-U", "assetdesk", "-d", "postgres"]).returncode == 0

    def start(self):
        assert self.server is None
        log = open(self.dir / "server.log", "w")
        self.server = subprocess.Popen(
            [str(self.bin / "postgres"), "-D", str(self.dir / "data"), "-p", str(self.port), "-k", str(self.dir), "-h", "127.0.0.1",
             "-c", "fsync=off", "-c", "max_connections=40", "-c", "shared_buffers=16MB"],
            stdout=log, stderr=log, stdin=subprocess.DEVNULL, user=self.user,
        )
        deadline = time.monotonic() + 60
        while not self.ready():
            assert self.server.poll() is None, f"postgres exited: {(self.dir / 'server.log').read_text()}"
            assert time.monotonic() < deadline, "postgres did not accept connections within 60 s"
            time.sleep(0.05)

    def stop(self):
        if self.server is not None:
            self.server.send_signal(signal.SIGINT)  # fast shutdown, as pg_ctl stop -m fast
            self.server.wait(timeout=30)
            self.server = None

    def remove(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def postgres():
    pg = Postgres()
    yield pg
    pg.remove()


def cli(data_dir: Path, *args: str):
    assert CLI.is_file(), f"build the CLI first: {CLI} is missing"
    env = {**os.environ, "ASSETDESK_PASSWORD": PASSWORD}
    out = subprocess.run([str(CLI), "--data-dir", str(data_dir), "--json", *args], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout) if out.stdout.strip() else None


def indicator(app, state: str, timeout: float = 20, **attrs) -> str:
    """Waits until the header's sync indicator is in `state` (with data-* `attrs`); its text."""

    def check(d):
        el = d.find_element(By.CSS_SELECTOR, '[data-testid="hub-indicator"]')
        if el.get_attribute("data-state") != state:
            return False
        if any(el.get_attribute(f"data-{k.replace('_', '-')}") != str(v) for k, v in attrs.items()):
            return False
        return el.text.strip() or False

    return WebDriverWait(app.driver, timeout, poll_frequency=0.1, ignored_exceptions=[NoSuchElementException, StaleElementReferenceException]).until(check)


def open_hub_page(app):
    app.click("nav-system")
    app.click("section-hub")


def test_the_app_joins_syncs_goes_offline_catches_up_and_resolves_a_conflict(launch, data_dir, postgres, tmp_path):
    # Desk B: another branch, through the CLI, already on the hub with one asset.
    desk_b = tmp_path / "desk-b"
    cli(desk_b, "init", "--admin", "admin", "--company", "分校B")
    assert cli(desk_b, "hub", "init", "--url", postgres.url)["schema_version"] >= 1
    cli(desk_b, "hub", "join", "--url", postgres.url, "--site", "B1")
    cli(desk_b, "asset", "add", "--code", "B-1", "--name", "打印机", "--category", "办公设备", "--dept", "总务处", "--value", "1800")
    assert cli(desk_b, "hub", "sync")["pushed"] == 1

    app = launch(data_dir)
    set_up_ledger(app)
    assert not app.find_all("hub-indicator"), "no indicator before the desk joins a hub"
    open_hub_page(app)

    # A Chinese site name needs a prefix: the form says so at the prefix field, and nothing joins.
    app.type("hub-url", postgres.url)
    app.type("hub-site", "分校A")
    app.click("hub-join")
    assert "前缀" in app.wait_text("hub-join-error", lambda t: t)
    prefix_field = app.find("hub-prefix").find_element(By.XPATH, "./ancestor::label[contains(@class,'field')]")
    assert "invalid" in prefix_field.get_attribute("class").split()
    # A wrong address is named, not a hang.
    app.type("hub-url", f"postgres://assetdesk@127.0.0.1:{postgres.port + 1 if postgres.port < 65535 else 1}/postgres")
    app.type("hub-prefix", "A1")
    app.click("hub-join")
    assert "无法连接数据中心" in app.wait_text("hub-join-error", lambda t: "无法连接" in t)
    app.type("hub-url", postgres.url)
    app.click("hub-join")
    assert app.wait_text("hub-site-name", lambda t: t) == "分校A"

    # Joined: the background sync pulls B's registration and the indicator says synced.
    indicator(app, "synced", to_push=0)
    assert app.wait_text("hub-pulled", lambda t: t == "1")
    app.type("hub-interval", "5")
    app.click("hub-interval-save")
    app.wait_text("notice", lambda t: "参数已保存" in t)

    # A clerk's post goes up by itself, soon after.
    # A joined desk's codes carry its site prefix, so two desks never make the same one.
    laptop = add_asset(app, "联想笔记本电脑", "电脑", "行政部", "6999.50", code_starts="A1-ZC-")
    assert indicator(app, "synced", to_push=0) == "已同步"
    pulled_by_b = cli(desk_b, "hub", "sync")
    assert pulled_by_b["applied"] == 1, pulled_by_b
    assert cli(desk_b, "asset", "show", laptop)["name"] == "联想笔记本电脑"

    # The hub down: the desk keeps working, the indicator says offline with what waits.
    postgres.stop()
    desk = add_asset(app, "办公桌", "家具", "行政部", "800", code_starts="A1-ZC-")
    assert indicator(app, "offline", to_push=1) == "离线（待上传 1）"
    # … and catches up by itself once the hub is back (backoff: a few seconds).
    postgres.start()
    indicator(app, "synced", timeout=60, to_push=0)
    assert cli(desk_b, "hub", "sync")["applied"] == 1
    assert cli(desk_b, "asset", "show", desk)["name"] == "办公桌"

    # A conflict: desk B issues its printer to 李四 and syncs; this desk, not having
    # pulled that yet (the interval set long), issues it to 张三. Its push is refused
    # (B's issue reached the hub first), and B's issue cannot apply here while ours stands.
    open_hub_page(app)
    app.type("hub-interval", "3600")
    app.click("hub-interval-save")
    app.wait_text("notice", lambda t: "参数已保存" in t)
    theirs = cli(desk_b, "doc", "issue", "--to", "李四", "B-1")["doc"]
    assert cli(desk_b, "hub", "sync")["pushed"] == 1
    app.click("nav-ledger")
    select_row(app, "B-1")
    ours = post(app, "issue", {"person": "张三"})
    shown = indicator(app, "conflicts", timeout=30, conflicts=2)
    assert shown == "有冲突 2"

    # The indicator opens the 数据中心 page: both, with their reasons in the UI language.
    app.click("hub-indicator")
    rows = app.wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, '[data-testid="hub-conflict-row"]')) == 2 and d.find_elements(By.CSS_SELECTOR, '[data-testid="hub-conflict-row"]'))
    by_doc = {r.find_elements(By.TAG_NAME, "td")[0].text: [c.text for c in r.find_elements(By.TAG_NAME, "td")] for r in rows}
    mine, other = by_doc[ours], by_doc[theirs]
    assert mine[1] == "分校A" and "被数据中心拒绝" in mine[3] and "B-1" in mine[3] and " / " not in mine[3], mine
    assert other[1] == "B1" and "领用" in other[2] and "B-1" in other[3] and " / " not in other[3], other
    app.type("hub-conflict-search", "no-such-document")
    app.wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, '[data-testid="hub-conflict-row"]'))
    # Our refused issue's reason names theirs, so the site filter tells them apart.
    app.type("hub-conflict-search", theirs)
    app.wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, '[data-testid="hub-conflict-row"]')) == 2)
    Select(app.find("hub-conflict-site")).select_by_value("B1")
    app.wait.until(lambda d: [r.find_elements(By.TAG_NAME, "td")[0].text for r in d.find_elements(By.CSS_SELECTOR, '[data-testid="hub-conflict-row"]')] == [theirs])
    app.click("hub-conflicts-export")
    app.wait_text("notice", lambda t: "已导出 1 行" in t)
    assert any(app.export_dir.glob("数据中心冲突-*.xlsx")), list(app.export_dir.glob("*"))

    # Cleared: void our own issue (it and its void stay here, never pushed), sync, 重试,
    # and their issue applies here.
    app.click("nav-documents")
    app.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f'[data-doc="{ours}"]'))
    app.driver.find_element(By.CSS_SELECTOR, f'[data-doc="{ours}"] button').click()
    app.click("doc-void")
    app.type("void-reason", "分校B已领用")
    app.click("void-confirm")
    app.wait_text("doc-state", lambda t: "已冲销" in t)
    open_hub_page(app)
    app.click("hub-sync-now")
    indicator(app, "conflicts", timeout=30, conflicts=1)
    app.click("hub-retry")
    app.wait_text("notice", lambda t: "重试完成" in t)
    indicator(app, "synced", conflicts=0)
    assert app.wait_text("hub-conflicts", lambda t: "没有冲突" in t)
    assert card_status(app, "B-1") == "在用"
    app.click("nav-system")
    app.click("section-hub")
    app.click("hub-verify")
    assert app.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, '[data-testid="hub-verify-result"]').get_attribute("data-agree") == "true")
