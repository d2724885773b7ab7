"""Paper printing from the app (issue 18), against a real CUPS started for the test:
a document's slip opened in the print preview, the CUPS printer picked there, two
copies printed and the job received by the printer's port as the slip's PDF (read back
with pdftotext); a stopped queue refused with what is wrong; 保存并打印 going straight
to the printer used last."""
import re
import sqlite3
import subprocess

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from test_documents import post, select_row
from test_foundation import add_asset, set_up_ledger
from test_labels import Printer, add_asset_via_form, select


def split_pdfs(job: bytes) -> list[bytes]:
    """CUPS's socket backend sends a raw job once per copy, back to back."""
    starts = [i for i in range(len(job)) if job.startswith(b"%PDF-", i)]
    return [job[s:e] for s, e in zip(starts, starts[1:] + [len(job)])]


def pdftotext(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


@pytest.fixture
def office(test_cups):
    printer = Printer()
    cups = test_cups([
        "--queue", f"office=socket://127.0.0.1:{printer.port}", "--default", "office",
        "--queue", "held=file:///dev/null", "--stopped", "held",
        "--queue", "empty=file:///dev/null", "--reason", "empty=media-empty-error",
    ])
    yield cups, printer
    printer.close()


def issued_document(app) -> str:
    set_up_ledger(app)
    code = add_asset(app, "联想笔记本电脑", "电脑", "行政部", "6999.50")
    app.click("nav-ledger")
    select_row(app, code)
    return post(app, "issue", {"person": "张三"})


def open_document(app, doc_no: str):
    app.click("nav-documents")
    app.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f'[data-doc="{doc_no}"]'))
    app.driver.find_element(By.CSS_SELECTOR, f'[data-doc="{doc_no}"] button').click()
    app.wait_text("doc-no", lambda t: t == doc_no)


def choose(app, testid: str, value: str):
    app.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f'[data-testid="{testid}"] option[value="{value}"]'))
    app.find(testid).find_element(By.CSS_SELECTOR, f'option[value="{value}"]').click()


def open_preview(app):
    app.click("doc-slip")
    app.find("print-preview")
    # The real PDF's page, rendered by the backend, and its size.
    app.wait.until(lambda d: len(app.find_all("preview-page")) == 1)
    assert app.wait_text("preview-info", lambda t: "共 1 页" in t and "210 × 148 mm" in t and "横向" in t)


def test_a_slip_previewed_and_printed_on_a_cups_printer_arrives_twice(office, launch, data_dir):
    cups, printer = office
    app = launch(data_dir)
    doc_no = issued_document(app)
    open_document(app, doc_no)
    open_preview(app)
    loaded = app.find("preview-page").get_attribute("naturalWidth")
    assert int(loaded) > 300, "a real rendered page image"

    # A4 is the slip's other paper: the preview is laid out again.
    choose(app, "preview-paper", "a4")
    assert app.wait_text("preview-info", lambda t: "210 × 297 mm" in t and "纵向" in t)
    choose(app, "preview-paper", "a5")
    assert app.wait_text("preview-info", lambda t: "210 × 148 mm" in t)

    # Every installed queue is offered, its state shown.
    options = [o.get_attribute("value") for o in app.find("preview-printer").find_elements(By.TAG_NAME, "option")]
    assert sorted(options) == ["cups:empty", "cups:held", "cups:office"], options
    choose(app, "preview-printer", "cups:office")
    app.type("preview-copies", "2")
    app.type("preview-copies", Keys.ENTER, clear=False)  # Enter prints
    notice = app.wait_text("notice", lambda t: "已打印" in t)
    assert "2 份" in notice and "office" in notice, notice
    assert not app.find_all("print-preview"), "the preview closes once printed"

    app.wait.until(lambda d: printer.jobs)
    copies = split_pdfs(printer.jobs[0])
    assert len(copies) == 2, f"two copies, got {len(copies)}"
    for copy in copies:
        text = pdftotext(copy)
        assert doc_no in text and "张三" in text, text

    # The printer is remembered: the next preview has it chosen.
    open_preview(app)
    app.wait.until(lambda d: app.find("preview-printer").get_attribute("value") == "cups:office")
    app.type("preview-copies", Keys.ESCAPE, clear=False)
    app.wait.until(lambda d: not app.find_all("print-preview"))
    assert app.find("doc-view"), "Esc closes the preview, not the document"


def test_a_stopped_queue_or_one_out_of_paper_is_refused_and_nothing_is_queued(office, launch, data_dir):
    cups, printer = office
    app = launch(data_dir)
    doc_no = issued_document(app)
    open_document(app, doc_no)
    open_preview(app)

    choose(app, "preview-printer", "cups:held")
    assert "已停止" in app.text_of("preview-printer-problem")
    app.click("preview-print")
    error = app.wait_text("preview-error", lambda t: t != "")
    assert "打印机“held”现在无法打印" in error and "已停止" in error, error
    assert app.find_all("print-preview"), "the preview stays open to choose another printer"

    choose(app, "preview-printer", "cups:empty")
    app.click("preview-print")
    assert "缺纸" in app.wait_text("preview-error", lambda t: "empty" in t)
    assert cups.lpstat("-o") == "", "nothing was queued"

    # 保存PDF still works, and the document's slip is what is saved.
    app.click("preview-save")
    path = app.wait_text("notice", lambda t: "单据已保存为" in t).split("单据已保存为")[1].rstrip("×").strip()
    assert doc_no in subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True, check=True).stdout


