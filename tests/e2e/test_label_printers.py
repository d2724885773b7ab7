"""Label printers through the UI (issue 18): set up a raw TCP printer speaking TSPL
with a calibration offset, print its test page, print a label from the ledger selection
(TSPL arrives with the name in GBK and a native BARCODE of the code), see a failed job
in the print history with the printer's words and retry it once the printer is back."""

from selenium.webdriver.common.by import By

from test_foundation import add_asset, set_up_ledger
from test_labels import Printer, select


def job_rows(app):
    return app.driver.execute_script(
        "return [...document.querySelectorAll('[data-testid=job-row]')].map(r => ({status: r.dataset.status, text: r.innerText}));"
    )


def test_set_up_a_tspl_printer_print_its_test_page_and_a_label_then_retry_a_failed_job(launch, data_dir):
    printer = Printer()
    try:
        app = launch(data_dir)
        set_up_ledger(app)
        code = add_asset(app, "联想笔记本电脑", "电脑", "行政部", "6999.00")

        app.click("nav-labels")
        app.click("labels-tab-printers")
        # A network printer's address is the one thing typed in the picker.
        app.click("pr-add")
        app.type("pick-tcp-host", f"127.0.0.1:{printer.port}")
        app.click("pick-tcp-add")
        assert app.text_of("pr-uri-0") == f"tcp://127.0.0.1:{printer.port}"
        app.type("pr-name-0", "前台TSC")
        select(app, "pr-lang-0", "tspl")
        app.type("pr-offx-0", "1.5")
        select(app, "pr-default", "前台TSC")
        app.click("pr-save")
        app.wait_text("notice", lambda t: "保存" in t)

        # The test page: ruler, offsets, language and dpi, in the printer's own font.
        app.click("pr-test-0")
        app.wait.until(lambda d: len(printer.jobs) == 1)
        page = printer.jobs[0]
        assert "测试页 前台TSC".encode("gbk") in page
        assert "X +1.50 mm Y +0.00 mm".encode("gbk") in page
        assert b"TSPL 203 dpi" in page and page.count(b"\r\nBAR ") > 60

        # A label from the ledger selection reaches the printer as TSPL.
        app.click("nav-ledger")
        app.wait.until(lambda d: code in app.row_codes())
        app.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f'[data-testid="asset-row"][data-code="{code}"]').click() or True)
        app.click("act-print-labels")
        select(app, "p-printer", "前台TSC")
        app.click("p-submit")
        app.wait.until(lambda d: len(printer.jobs) == 2)
        job = printer.jobs[1]
        assert "联想笔记本电脑".encode("gbk") in job, "the name as GBK for TSS24.BF2"
        assert b'"TSS24.BF2"' in job
        barcode = [line for line in job.split(b"\r\n") if line.startswith(b"BARCODE ")]
        assert len(barcode) == 1 and b'"128M"' in barcode[0], barcode
        # The code, with the manual code-set switches removed, is what the bars carry.
        data = barcode[0].rsplit(b",", 1)[1].strip(b'"').decode()
        for switch in ("!104", "!105", "!099", "!100"):
            data = data.replace(switch, "")
        assert data == code

        # The printer goes away: the reprint fails, is kept with why, and is retried.
        printer.close()
        app.click("act-print-labels")
        select(app, "p-printer", "前台TSC")
        app.type("p-reason", "标签磨损")
        app.click("p-submit")
        app.wait_text("print-error", lambda t: "无法连接打印机" in t)
        app.driver.find_element(By.CSS_SELECTOR, '[data-testid="print-dialog"] button[type="button"]').click()  # 取消
        app.click("nav-labels")
        app.click("labels-tab-printers")
        rows = app.wait.until(lambda d: (r := job_rows(app)) and len(r) == 2 and r)
        assert rows[0]["status"] == "failed" and "无法连接打印机" in rows[0]["text"] and "标签磨损" in rows[0]["text"], rows
        assert rows[1]["status"] == "sent"
        printer = Printer(printer.port)
        app.driver.find_element(By.CSS_SELECTOR, '[data-testid^="job-retry-"]').click()
        app.wait.until(lambda d: len(printer.jobs) == 1)
        assert "联想笔记本电脑".encode("gbk") in printer.jobs[0]
        rows = app.wait.until(lambda d: (r := job_rows(app)) and len(r) == 3 and r)
        assert [r["status"] for r in rows] == ["sent", "retried", "sent"], rows
    finally:
        printer.close()
