"""Labels through the UI: design a template with a live true-size preview, see a misfit
refused, set up a socket printer, print from the ledger selection and from "Save and
print label" on the new-asset form; the jobs that reach the printer scan back to the code."""
import re
import socket
import sqlite3
import subprocess
import threading
from pathlib import Path

import zplkit
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from test_foundation import set_up_ledger


class Printer:
    """A raw TCP printer (port 9100 style) on 127.0.0.1: keeps each job's bytes. Given the
    port of one that was closed, it is the same printer switched on again."""

    def __init__(self, port: int = 0):
        self.jobs: list[bytes] = []
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", port))
        self.sock.listen(5)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(20)
                data = b""
                while chunk := conn.recv(65536):
                    data += chunk
                self.jobs.append(data)

    def close(self):
        # shutdown wakes the thread blocked in accept(); close alone may leave it listening.
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()


def scan_zpl(job: bytes, tmp: Path, dpi: int = 203) -> list[str]:
    """Renders a ZPL job offline (zplkit) and reads its codes with zbarimg."""
    # zplkit draws; it does not take job-control commands (darkness, speed, copies).
    job = re.sub(rb"(~SD|\^PR|\^PQ)[0-9]+\n", b"", job)
    # Nor the host-status query sent before a job to a raw port (issue 18).
    job = job.removeprefix(b"~HS")
    doc = zplkit.render(job, zplkit.Options(dpi=dpi))
    raster = doc.labels[0].rasterize()
    pgm = tmp / "label.pgm"
    pgm.write_bytes(b"P5\n%d %d\n255\n" % (raster.width, raster.height) + raster.pixels)
    out = subprocess.run(["zbarimg", "--nodbus", "-q", str(pgm)], capture_output=True, text=True)
    return [line.split(":", 1)[1] for line in out.stdout.splitlines() if ":" in line]


def select(app, testid: str, value: str):
    app.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f'[data-testid="{testid}"] option[value="{value}"]').click() or True)


def preview_counts(app, within: str = "") -> dict:
    return app.driver.execute_script(
        # The preview is an image drawn by the backend; its layout rides along as data.
        "const img = document.querySelector(arguments[0] + ' [data-testid=label-preview]');"
        "if (!img || !img.complete || !img.naturalWidth) return null;"
        "return {bars: Number(img.dataset.bars), cells: Number(img.dataset.cells),"
        " text: img.dataset.text, code: img.dataset.code, width: img.style.width, dpi: Number(img.dataset.dpi)};",
        within,
    )


def add_asset_via_form(app, name: str, print_label: bool) -> None:
    app.click("nav-ledger")
    app.click("ledger-add")
    app.type("f-name", name)
    app.type("f-category", "电脑")
    app.type("f-dept", "行政部")
    app.click("f-save-print" if print_label else "f-save")


