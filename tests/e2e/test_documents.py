"""Lifecycle documents through the UI: issue, return, transfer, scrap, dispose; the
history timeline; a void; and the exported workbook read back."""
from pathlib import Path

import openpyxl
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from test_foundation import add_asset, set_up_ledger


def select_row(app, code: str):
    # The ledger keeps its search for the session: look the asset up rather than hope.
    app.type("ledger-search", code)
    app.wait.until(lambda d: app.row_codes() == [code])
    app.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f'[data-testid="asset-row"][data-code="{code}"]').click() or True)
    app.find("selection-bar")


def post(app, kind: str, fields: dict[str, str]) -> str:
    app.click(f"act-{kind}")
    app.find("doc-dialog")
    for field, value in fields.items():
        el = app.find(f"d-{field}")
        if el.tag_name == "select":
            el.find_element(By.CSS_SELECTOR, f'option[value="{value}"]').click()
        else:
            app.type(f"d-{field}", value)
    app.click("doc-submit")
    return app.wait_text("notice", lambda t: "已办理" in t).split("已办理")[1].strip().split()[0].rstrip("×").strip()


def card_status(app, code: str) -> str:
    app.click("nav-ledger")
    app.type("ledger-search", code)
    app.wait.until(lambda d: app.row_codes() == [code])
    app.type("ledger-search", Keys.ENTER, clear=False)
    return app.wait_text("card-status", lambda t: t)


def test_an_asset_lives_its_whole_life_through_the_ui(launch, data_dir):
    app = launch(data_dir)
    set_up_ledger(app)
    code = add_asset(app, "联想笔记本电脑", "电脑", "行政部", "6999.50")
    other = add_asset(app, "台式电脑", "电脑", "行政部", "4599")

    app.click("nav-ledger")
    select_row(app, code)
    issued = post(app, "issue", {"person": "张三"})
    assert issued.startswith("LY-"), issued
    assert card_status(app, code) == "在用"

    app.click("nav-ledger")
    select_row(app, code)
    post(app, "return", {})
    assert card_status(app, code) == "在库"

    app.click("nav-ledger")
    select_row(app, code)
    post(app, "transfer", {"dept": "信息中心", "location": "机房"})
    app.click("nav-ledger")
    select_row(app, code)
    post(app, "scrap", {"reason": "使用年限已满"})
    assert card_status(app, code) == "已报废"

    # From the card, only what the state allows is offered: a scrapped asset can be
    # disposed of or written off, not issued.
    app.find("card-actions")
    assert not app.find_all("card-act-issue")
    app.click("card-act-dispose")
    app.find("d-method").find_element(By.CSS_SELECTOR, 'option[value="sale"]').click()
    app.type("d-amount", "120.50")
    app.click("doc-submit")
    assert app.wait_text("card-status", lambda t: t == "已处置")
    history = app.wait_text("history", lambda t: "处置" in t)
    for kind in ["资产新增", "领用出库", "退库", "调拨", "报废", "处置"]:
        assert kind in history, f"{kind} missing from the timeline: {history}"

    # An illegal document is not offered; the bar says why, with the asset, its state
    # and what to do (the backend's refusal, as posting it would say).
    app.click("nav-ledger")
    select_row(app, other)
    post(app, "loan", {"person": "李四", "due": "2099-01-01"})
    app.click("nav-ledger")
    select_row(app, other)
    app.find("act-loan-return")
    assert not app.find_all("act-issue")
    app.click("selection-why")
    assert app.text_of("why-issue") == f"领用：资产 {other} 当前借出，不能领用出库；请先办理归还"


def test_a_mistaken_issue_is_voided_from_its_document(launch, data_dir):
    app = launch(data_dir)
    set_up_ledger(app)
    code = add_asset(app, "投影仪", "教学设备", "教务处", "5600")
    app.click("nav-ledger")
    select_row(app, code)
    issued = post(app, "issue", {"person": "赵六"})
    app.click("nav-documents")
    app.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f'[data-doc="{issued}"]'))
    app.driver.find_element(By.CSS_SELECTOR, f'[data-doc="{issued}"] button').click()
    app.click("doc-void")
    app.type("void-reason", "领用人填错")
    app.click("void-confirm")
    assert app.wait_text("doc-state", lambda t: "已冲销" in t)
    assert card_status(app, code) == "在库"


def test_the_filtered_list_exports_to_a_workbook(launch, data_dir, tmp_path):
    app = launch(data_dir)
    set_up_ledger(app)
    add_asset(app, "联想笔记本电脑", "电脑", "行政部", "6999.50")
    add_asset(app, "办公桌", "家具", "财务部", "860")
    app.click("nav-ledger")
    app.type("ledger-search", "电脑")
    app.wait.until(lambda d: len(app.row_codes()) == 1)
    app.click("export")
    message = app.wait_text("notice", lambda t: "已导出" in t)
    path = Path(message.split("行到 ")[1].rstrip("×").strip())
    assert path.parent == Path(app.export_dir)
    sheet = openpyxl.load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("资产编码", "资产名称", "类别")
    assert len(rows) == 2, "the export holds exactly what the screen shows"
    assert rows[1][1] == "联想笔记本电脑"
    assert rows[1][9] == 6999.5


def test_a_transfer_waits_for_confirmation_when_the_setting_says_so(launch, data_dir):
    app = launch(data_dir)
    set_up_ledger(app)
    code = add_asset(app, "投影仪", "教学设备", "教务处", "5600")
    app.click("nav-system")
    app.click("section-settings")
    app.click("s-transfer-confirm")
    app.click("s-save")
    app.wait_text("notice", lambda t: "参数已保存" in t)

    app.click("nav-ledger")
    select_row(app, code)
    transfer = post(app, "transfer", {"dept": "信息中心"})
    app.click("nav-documents")
    app.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f'[data-doc="{transfer}"]'))
    app.driver.find_element(By.CSS_SELECTOR, f'[data-doc="{transfer}"] button').click()
    assert "待确认" in app.wait_text("doc-state", lambda t: t)
    app.click("doc-confirm")
    assert app.wait_text("doc-state", lambda t: "有效" in t)
    app.click("nav-ledger")
    app.click("filter-dept")
    app.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, '[data-testid="filter-dept"] option[value="信息中心"]')).click()
    app.wait.until(lambda d: app.row_codes() == [code])
