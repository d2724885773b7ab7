"""Low-value consumables through the UI (issue 7): add an item, receive it, issue it from
the stock list and see the stock, the low-stock reminder on Home and the statistics
change; an over-issue is refused with a visible message naming what is in stock; the
statistics export reads back."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from test_foundation import set_up_ledger


def stock_row(app, code: str):
    return app.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f'[data-testid="cons-item"][data-code="{code}"]'))


def fill(app, button: str, expect: str, **fields) -> str:
    """Opens a consumables form, fills the `c-<field>` inputs, saves, and waits for the
    notice containing `expect`; returns the notice."""
    app.click(button)
    for field, value in fields.items():
        app.type(f"c-{field}", value)
    app.click("cons-submit")
    return app.wait_text("notice", lambda t: expect in t)


def row_text(app, code: str, predicate) -> str:
    return app.wait.until(lambda d: (lambda t: t if predicate(t) else False)(stock_row(app, code).text))


def test_an_item_is_received_issued_and_shows_in_stock_statistics_and_home(launch, data_dir):
    app = launch(data_dir)
    set_up_ledger(app)
    app.click("nav-consumables")
    app.find("consumables-page")

    # A new item from the keyboard: Enter moves on, Ctrl+S saves.
    app.click("cons-new-item")
    app.type("c-name", "中性笔")
    app.find("c-name").send_keys(Keys.ENTER)
    focused = app.driver.switch_to.active_element
    assert focused.get_attribute("data-testid") == "c-kind", "Enter moves to the next field"
    focused.send_keys("文具")
    app.type("c-unit", "支")
    app.type("c-threshold", "5")
    app.find("c-threshold").send_keys(Keys.CONTROL, "s")
    app.wait_text("notice", lambda t: "已新增耗材 HC-0001" in t)
    assert not app.find_all("cons-dialog")

    # Receive 10 at 1.50.
    fill(app, "cons-receive", "已入库", item="HC-0001", qty="10", price="1.50", supplier="晨光文具")
    row_text(app, "HC-0001", lambda t: "10" in t and "15.00" in t)
    assert stock_row(app, "HC-0001").get_attribute("data-low") == "no"

    # Issue 7 from the item's row: 3 left, worth 4.50, now at or below the threshold.
    stock_row(app, "HC-0001").find_element(By.CSS_SELECTOR, '[data-testid="cons-item-issue"]').click()
    assert app.find("c-item").get_attribute("value") == "HC-0001", "the row's item is filled in"
    assert "当前库存 10支" in app.text_of("cons-dialog-stock")
    app.type("c-qty", "7")
    app.type("c-dept", "行政部")
    app.type("c-person", "张三")
    app.type("c-purpose", "日常办公")
    app.click("cons-submit")
    issued = app.wait_text("notice", lambda t: "已领用" in t).split("单号")[1].strip(" ×\n")
    assert issued.startswith("HL-"), issued
    row = row_text(app, "HC-0001", lambda t: "4.50" in t)
    assert stock_row(app, "HC-0001").get_attribute("data-low") == "yes", row
    assert app.wait.until(lambda d: stock_row(app, "HC-0001").find_element(By.CSS_SELECTOR, '[data-testid="cons-item-qty"]').text.startswith("3"))

    # More than the stock is refused, naming the item and what is there; nothing changes.
    app.click("cons-issue")
    app.type("c-item", "中性笔")
    app.type("c-qty", "4")
    app.type("c-dept", "行政部")
    app.click("cons-submit")
    message = app.wait_text("cons-error", lambda t: "库存仅" in t)
    assert "HC-0001" in message and "库存仅 3支" in message and "不能领用 4支" in message, message
    app.find("c-qty").send_keys(Keys.ESCAPE)
    app.wait.until(lambda d: not app.find_all("cons-dialog"))
    row_text(app, "HC-0001", lambda t: "4.50" in t)

    # The item's ledger lists the receipt and the issue with the balance each left, and
    # the statistics count the issue for the department.
    stock_row(app, "HC-0001").find_element(By.CSS_SELECTOR, '[data-testid="cons-item-ledger"]').click()
    assert app.text_of("cons-moves-item").startswith("HC-0001")
    move = app.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f'[data-testid="cons-move"][data-doc="{issued}"]'))
    assert move.find_element(By.CSS_SELECTOR, '[data-testid="cons-move-balance"]').text == "3 · 4.50"
    app.wait.until(lambda d: len(app.find_all("cons-move")) == 2)
    app.click("ctab-stats")
    stats_row = app.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, '[data-testid="cons-stats-row"][data-key="行政部"]'))
    assert "7" in stats_row.text and "10.50" in stats_row.text, stats_row.text
    assert app.wait_text("cons-stats-total", lambda t: t == "10.50")
    bars = app.find("cons-stats-chart").find_elements(By.CSS_SELECTOR, ".bar-label")
    assert [b.get_attribute("title") for b in bars] == ["行政部"], "one bar per department"
    app.click("export")
    exported = app.wait_text("notice", lambda t: "已导出" in t).split("行到 ")[1].rstrip("×").strip()
    # Split by month: a second chart of the amount per month.
    from datetime import date
    from selenium.webdriver.support.ui import Select
    Select(app.find("cons-stats-period")).select_by_value("month")
    month = date.today().strftime("%Y-%m")
    app.wait.until(lambda d: [b.get_attribute("title") for b in app.find("cons-stats-period-chart").find_elements(By.CSS_SELECTOR, ".bar-label")] == [month])
    import openpyxl
    rows = list(openpyxl.load_workbook(exported).active.iter_rows(values_only=True))
    assert rows[1][1] == "行政部" and rows[1][2] == 7 and rows[1][3] == 10.5, rows

    # Home reminds of the low stock and leads back to the consumables page.
    app.click("nav-home")
    assert app.wait_text("tile-low-stock", lambda t: "耗材库存不足" in t and "1" in t)
    assert "中性笔 剩 3支" in app.text_of("low-stock-list")
    app.click("tile-low-stock")
    app.find("consumables-page")


def test_a_mistaken_issue_is_voided_its_slip_prints_and_the_budget_is_planned(launch, data_dir):
    import subprocess

    app = launch(data_dir)
    set_up_ledger(app)
    app.click("nav-consumables")
    fill(app, "cons-new-item", "HC-0001", name="A4复印纸", kind="办公用纸", unit="包")
    fill(app, "cons-receive", "已入库", item="A4复印纸", qty="10", price="24.00")
    issued = fill(app, "cons-issue", "已领用", item="HC-0001", qty="4", dept="教务处").split("单号")[1].strip(" ×\n")
    row_text(app, "HC-0001", lambda t: "144.00" in t)

    # The slip prints with the item, the quantity and the signature lines.
    app.click("ctab-moves")
    move = app.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f'[data-testid="cons-move"][data-doc="{issued}"]'))
    move.find_element(By.CSS_SELECTOR, '[data-testid="cons-move-print"]').click()
    app.wait.until(lambda d: app.find_all("preview-page"))
    app.click("preview-save")
    pdf = app.wait_text("notice", lambda t: "单据已保存为" in t).split("单据已保存为")[1].rstrip("×").strip()
    printed = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout
    assert "耗材领用单" in printed and issued in printed and "教务处" in printed and "领用人签字" in printed, printed

    # Voiding it (with a reason) puts the four packs back at their cost.
    move.find_element(By.CSS_SELECTOR, '[data-testid="cons-move-void"]').click()
    app.click("cons-submit")
    assert "原因" in app.wait_text("cons-error", lambda t: t != ""), "a void needs a reason"
    app.type("c-reason", "部门开错了")
    app.click("cons-submit")
    app.wait_text("notice", lambda t: "已冲销" in t and "HZ-" in t)
    app.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f'[data-testid="cons-move"][data-doc="{issued}"]').get_attribute("class").split().count("inactive"))
    app.click("ctab-stock")
    row_text(app, "HC-0001", lambda t: "240.00" in t)

    # An issue today feeds the budget: 3 packs forecast at 24.00; planning 10 makes it 240.00.
    fill(app, "cons-issue", "已领用", item="HC-0001", qty="3", dept="教务处")
    app.click("ctab-budget")
    assert app.wait_text("cons-budget-total", lambda t: t == "72.00")
    app.type("cons-budget-qty", "10")
    app.find("cons-budget-qty").send_keys(Keys.ENTER)
    assert app.wait_text("cons-budget-total", lambda t: t == "240.00")
    assert "overridden" in app.find("cons-budget-row").get_attribute("class").split()