def test_design_preview_and_print_labels_to_a_socket_printer(chooser, launch, data_dir, tmp_path):
    printer = Printer()
    try:
        app = launch(data_dir)
        set_up_ledger(app)
        add_asset_via_form(app, "联想笔记本电脑", print_label=False)
        code = app.wait_text("card-code", lambda t: t.startswith("ZC-"))

        # Design: a 60 x 40 mm template with a QR code, previewed at true size.
        app.click("nav-labels")
        app.wait.until(lambda d: len(app.find_all("tpl-item")) >= 6)
        app.click("tpl-new")
        app.type("t-name", "资产二维码")
        select(app, "t-size", "60x40mm")
        select(app, "el-symbology-2", "qr")
        app.type("el-module-2", "0.5")
        app.type("t-preview-code", code)
        counts = app.wait.until(lambda d: (c := preview_counts(app)) and c["cells"] > 50 and c["code"] == code and c)
        assert "联想笔记本电脑" in counts["text"] and "示例单位" in counts["text"], counts
        assert counts["width"] == "60mm", "the preview is drawn at true size"

        # Content that cannot fit is refused with a clear message, before any print.
        app.type("el-x-2", "57")
        message = app.wait_text("t-preview-error", lambda t: "毫米" in t)
        assert "QR" in message and "请换更大的标签" in message, message
        app.type("el-x-2", "1.5")
        app.wait.until(lambda d: not app.find_all("t-preview-error"))

        # Code 128 with its human-readable line draws bars.
        select(app, "el-symbology-2", "code128")
        app.wait.until(lambda d: (c := preview_counts(app)) and c["bars"] > 10 and code in c["text"])
        select(app, "el-symbology-2", "qr")
        app.wait.until(lambda d: (c := preview_counts(app)) and c["cells"] > 50)

        app.click("t-save")
        app.wait_text("notice", lambda t: "已保存" in t)
        app.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, '[data-testid="tpl-item"][data-name="资产二维码"]'))
        app.click("t-default")
        app.wait.until(lambda d: "★" in d.find_element(By.CSS_SELECTOR, '[data-testid="tpl-item"][data-name="资产二维码"]').text)
        assert (data_dir / "label-templates" / "资产二维码.json").is_file()

        # Export through the save chooser (no typed path), and import back under another name.
        chooser.answer(tmp_path / "exported.json")
        app.click("t-export")
        app.wait_text("notice", lambda t: "exported.json" in t)
        assert chooser.asked()["file_name"] == "资产二维码.json", "the chooser proposes the template's name"
        exported = (tmp_path / "exported.json").read_text(encoding="utf-8")
        assert '"qr"' in exported and '"60x40mm"' in exported
        # Imported through the window's file chooser (no typed path).
        app.export_dir.mkdir(parents=True, exist_ok=True)
        (app.export_dir / "copy.json").write_text(exported.replace("资产二维码", "二维码副本"), encoding="utf-8")
        app.find("tpl-import-file").send_keys(str(app.export_dir / "copy.json"))
        app.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, '[data-testid="tpl-item"][data-name="二维码副本"]'))

        # A socket printer, made the default.
        app.click("labels-tab-printers")
        app.click("pr-add")
        app.type("pick-tcp-host", f"127.0.0.1:{printer.port}")
        app.click("pick-tcp-add")
        app.type("pr-name-0", "仓库斑马")
        select(app, "pr-lang-0", "zpl")
        select(app, "pr-default", "仓库斑马")
        app.click("pr-save")
        app.wait_text("notice", lambda t: "已保存" in t)

        # Print from the ledger selection.
        app.click("nav-ledger")
        app.wait.until(lambda d: code in app.row_codes())
        app.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f'[data-testid="asset-row"][data-code="{code}"]').click() or True)
        app.click("act-print-labels")
        app.find("print-dialog")
        app.wait.until(lambda d: (c := preview_counts(app, '[data-testid="print-dialog"]')) and c["cells"] > 50)
        app.click("p-submit")
        app.wait_text("notice", lambda t: "已发送" in t)
        app.wait.until(lambda d: len(printer.jobs) == 1)
        # The ZPL host-status query first (this printer does not answer: sent anyway).
        assert printer.jobs[0].startswith(b"~HS"), printer.jobs[0][:40]
        job = printer.jobs[0][3:]
        assert job.startswith(b"^XA") and job.rstrip().endswith(b"^XZ"), job[:40]
        assert scan_zpl(job, tmp_path) == [code]

        # A reprint needs a reason, which is then recorded.
        app.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f'[data-testid="asset-row"][data-code="{code}"]').click() or True)
        app.click("act-print-labels")
        app.find("p-reason")
        app.click("p-submit")
        app.wait_text("print-error", lambda t: "原因" in t)
        assert len(printer.jobs) == 1, "nothing is sent without the reason"
        app.type("p-reason", "标签磨损")
        app.click("p-submit")
        app.wait_text("notice", lambda t: "已发送" in t)
        app.wait.until(lambda d: len(printer.jobs) == 2)
        assert printer.jobs[1] == b"~HS" + job

        # "Save and print label" on the new-asset form.
        add_asset_via_form(app, "激光打印机", print_label=True)
        app.find("print-dialog")
        app.wait.until(lambda d: (c := preview_counts(app, '[data-testid="print-dialog"]')) and "激光打印机" in c["text"])
        app.click("p-submit")
        new_code = app.wait_text("card-code", lambda t: t.startswith("ZC-"))
        assert new_code != code
        app.wait.until(lambda d: len(printer.jobs) == 3)
        assert scan_zpl(printer.jobs[2], tmp_path) == [new_code]
    finally:
        printer.close()


def test_pdf_labels_go_to_the_export_folder(launch, data_dir, tmp_path):
    app = launch(data_dir)
    set_up_ledger(app)
    add_asset_via_form(app, "办公桌", print_label=True)
    app.find("print-dialog")
    select(app, "p-template", "a4-3x8-code128")
    app.type("p-start", "4")
    app.click("p-submit")
    note = app.wait_text("notice", lambda t: ".pdf" in t)
    pdf = Path(note.split("：")[-1].split(":")[-1].rstrip("×").strip())
    assert pdf.parent == app.export_dir and pdf.is_file(), note
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "办公桌" in text

    # From the card: a reprint, with its reason, by keyboard (Esc closes, Ctrl+Enter prints).
    app.click("card-print-label")
    app.find("print-dialog")
    app.type("p-reason", "贴错位置")
    app.type("p-reason", Keys.CONTROL + Keys.ENTER, clear=False)
    app.wait_text("notice", lambda t: ".pdf" in t and t != note)
    assert not app.find_all("print-dialog")
    with sqlite3.connect(data_dir / "ledger.sqlite3") as db:
        actions = db.execute("SELECT action, detail FROM audit_log WHERE action IN ('label_print', 'label_reprint') ORDER BY id").fetchall()
        # Each job is also in the print history (issue 18), sent.
        jobs = db.execute("SELECT status FROM label_print_jobs ORDER BY id").fetchall()
    assert [a for a, _ in actions] == ["label_print", "label_reprint"], actions
    assert jobs == [("sent",), ("sent",)], jobs
    assert "贴错位置" in actions[1][1] and "a4-3x8-code128" in actions[0][1]