def test_save_and_print_sends_the_new_documents_slip_to_the_printer_used_last(office, launch, data_dir):
    cups, printer = office
    app = launch(data_dir)
    first = issued_document(app)
    code = add_asset(app, "台式电脑", "电脑", "行政部", "4599")

    # No printer used yet: 保存并打印 opens the preview for the new document.
    app.click("nav-ledger")
    select_row(app, code)
    app.click("act-issue")
    app.type("d-person", "李四")
    app.click("doc-submit-print")
    app.find("print-preview")
    choose(app, "preview-printer", "cups:office")
    app.click("preview-print")
    app.wait_text("notice", lambda t: "已打印" in t)
    app.wait.until(lambda d: len(printer.jobs) == 1)
    numbers = set(re.findall(r"LY-[0-9][0-9-]*[0-9]", pdftotext(printer.jobs[0])))
    assert len(numbers) == 1 and first not in numbers, f"the new document's slip, not {first}: {numbers}"

    # Now it goes straight there, no preview.
    app.click("nav-ledger")
    select_row(app, code)
    app.click("act-return")
    app.find("doc-dialog")
    app.click("doc-submit-print")
    app.wait.until(lambda d: len(printer.jobs) == 2)
    assert "退库" in pdftotext(printer.jobs[1])
    app.wait_text("notice", lambda t: "已打印 1 份" in t and "office" in t)
    assert not app.find_all("print-preview"), "printed without asking"


def xdotool(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["xdotool", *args], capture_output=True, text=True, timeout=30)


def test_the_system_print_dialog_chooses_the_printer_and_the_job_goes_through_cups(office, launch, data_dir):
    """GtkPrintUnixDialog (the system dialog on Linux) opened from the preview: it lists
    the CUPS queues; Enter accepts its choice (the default queue, 2 copies as the preview
    had) and the slip arrives through CUPS."""
    cups, printer = office
    app = launch(data_dir)
    doc_no = issued_document(app)
    open_document(app, doc_no)
    open_preview(app)
    app.type("preview-copies", "2")  # the dialog starts from the preview's copies
    app.click("preview-system-dialog")
    # The dialog is GTK's own window, titled with the job; keys go to it by window id.
    found = xdotool("search", "--sync", "--name", doc_no)
    window = found.stdout.split()[0]
    # GTK fills its printer list from CUPS a moment after the dialog maps, and only then
    # is its Print button (the default response) sensitive: Return is pressed until the
    # dialog has accepted and the job arrived. Keys after it closed go to no window.
    def accepted(_):
        xdotool("key", "--window", window, "Return")
        return bool(printer.jobs)

    xdotool("windowfocus", "--sync", window)
    app.wait.until(accepted)
    copies = split_pdfs(printer.jobs[0])
    assert len(copies) == 2, "the copies the dialog returned were printed"
    assert doc_no in pdftotext(copies[0])
    assert "已打印 2 份" in app.wait_text("notice", lambda t: "已打印" in t)
    assert not app.find_all("print-preview")


def test_an_a4_label_sheet_prints_on_the_office_printer_and_counts_as_printed(office, launch, data_dir):
    cups, printer = office
    app = launch(data_dir)
    set_up_ledger(app)
    add_asset_via_form(app, "办公桌", print_label=True)
    app.find("print-dialog")
    select(app, "p-template", "a4-3x8-code128")
    app.click("p-paper-print")
    app.find("print-preview")
    assert app.wait_text("preview-info", lambda t: "共 1 页" in t and "210 × 297 mm" in t)
    app.wait.until(lambda d: len(app.find_all("preview-page")) == 1)
    choose(app, "preview-printer", "cups:office")
    app.click("preview-print")
    app.wait_text("notice", lambda t: "已打印" in t)
    app.wait.until(lambda d: printer.jobs)
    assert "办公桌" in pdftotext(printer.jobs[0])
    with sqlite3.connect(data_dir / "ledger.sqlite3") as db:
        actions = [a for (a,) in db.execute("SELECT action FROM audit_log WHERE action IN ('label_print', 'label_reprint')")]
    assert actions == ["label_print"], "the sheet's label is recorded as printed once it went out"

    # Printed before: the sheet again needs a reason, as any reprint does.
    app.click("card-print-label")
    app.find("print-dialog")
    select(app, "p-template", "a4-3x8-code128")
    app.click("p-paper-print")
    assert "原因" in app.wait_text("print-error", lambda t: t != "")
