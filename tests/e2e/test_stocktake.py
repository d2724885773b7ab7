"""Stocktake (盘点) in the real app: a keyboard-wedge scanner's fast burst is a scan from
anywhere on the screen and never lands in a field, slow typing is not a scan, a serial
scanner on a pseudo-terminal pushes verdicts live (and its unplug shows at once), and
closing applies the differences and freezes the task.

The ledger is prepared with the `assetdesk` CLI (same core, same file), then the app
opens it: it is the UI that is under test here."""
import os
import subprocess
import time
import tty
from pathlib import Path

import openpyxl
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import ROOT, App

PASSWORD = "secret-123"
CLI = Path(os.environ.get("ASSETDESK_CLI", ROOT / "target" / "debug" / "assetdesk"))
CODES = ["ZC-E2E-0001", "ZC-E2E-0002", "ZC-E2E-0003"]


def cli(data_dir: Path, *args: str) -> str:
    assert CLI.is_file(), f"build the CLI first: {CLI} is missing"
    env = {**os.environ, "ASSETDESK_PASSWORD": PASSWORD}
    out = subprocess.run([str(CLI), "--data-dir", str(data_dir), *args], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return out.stdout


def prepare(data_dir: Path) -> None:
    cli(data_dir, "init", "--admin", "admin", "--company", "示例单位")
    for code in CODES:
        cli(data_dir, "asset", "add", "--code", code, "--name", "笔记本电脑", "--category", "电脑", "--dept", "行政部", "--location", "301室", "--value", "5000")
    cli(data_dir, "asset", "add", "--code", "ZC-FIN-0001", "--name", "保险柜", "--category", "家具", "--dept", "财务部", "--location", "财务室")


def log_in(app: App) -> None:
    app.type("login-user", "admin")
    app.type("login-password", PASSWORD + Keys.ENTER)
    app.wait_text("current-user", lambda t: "admin" in t)


def banner(app: App, verdict: str, code: str) -> str:
    def check(d):
        el = d.find_element(By.CSS_SELECTOR, '[data-testid="verdict-banner"]')
        return el.text if el.get_attribute("data-verdict") == verdict and code in el.text else False

    return app.wait.until(check)


def test_keyboard_scanner_bursts_are_scans_slow_typing_is_not_and_closing_applies(launch, data_dir):
    prepare(data_dir)
    app = launch(data_dir)
    log_in(app)

    app.click("nav-stocktake")
    app.click("st-new")
    app.type("st-name", "行政部年末盘点")
    app.find("st-dept").find_element(By.CSS_SELECTOR, 'option[value="行政部"]').click()
    app.type("st-responsible", "张三、李四")
    app.click("st-create")
    app.find("st-run")
    app.wait_text("count-expected", lambda t: t == "3")
    app.wait_text("count-remaining", lambda t: t == "3")

    # Record the keys the page sees, to check that send_keys really is a scanner-fast burst.
    app.driver.execute_script(
        "window.__keys = []; window.addEventListener('keydown', e => window.__keys.push([e.key, e.timeStamp]), true);"
    )
    # The burst goes into the search box, which has the focus: it is taken as a scan and
    # the box stays as it was.
    search = app.find("st-search")
    search.click()
    search.send_keys(CODES[0] + Keys.ENTER)
    text = banner(app, "found", CODES[0])
    assert "已盘到" in text
    app.wait_text("count-found", lambda t: t == "1")
    assert app.text_of("count-remaining") == "2"
    assert search.get_attribute("value") == "", "the scan must not land in the search box"
    keys = app.driver.execute_script("return window.__keys")
    # The Enter that ended the scan is swallowed by the app's scan listener before any
    # other listener (this one included) sees it.
    assert len(keys) == len(CODES[0])
    gaps = [b[1] - a[1] for a, b in zip(keys, keys[1:])]
    assert max(gaps) <= 30, f"send_keys is not a burst here: gaps {gaps} ms"

    # A person typing slowly into the search box is typing, not scanning.
    for ch in CODES[1]:
        search.send_keys(ch)
        time.sleep(0.08)  # the point of this test: human-speed gaps between keys
    search.send_keys(Keys.ENTER)
    time.sleep(0.3)
    assert search.get_attribute("value") == CODES[1]
    assert app.text_of("count-scans") == "1"
    assert app.find("verdict-banner").get_attribute("data-verdict") == "found"
    search.send_keys(Keys.CONTROL, "a")
    search.send_keys(Keys.BACKSPACE)  # (clear() would not tell the page)

    # Bursts anywhere: surplus (red), duplicate (amber), misplaced (amber, another department).
    body = app.driver.find_element(By.TAG_NAME, "body")
    body.send_keys("ZC-PY-0009" + Keys.ENTER)
    banner(app, "surplus", "ZC-PY-0009")
    body.send_keys(CODES[0] + Keys.ENTER)
    banner(app, "duplicate", CODES[0])
    body.send_keys("ZC-FIN-0001" + Keys.TAB)
    assert "财务部" in banner(app, "misplaced", "ZC-FIN-0001")
    # Garbage typed by hand into the manual field is refused clearly and harmlessly.
    app.type("manual-code", "垃圾 数据" + Keys.ENTER)
    assert "不是资产编码" in banner(app, "rejected", "垃圾")
    app.wait_text("count-scans", lambda t: t == "4")
    assert len(app.find_all("scan-row")) == 5

    # The missing list is one click away, filterable by location.
    app.click("st-missing-toggle")
    app.wait.until(lambda d: {r.get_attribute("data-code") for r in app.find_all("missing-row")} == set(CODES[1:]))
    app.find("missing-filter").find_element(By.CSS_SELECTOR, 'option[value="301室"]').click()
    assert len(app.find_all("missing-row")) == 2

    # Review, then close: 盘盈 registered, 盘亏 marked missing, misplaced corrected.
    app.click("st-to-review")
    app.wait_text("rv-missing", lambda t: t == "2")
    assert app.text_of("rv-surplus") == "1"
    assert app.text_of("rv-misplaced") == "1"
    # The report exports to Excel: 盘盈/盘亏/差异 statistics and the difference details.
    app.click("export")
    message = app.wait_text("notice", lambda t: "已导出" in t)
    book = openpyxl.load_workbook(Path(message.split("行到 ")[1].rstrip("×").strip()))
    assert book.sheetnames == ["盘盈统计", "盘亏统计", "差异统计", "差异明细"]
    details = list(book["差异明细"].iter_rows(values_only=True))
    assert sorted(r[1] for r in details[1:]) == sorted([CODES[1], CODES[2], "ZC-PY-0009", "ZC-FIN-0001"])
    # And prints: the same sections in a PDF.
    # Through the print preview, as all paper (issue 18): saved from there.
    app.click("stocktake-pdf")
    app.find("print-preview")
    app.wait.until(lambda d: len(app.find_all("preview-page")) >= 1)
    app.click("preview-save")
    pdf = Path(app.wait_text("notice", lambda t: "报表已保存为" in t).split("报表已保存为")[1].rstrip("×").strip())
    printed = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "差异明细" in printed and "ZC-PY-0009" in printed, printed

    app.click("st-close")
    # Nothing was reviewed: close lists the lines and asks (issue 20); here, apply them.
    app.wait.until(lambda d: {r.text.split(" ")[0] for r in app.find_all("st-unreviewed-line")} == {CODES[1], CODES[2], "ZC-PY-0009", "ZC-FIN-0001"})
    app.click("st-close-accept-unreviewed")
    doc = app.wait_text("st-close-doc", lambda t: t.startswith("PD-"))
    show = cli(data_dir, "--json", "asset", "show", CODES[2])
    assert '"missing"' in show
    assert "盘盈资产" in cli(data_dir, "asset", "show", "ZC-PY-0009")
    # A closed stocktake is read-only: the scanning screen says so and takes no scan.
    app.click("nav-stocktake")
    app.click("st-report")
    app.find("st-closed-note")
    assert doc in app.text_of("st-closed-note")
    # The write-off stays a separate document, proposed here and posted by the clerk.
    app.click("st-writeoff")
    hx = app.wait_text("notice", lambda t: "已办理" in t).split("已办理")[1].strip().split()[0].rstrip("×").strip()
    assert hx.startswith("HX-"), hx
    assert '"written_off"' in cli(data_dir, "--json", "asset", "show", CODES[2])


def pty() -> tuple[int, int]:
    master, slave = os.openpty()
    tty.setraw(slave)  # a scanner's line: bytes as sent, no echo, no CR translation
    return master, slave


def point_link(link: Path, target: str) -> None:
    """Points `link` at `target` atomically, as udev's /dev/serial/by-id link on replug."""
    staging = link.with_suffix(".new")
    staging.unlink(missing_ok=True)
    staging.symlink_to(target)
    staging.replace(link)


def connected(app: App) -> str:
    return app.find("serial-status").get_attribute("data-connected")


def test_serial_scanner_on_a_pty_pushes_verdicts_live_unplug_shows_at_once_replug_resumes(launch, data_dir, tmp_path):
    prepare(data_dir)
    cli(data_dir, "stocktake", "new", "--name", "串口盘点", "--dept", "行政部")
    link = tmp_path / "scanner"  # the path the clerk types, like /dev/serial/by-id/usb-...
    fds = list(pty())
    master = fds[0]
    point_link(link, os.ttyname(fds[1]))
    try:
        app = launch(data_dir)
        log_in(app)
        app.click("nav-stocktake")
        app.click("st-open")
        app.wait_text("count-expected", lambda t: t == "3")
        app.click("st-serial-toggle")
        app.type("serial-path", str(link))
        app.click("serial-connect")
        app.wait.until(lambda d: connected(app) == "yes")

        os.write(master, (CODES[0] + "\r\n").encode())
        banner(app, "found", CODES[0])
        app.wait_text("count-found", lambda t: t == "1")
        os.write(master, b"\x00\xff\xfe\r\n")
        assert "波特率" in banner(app, "rejected", "")
        os.write(master, (CODES[1] + "\r").encode())
        banner(app, "found", CODES[1])
        app.wait_text("count-found", lambda t: t == "2")

        # Unplugged: shown at once, and every scan so far is kept.
        link.unlink()
        os.close(master)
        fds.remove(master)
        app.wait.until(lambda d: connected(app) == "no")
        assert "断开" in app.text_of("serial-status")
        assert '"found": 2' in cli(data_dir, "--json", "stocktake", "report", "1")

        # Plugged back in (same by-id path, new device): it reconnects by itself and
        # scans resume, AIM identifier stripped.
        master, slave = pty()
        fds += [master, slave]
        point_link(link, os.ttyname(slave))
        app.wait.until(lambda d: connected(app) == "yes")
        os.write(master, b"]C1" + (CODES[2] + "\n").encode())
        banner(app, "found", CODES[2])
        app.wait_text("count-found", lambda t: t == "3")
        assert app.text_of("count-remaining") == "0"
        rows = [r.get_attribute("data-verdict") for r in app.find_all("scan-row")]
        assert rows == ["found", "found", "rejected", "found"], rows  # newest first
    finally:
        for fd in fds:
            os.close(fd)
