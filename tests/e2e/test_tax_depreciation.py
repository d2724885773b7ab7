"""Issue 21 through the UI: the tax schedule on the 折旧 screen of an enterprise ledger — a
category's tax life inherited by its subcategory, an asset's own one-time deduction, the
book/tax comparison with the hand-worked 纳税调整 (see the ledger's
tests/it/tax_depreciation.rs), searched, filtered, exported and read back, and printed
through the paper preview.

The server: 36,000.00 acquired 2025-06-15, book 5 years straight-line, no salvage; tax 3
years: in 2026 book 7,200.00, tax 12,000.00, adjustment −4,800.00. The lathe: 120,000.00
acquired 2026-03-10, book 10 years with 5% salvage (950.00 a month from April); tax
one-time: 120,000.00 in April, adjustment −111,450.00 for 2026."""
import json

import openpyxl
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_stocktake import cli, log_in
from test_value import open_value_page


def add(data_dir, *args: str) -> str:
    return json.loads(cli(data_dir, "--json", "asset", "add", *args))["code"]


def lines(app) -> dict:
    return app.driver.execute_script(
        "return Object.fromEntries([...document.querySelectorAll('[data-testid=tax-line]')].map(r => [r.dataset.code, {source: r.dataset.source, adjustment: r.dataset.adjustment}]))"
    )


def test_tax_settings_give_the_hand_worked_adjustment_exported_and_printed(launch, data_dir):
    cli(data_dir, "init", "--admin", "admin", "--company", "示例单位")
    cli(data_dir, "register", "category", "add", "电子设备")
    cli(data_dir, "register", "category", "add", "服务器", "--parent", "电子设备")
    server = add(data_dir, "--name", "机架服务器", "--category", "服务器", "--value", "36000", "--acquired", "2025-06-15", "--life-years", "5", "--salvage-rate", "0")
    lathe = add(data_dir, "--name", "数控车床", "--category", "机器设备", "--value", "120000", "--acquired", "2026-03-10", "--life-years", "10", "--salvage-rate", "5%")
    app = launch(data_dir)
    log_in(app)
    open_value_page(app)
    panel = app.find("tax-panel")
    assert "同账面" in panel.text or "没有类别" in panel.text

    # The parent category's tax life, then the lathe's own one-time deduction.
    app.type("tax-name", "电子设备")
    app.type("tax-life", "3")
    app.click("tax-save")
    app.wait_text("notice", lambda t: "已保存税务折旧设置" in t and "电子设备" in t)
    row = app.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, '[data-testid="tax-setting"][data-category="电子设备"]'))
    assert "年限平均法 3 年" in row.text, row.text
    Select(app.find("tax-target")).select_by_value("asset")
    app.type("tax-name", lathe)
    Select(app.find("tax-method")).select_by_value("one-time")
    assert not app.find_all("tax-life"), "a one-time deduction has no life"
    app.click("tax-save")
    app.wait_text("notice", lambda t: "已保存税务折旧设置" in t and lathe in t)

    # A bad life is refused with the reason, and nothing changes.
    Select(app.find("tax-method")).select_by_value("straight-line")
    app.type("tax-name", server)
    app.type("tax-life", "三年")
    app.click("tax-save")
    app.wait_text("notice", lambda t: "税务折旧年限" in t)

    app.type("tax-from", "2026-01")
    app.type("tax-to", "2026-12")
    app.click("tax-show")
    got = app.wait.until(lambda d: (l := lines(app)) and len(l) == 2 and l)
    assert got[server] == {"source": "category", "adjustment": "-4800.00"}, got
    assert got[lathe] == {"source": "asset", "adjustment": "-111450.00"}, got
    assert app.text_of("tax-total-book") == "15,750.00"
    assert app.text_of("tax-total-tax") == "132,000.00"
    assert app.text_of("tax-total-adjustment") == "-116,250.00"

    # Searched and filtered on the screen.
    app.type("tax-search", "车床")
    app.wait.until(lambda d: list(lines(app)) == [lathe])
    app.type("tax-search", "")
    app.wait.until(lambda d: len(lines(app)) == 2)

    # Exported: the workbook carries the same figures, with its total row.
    app.click("tax-export")
    exported = app.wait_text("notice", lambda t: "已导出" in t).split("行到 ")[1].rstrip("×").strip()
    assert exported.endswith(".xlsx") and "税务折旧对照表" in exported, exported
    rows = list(openpyxl.load_workbook(exported).active.iter_rows(values_only=True))
    assert rows[0][7:10] == ("账载折旧", "税收折旧", "纳税调整"), rows[0]
    assert rows[-1][0] == "合计" and rows[-1][9] == -116250, rows[-1]

    # Printed through the paper preview: its pages are the report.
    app.click("tax-pdf")
    title = app.wait_text("print-preview", lambda t: "税务折旧对照表" in t)
    assert "2026-01—2026-12" in title, title
    app.wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-testid="preview-page"]'))
