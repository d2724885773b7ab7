"""Repairs and maintenance through the UI (issue 22): a supplier registered, a fault
reported from the asset card, the order walked through every state on the 维修 screen
(the asset 维修中 while out, back after), an out-of-warranty cost in the report, the
history on the card, and a maintenance plan that falls due on Home and leaves when done."""
import datetime

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from test_foundation import set_up_ledger


def step(app, action: str, notice: str, **fields) -> None:
    app.click(f"repair-act-{action}")
    app.find("repair-dialog")
    for field, value in fields.items():
        el = app.find(f"repair-{field}")
        if el.tag_name == "select":
            app.wait.until(lambda d: el.find_elements(By.CSS_SELECTOR, f'option[value="{value}"]'))
            el.find_element(By.CSS_SELECTOR, f'option[value="{value}"]').click()
        else:
            app.type(f"repair-{field}", value)
    app.click("repair-submit")
    app.wait_text("notice", lambda t: notice in t)
    app.wait.until(lambda d: not app.find_all("repair-dialog"))


def new_asset_from(app, name: str, supplier: str, hint: str) -> None:
    """A new asset whose supplier is typed on the form: the hint under the field says what
    saving does before it is saved, and the card shows the register's name after."""
    app.click("nav-ledger")
    app.click("ledger-add")
    app.type("f-name", name)
    app.type("f-category", "办公设备")
    app.type("f-supplier", supplier)
    app.wait_text("f-supplier-hint", lambda t: hint in t)
    app.click("f-save")
    app.wait_text("card-name", lambda t: t == name)
    assert app.text_of("card-supplier") == supplier


