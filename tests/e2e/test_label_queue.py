"""Label printers at the desk (issue 18): the setup screen picks the printer from the
system's installed list (a CUPS queue of the tests' private cupsd) instead of a typed
address, and its test page reaches the printer behind that queue; a big job retried from
the print queue shows its progress, and 取消 stops it with fewer labels received than
asked, the job cancelled in the history and the labels that did go out audited as printed."""
import json
import os
import socket
import subprocess
import threading
import time

import pytest

from selenium.webdriver.common.by import By

from test_labels import Printer, select
from test_stocktake import CLI, PASSWORD, cli, log_in


@pytest.fixture
def tsc_queue(test_cups):
    """A CUPS raw queue to a TSPL printer's port (started before the app, which inherits
    CUPS_SERVER through tauri-driver)."""
    printer = Printer()
    test_cups(["--queue", f"TSC_TE244=socket://127.0.0.1:{printer.port}"])
    yield printer
    printer.close()


def test_a_cups_queue_is_picked_from_the_installed_printers_and_its_test_page_arrives(tsc_queue, launch, data_dir):
    printer = tsc_queue
    try:
        cli(data_dir, "init", "--admin", "admin", "--company", "示例单位")
        app = launch(data_dir)
        log_in(app)
        app.click("nav-labels")
        app.click("labels-tab-printers")
        app.click("pr-add")
        app.find("pr-picker")
        choice = app.wait.until(lambda d: next((b for b in d.find_elements(By.CSS_SELECTOR, '[data-testid="pick-system"]') if b.get_attribute("data-uri") == "cups:TSC_TE244"), None))
        assert "TSC_TE244" in choice.text and "空闲" in choice.text, choice.text
        choice.click()
        # Picked, not typed: the row holds the queue's address and its name.
        assert app.text_of("pr-uri-0") == "cups:TSC_TE244"
        assert app.find("pr-name-0").get_attribute("value") == "TSC_TE244"
        select(app, "pr-lang-0", "tspl")
        app.click("pr-save")
        app.wait_text("notice", lambda t: "保存" in t)
        saved = json.loads(cli(data_dir, "--json", "printer", "list"))
        assert saved["configured"][0]["uri"] == "cups:TSC_TE244"

        app.click("pr-test-0")
        app.wait.until(lambda d: len(printer.jobs) == 1)
        page = printer.jobs[0]
        assert "测试页 TSC_TE244".encode("gbk") in page and b"TSPL 203 dpi" in page
    finally:
        printer.close()


class SlowPrinter:
    """A raw TSPL printer that takes its bytes as a thermal head prints (~100 KB/s): the
    labels received so far are counted."""

    def __init__(self):
        self.received = bytearray()
        self.closed = threading.Event()
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(1)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        conn, _ = self.sock.accept()
        with conn:
            conn.settimeout(60)
            while chunk := conn.recv(2048):
                self.received += chunk
                time.sleep(0.02)
        self.closed.set()

    def labels(self) -> int:
        return bytes(self.received).count(b"PRINT 1,1\r\n")

    def close(self):
        self.sock.close()


def test_a_big_job_retried_from_the_queue_shows_progress_and_cancel_stops_it(launch, data_dir, tmp_path):
    count = 300
    cli(data_dir, "init", "--admin", "admin", "--company", "示例单位")
    rows = "".join(f"B-{i:04},台式电脑{i},电脑,行政部,3000\n" for i in range(1, count + 1))
    sheet = tmp_path / "big.csv"
    sheet.write_text("资产编号,资产名称,资产类别,使用部门,原值(元)\n" + rows, encoding="utf-8")
    cli(data_dir, "import", str(sheet))
    # The printer was off when the job was sent: a failed job of 300 labels in the queue.
    dead = socket.socket()
    dead.bind(("127.0.0.1", 0))
    dead_port = dead.getsockname()[1]
    dead.close()
    cli(data_dir, "printer", "add", "仓库TSC", "--uri", f"tcp://127.0.0.1:{dead_port}", "--language", "tspl", "--mode", "bitmap")
    codes = [f"B-{i:04}" for i in range(1, count + 1)]
    env = {**os.environ, "ASSETDESK_PASSWORD": PASSWORD}
    out = subprocess.run([str(CLI), "--data-dir", str(data_dir), "label", *codes, "--printer", "仓库TSC"], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 1 and "cannot connect" in out.stderr, out.stderr
    printer = SlowPrinter()
    try:
        cli(data_dir, "printer", "set", "仓库TSC", "--uri", f"tcp://127.0.0.1:{printer.port}")
        app = launch(data_dir)
        log_in(app)
        app.click("nav-labels")
        app.click("labels-tab-printers")
        app.wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-testid^="job-retry-"]'))[0].click()

        # The bar moves as the printer takes labels.
        bar = app.find("job-progress")
        app.wait.until(lambda d: int(bar.get_attribute("data-done")) >= 5 and printer.labels() >= 5)
        assert bar.get_attribute("data-total") == str(count)
        assert "已发送" in bar.text and f"/{count}" in bar.text
        app.click("job-progress-cancel")
        app.wait_text("notice", lambda t: "打印任务已取消" in t)
        assert printer.closed.wait(30), "the job's connection was closed"
        received = printer.labels()
        assert 0 < received < count, received
        assert bytes(printer.received).endswith(b"PRINT 1,1\r\n"), "the job ends after a whole label"

        rows = app.wait.until(lambda d: (r := d.execute_script("return [...document.querySelectorAll('[data-testid=job-row]')].map(r => ({status: r.dataset.status, text: r.innerText}))")) and len(r) == 2 and r)
        assert [r["status"] for r in rows] == ["cancelled", "retried"], rows
        assert "已发送" in rows[0]["text"], rows
        # The labels that went out are audited as printed (so printing them again is a reprint).
        audit = json.loads(cli(data_dir, "--json", "audit", "list", "--limit", "1000"))
        printed = {e["target"] for e in audit if e["action"] == "label_print"}
        assert received <= len(printed) <= received + 3, (received, len(printed))
        assert printed == set(codes[: len(printed)])
    finally:
        printer.close()
