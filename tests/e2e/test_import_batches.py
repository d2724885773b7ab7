"""Import batches in the real app (issue 20): a small sheet imported in the wizard shows
as a batch (date, file, who, how many, state); 撤销导入 voids it with a reason and its
assets become voided; a batch whose asset has a later document is refused, the dialog
naming the blocking row (asset code and document). The list is searched, filtered by
state and exported as listed.

The ledger is prepared with the `assetdesk` CLI (same core, same file)."""
import json
from pathlib import Path

import openpyxl
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from test_approvals_users import add_user, log_in as log_in_as
from test_stocktake import cli, log_in


def sheet(tmp_path: Path, name: str, rows: list[str]) -> Path:
    path = tmp_path / name
    path.write_text("资产编号,资产名称,资产类别,使用部门,原值(元),购置日期,使用状况\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def batch_row(app, batch: str):
    return app.wait.until(lambda d: next((r for r in app.find_all("batch-row") if r.get_attribute("data-batch") == batch), False))


def test_an_import_batch_is_listed_voided_with_a_reason_or_refused_naming_the_blocking_row(launch, data_dir, tmp_path):
    cli(data_dir, "init", "--admin", "admin", "--company", "示例单位")
    # An earlier batch, imported by the CLI, whose second asset was scrapped since.
    cli(data_dir, "import", str(sheet(tmp_path, "去年台账.csv", ["OLD-001,投影仪,办公设备,行政部,3000,2019-03-05,在用", "OLD-002,打印机,办公设备,行政部,1800,2019-03-05,闲置"])))
    scrap = json.loads(cli(data_dir, "--json", "doc", "scrap", "--reason", "损坏", "OLD-002"))["doc"]
    app = launch(data_dir)
    log_in(app)

    # A small sheet through the wizard: the new batch is listed on top.
    app.click("nav-ledger")
    app.click("ledger-import")
    app.find("import-file").send_keys(str(sheet(tmp_path, "旧台账.csv", ["A-001,联想电脑,电脑,行政部,5200,2019-03-05,在用", "A-002,台式机,电脑,行政部,4100,2020-01-02,闲置"])))
    app.wait_text("import-summary", lambda t: "有效 2 行" in t)
    app.click("import-confirm-new")
    app.click("import-run")
    app.wait_text("import-result", lambda t: "导入 2 项" in t)
    app.wait.until(lambda d: len(app.find_all("batch-row")) == 2)
    batches = json.loads(cli(data_dir, "--json", "import", "list"))
    new, old = batches[0]["batch"], batches[1]["batch"]
    first = app.find_all("batch-row")[0]
    assert first.get_attribute("data-batch") == new
    cells = [td.text for td in first.find_elements("css selector", "td")]
    assert cells[:6] == [new, batches[0]["date"], "旧台账.csv", "admin", "2", "有效"], cells

    # Searched as typed (the file name), filtered by state.
    app.type("batches-search", "去年")
    app.wait.until(lambda d: [r.get_attribute("data-batch") for r in app.find_all("batch-row")] == [old])
    app.type("batches-search", "")
    app.wait.until(lambda d: len(app.find_all("batch-row")) == 2)

    # Refused: OLD-002 has the later scrap document. The dialog names row 3 (the sheet's
    # numbering), the code and the document; the refusal says nothing changed.
    batch_row(app, old).find_element("css selector", '[data-testid="batch-void"]').click()
    app.find("batch-void-dialog")
    blocker = app.wait.until(lambda d: app.find_all("batch-blocker") or False)
    assert len(blocker) == 1
    assert blocker[0].get_attribute("data-code") == "OLD-002"
    cells = [td.text for td in blocker[0].find_elements("css selector", "td")]
    assert cells == ["3", "OLD-002", scrap], cells
    app.type("batch-void-reason", "导错文件")
    app.click("batch-void-confirm")
    error = app.wait_text("batch-void-error", lambda t: "不能冲销" in t)
    assert "OLD-002" in error and scrap in error, error
    app.find("batch-void-reason").send_keys(Keys.ESCAPE)  # Esc closes the dialog
    app.wait.until(lambda d: not app.find_all("batch-void-dialog"))
    assert json.loads(cli(data_dir, "--json", "asset", "show", "OLD-001"))["status"] == "in_use"
    assert batch_row(app, old).get_attribute("data-state") == "posted"

    # Voided: no blockers, a reason, and the whole batch is gone from the books.
    batch_row(app, new).find_element("css selector", '[data-testid="batch-void"]').click()
    app.find("batch-void-dialog")
    assert not app.find_all("batch-blockers")
    assert not app.find("batch-void-confirm").is_enabled(), "a reason is required"
    app.type("batch-void-reason", "导入了错误的表格")
    app.click("batch-void-confirm")
    app.wait_text("notice", lambda t: new in t and "已冲销" in t)
    app.wait.until(lambda d: batch_row(app, new).get_attribute("data-state") == "voided")
    assert "已撤销" in batch_row(app, new).text
    assert not batch_row(app, new).find_elements("css selector", '[data-testid="batch-void"]')
    for code in ["A-001", "A-002"]:
        assert json.loads(cli(data_dir, "--json", "asset", "show", code))["status"] == "voided"
    listed = json.loads(cli(data_dir, "--json", "import", "list"))
    assert listed[0]["state"] == "voided" and listed[0]["voided_by"], listed

    # The state filter, and the export of the list as filtered.
    Select(app.find("batches-state")).select_by_value("voided")
    app.wait.until(lambda d: [r.get_attribute("data-batch") for r in app.find_all("batch-row")] == [new])
    app.click("batches-export")
    message = app.wait_text("notice", lambda t: "已导出" in t)
    book = openpyxl.load_workbook(Path(message.split("行到 ")[1].rstrip("×").strip()))
    rows = list(book.active.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][0] == new and rows[1][2] == "旧台账.csv" and rows[1][5] == "已撤销", rows


def test_a_user_who_may_not_void_sees_the_batches_but_no_void_button(launch, data_dir, tmp_path):
    cli(data_dir, "init", "--admin", "admin", "--company", "示例单位")
    cli(data_dir, "import", str(sheet(tmp_path, "旧台账.csv", ["A-001,联想电脑,电脑,行政部,5200,2019-03-05,在用"])))
    # A power user registers and imports assets, but may not void documents (by default).
    add_user(data_dir, "clerk", "power", "clerk-pass")
    app = launch(data_dir)
    log_in_as(app, "clerk", "clerk-pass")
    app.click("nav-ledger")
    app.click("ledger-import")
    app.wait.until(lambda d: len(app.find_all("batch-row")) == 1)
    assert not app.find_all("batch-void")

    # Made an administrator meanwhile (at another desk), the clerk is offered the void on
    # the next screen, without logging in again: the backend reads the role on every call
    # and the UI mirrors it.
    cli(data_dir, "user", "set-role", "clerk", "admin")
    app.click("nav-home")
    app.click("nav-ledger")
    app.click("ledger-import")
    app.find("batch-void")