def test_an_order_walks_every_state_and_shows_on_the_card_report_and_home(launch, data_dir):
    app = launch(data_dir)
    set_up_ledger(app)

    # An asset whose warranty has ended: a repair of it is 过保.
    app.click("nav-ledger")
    app.click("ledger-add")
    app.type("f-name", "投影仪")
    app.type("f-category", "办公设备")
    app.type("f-dept", "行政部")
    app.type("f-value", "3,999.00")
    app.type("f-acquired", "2024-01-10")
    app.type("f-warranty", "12个月")
    app.click("f-save")
    code = app.wait_text("card-code", lambda t: t.startswith("ZC-"))
    assert app.text_of("card-warranty") == "2025-01-09", "12 months from the acquisition date"

    # The supplier register.
    app.click("nav-repairs")
    app.click("rtab-suppliers")
    app.type("supplier-name", "明视科技")
    app.type("supplier-phone", "010-8888")
    app.click("supplier-add")
    app.wait.until(lambda d: "明视科技" in app.text_of("supplier-table"))
    # Edited in place: the form takes its details, saving changes only them.
    app.click("supplier-edit-明视科技")
    app.wait.until(lambda d: app.find("supplier-phone").get_attribute("value") == "010-8888")
    app.type("supplier-phone", "010-6666")
    app.click("supplier-add")
    app.wait_text("notice", lambda t: "已保存" in t)
    app.wait.until(lambda d: "010-6666" in app.text_of("supplier-table") and "010-8888" not in app.text_of("supplier-table"))
    assert app.find("supplier-name").get_attribute("value") == "", "the form is back to adding"

    # The new-asset form takes its supplier from the register: a registered one shows its
    # contact as it is chosen; a new name is added to the register when the card is saved.
    new_asset_from(app, "幕布", "明视科技", hint="010-6666")
    new_asset_from(app, "激光笔", "新兴电子", hint="加入供应商登记")
    app.click("nav-repairs")
    app.click("rtab-suppliers")
    app.wait.until(lambda d: "新兴电子" in app.text_of("supplier-table"))

    # 报修 from the card.
    app.click("nav-ledger")
    app.type("ledger-search", code)
    app.wait.until(lambda d: app.row_codes() == [code])
    app.driver.find_element(By.CSS_SELECTOR, f'[data-testid="asset-row"][data-code="{code}"]').click()
    app.find("selection-bar")
    app.type("ledger-search", "\ue007", clear=False)  # Enter opens the card
    app.click("card-act-repair-open")
    assert app.find("repair-code").get_attribute("value") == code
    app.type("repair-fault", "灯泡不亮")
    app.click("repair-submit")
    order = app.wait_text("notice", lambda t: "已报修" in t).split("已报修：")[1].split()[0].rstrip("×")
    assert order.startswith("BX-"), order
    app.wait.until(lambda d: order in app.text_of("card-repairs"))
    assert app.text_of("card-status") == "在用" or app.text_of("card-status") == "在库", "reporting moves nothing"

    # Every state on the 维修 screen.
    app.click("nav-repairs")
    app.click("rtab-orders")
    row = app.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f'[data-testid="repair-row"][data-order="{order}"] td'))
    row.click()
    app.wait_text("repair-detail-state", lambda t: t == "报修")
    assert app.text_of("repair-detail-warranty") == "过保"
    step(app, "accept", "已受理")
    app.wait_text("repair-detail-state", lambda t: t == "受理")
    step(app, "send", "已送修", supplier="明视科技")
    app.wait_text("repair-detail-state", lambda t: t == "送修")
    step(app, "cost", "已登记费用", amount="1,250.50", invoice="FP-001")
    app.wait_text("repair-detail-cost", lambda t: t == "1,250.50")
    step(app, "complete", "维修完成", note="更换灯泡")
    step(app, "verify", "已验收")
    app.wait_text("repair-detail-state", lambda t: t == "验收")
    events = app.text_of("repair-events")
    for word in ["报修", "受理", "送修", "完成", "验收", "GZ-", "WX-"]:
        assert word in events, f"{word} missing from {events}"

    # The card: back in stock, the history shows the fault and repair documents and the order.
    app.driver.find_element(By.CSS_SELECTOR, '[data-testid="repair-detail"] button.link').click()
    app.wait_text("card-status", lambda t: t == "在库")
    history = app.text_of("history")
    assert "故障登记" in history and "故障维修" in history, history
    repairs_on_card = app.text_of("card-repairs")
    assert order in repairs_on_card and "验收" in repairs_on_card and "1,250.50" in repairs_on_card, repairs_on_card

    # The report: the out-of-warranty cost under its supplier.
    app.click("nav-repairs")
    app.click("rtab-report")
    by = app.find("rreport-by")
    by.find_element(By.CSS_SELECTOR, 'option[value="supplier"]').click()
    app.wait.until(lambda d: "明视科技" in app.text_of("rreport-table"))
    table = app.text_of("rreport-table")
    assert "1,250.50" in table, table
    # Printed like every other paper: through the print preview (a real PDF page drawn).
    app.click("rreport-print")
    app.find("print-preview")
    app.wait.until(lambda d: len(app.find_all("preview-page")) == 1)
    assert app.wait_text("preview-info", lambda t: "共 1 页" in t)
    app.type("preview-copies", Keys.ESCAPE, clear=False)
    app.wait.until(lambda d: not app.find_all("print-preview"))

    # A plan due in 5 days shows on Home, and leaves it when done.
    due = (datetime.date.today() + datetime.timedelta(days=5)).isoformat()
    app.click("rtab-maintenance")
    app.type("maint-title", "滤网清洁")
    app.type("maint-code", code)
    app.type("maint-every", "6")
    app.type("maint-first-due", due)
    app.click("maint-add")
    app.wait_text("notice", lambda t: "已添加保养计划" in t)
    app.click("nav-home")
    reminder = app.wait_text("maintenance-due", lambda t: "滤网清洁" in t)
    assert due in reminder, reminder
    app.click("reminder-maintenance")
    app.find("repairs-page")
    plan = app.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, '[data-testid="maint-due-row"]')).get_attribute("data-plan")
    # Stopped with its reason it leaves the due list and says so; resumed it is back.
    app.type(f"maint-stop-reason-{plan}", "设备停用")
    app.click(f"maint-stop-{plan}")
    app.wait_text("notice", lambda t: "已停用" in t)
    app.wait.until(lambda d: not app.find_all("maint-due-row"))
    row = app.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f'[data-testid="maint-plan-row"][data-plan="{plan}"]'))
    app.wait.until(lambda d: "已停用" in row.text)
    app.click(f"maint-resume-{plan}")
    app.wait_text("notice", lambda t: "已恢复" in t)
    app.wait.until(lambda d: app.find_all("maint-due-row"))
    # 修改: the form takes the plan; saving changes its interval, due date and who does it.
    later = (datetime.date.today() + datetime.timedelta(days=12)).isoformat()
    app.click(f"maint-edit-{plan}")
    app.wait.until(lambda d: app.find("maint-every").get_attribute("value") == "6" and app.find("maint-first-due").get_attribute("value") == due)
    assert not app.find("maint-code").is_enabled(), "what the plan is for stays"
    app.type("maint-every", "3")
    app.type("maint-first-due", later)
    app.find("maint-supplier").find_element(By.CSS_SELECTOR, 'option[value="明视科技"]').click()
    app.click("maint-add")
    app.wait_text("notice", lambda t: "已保存保养计划" in t)
    row = app.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f'[data-testid="maint-plan-row"][data-plan="{plan}"]'))
    app.wait.until(lambda d: later in row.text and "3 个月" in row.text and "明视科技" in row.text and due not in row.text)
    assert later in app.text_of("maint-due"), "the due list follows the edit"
    assert app.find("maint-title").get_attribute("value") == "", "the form is back to adding"
    app.type(f"maint-note-{plan}", "已清洁")
    app.click(f"maint-done-{plan}")
    app.wait_text("notice", lambda t: "已完成" in t)
    app.wait.until(lambda d: not app.find_all("maint-due-row"))
    app.click("nav-home")
    app.find("chart-status")
    app.wait.until(lambda d: not app.find_all("maintenance-due"))


def test_wrong_steps_are_refused_in_the_dialog_and_cannot_fix_offers_the_scrap(launch, data_dir):
    app = launch(data_dir)
    set_up_ledger(app)
    app.click("nav-ledger")
    app.click("ledger-add")
    app.type("f-name", "打印机")
    app.type("f-category", "办公设备")
    app.type("f-value", "1,200.00")
    app.click("f-save")
    code = app.wait_text("card-code", lambda t: t.startswith("ZC-"))
    app.click("card-act-repair-open")
    app.click("repair-submit")
    assert "请填写故障现象" in app.wait_text("repair-error", lambda t: t), "the fault is required"
    app.type("repair-fault", "卡纸")
    app.click("repair-submit")
    order = app.wait_text("notice", lambda t: "已报修" in t).split("已报修：")[1].split()[0].rstrip("×")

    app.click("nav-repairs")
    app.click("rtab-orders")
    app.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f'[data-testid="repair-row"][data-order="{order}"] td')).click()
    step(app, "accept", "已受理")
    # A capitalised cost (issue 21) posts a 改扩建 value-change document, linked from the cost.
    app.click("repair-act-cost")
    app.type("repair-amount", "300")
    app.find("repair-treatment").find_element(By.CSS_SELECTOR, 'option[value="capitalised"]').click()
    app.click("repair-submit")
    app.wait.until(lambda d: not app.find_all("repair-dialog"))
    assert app.wait_text("repair-detail-cost", lambda t: t == "300.00")
    assert app.wait_text("repair-cost-value-doc", lambda t: t.startswith("JZ-"))

    # Cannot be fixed: the scrap document opens filled in.
    step(app, "cannot_fix", "无法修复")
    dialog = app.find("doc-dialog")
    assert order in app.find("d-reason").get_attribute("value")
    app.click("doc-submit")
    app.wait_text("notice", lambda t: "已办理" in t)
    app.click("nav-ledger")
    app.type("ledger-search", code)
    app.wait.until(lambda d: app.row_codes() == [code])
    assert "已报废" in app.driver.find_element(By.CSS_SELECTOR, f'[data-testid="asset-row"][data-code="{code}"]').text
