"""Lifecycle documents through the UI: issue, return, transfer, scrap, dispose; the
history timeline; a void; and the exported workbook read back."""
from pathlib import Path

import openpyxl
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

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


# ---- issue 20: the list's filters, 续借, Home's on-books totals (the ledger set up by the CLI) ----

def set_value(app, testid: str, value: str) -> None:
    """Types into a date input the way the WebView's own picker does: value, then input."""
    el = app.find(testid)
    app.driver.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}))", el, value)


def listed(app) -> set[str]:
    return {r.get_attribute("data-doc") for r in app.find_all("doc-row")}


def wait_listed(app, expected: set[str]) -> None:
    try:
        app.wait.until(lambda d: listed(app) == expected)
    except Exception:
        raise AssertionError(f"listed {sorted(listed(app))}, expected {sorted(expected)}")


def test_the_documents_list_filters_by_dates_kind_department_person_and_state(launch, data_dir):
    import datetime
    import json

    from test_stocktake import cli, log_in

    today = datetime.date.today()
    month_ago, days_ago = (today - datetime.timedelta(days=30)).isoformat(), (today - datetime.timedelta(days=3)).isoformat()
    cli(data_dir, "init", "--admin", "admin", "--company", "示例单位")
    add = lambda name, dept: json.loads(cli(data_dir, "--json", "asset", "add", "--name", name, "--category", "电脑", "--dept", dept, "--value", "1000", "--acquired", month_ago))["code"]
    a, b, c = add("笔记本", "行政部"), add("台式机", "财务部"), add("显示器", "行政部")
    doc = lambda *args: json.loads(cli(data_dir, "--json", "doc", *args))["doc"]
    zhang = doc("issue", "--to", "张三", "--date", month_ago, a)  # a month ago, 行政部, 张三
    li = doc("issue", "--to", "李四", "--date", days_ago, b)  # three days ago, 财务部, 李四
    wang = doc("issue", "--to", "王五", c)  # today, 行政部, then voided
    cli(data_dir, "doc", "void", wang, "--reason", "领用人填错")
    app = launch(data_dir)
    log_in(app)
    app.click("nav-documents")
    app.click("dtab-issue")
    wait_listed(app, {zhang, li, wang})

    Select(app.find("docs-state")).select_by_value("voided")
    wait_listed(app, {wang})
    Select(app.find("docs-state")).select_by_value("posted")
    wait_listed(app, {zhang, li})
    Select(app.find("docs-state")).select_by_value("")

    app.type("docs-dept", "财务部")
    wait_listed(app, {li})
    app.type("docs-dept", "行政部")
    wait_listed(app, {zhang, wang})
    app.type("docs-person", "张三")
    wait_listed(app, {zhang})
    app.click("docs-clear")
    wait_listed(app, {zhang, li, wang})

    set_value(app, "docs-from", days_ago)
    wait_listed(app, {li, wang})
    set_value(app, "docs-to", days_ago)
    wait_listed(app, {li})
    assert "共 1" in app.text_of("docs-count"), app.text_of("docs-count")
    # The kind is a filter too: all kinds in that range also hold nothing else dated then.
    app.click("dtab-all")
    wait_listed(app, {li})
    set_value(app, "docs-to", "")
    set_value(app, "docs-from", today.isoformat())
    app.wait.until(lambda d: wang in listed(app) and li not in listed(app) and zhang not in listed(app))
    kinds = {r.find_elements(By.TAG_NAME, "td")[1].text for r in app.find_all("doc-row")}
    assert "领用出库" in kinds and "冲销" in kinds, kinds
    # The void of 王五's issue, and nothing else, is a 冲销 document dated today.
    voids = [d for d in json.loads(cli(data_dir, "--json", "doc", "list")) if d["kind"] == "void"]
    assert len(voids) == 1, voids
    app.click("dtab-void")
    wait_listed(app, {voids[0]["doc"]})


def test_a_loan_is_extended_and_shows_its_new_due_date(launch, data_dir):
    import datetime
    import json

    from test_stocktake import cli, log_in

    today = datetime.date.today()
    due, later = (today + datetime.timedelta(days=7)).isoformat(), (today + datetime.timedelta(days=37)).isoformat()
    cli(data_dir, "init", "--admin", "admin", "--company", "示例单位")
    code = json.loads(cli(data_dir, "--json", "asset", "add", "--name", "投影仪", "--category", "电教设备", "--dept", "教务处", "--value", "3200"))["code"]
    loan = json.loads(cli(data_dir, "--json", "doc", "loan", "--borrower", "王五", "--due", due, code))["doc"]
    app = launch(data_dir)
    log_in(app)
    app.click("nav-documents")
    app.click("dtab-loans")
    row = f'[data-testid="loan-row"][data-code="{code}"]'
    app.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f'{row} [data-testid="loan-due"]').text == due)
    assert loan in app.driver.find_element(By.CSS_SELECTOR, row).text

    app.click("loan-extend")
    set_value(app, "extend-due", later)
    app.click("extend-confirm")
    notice = app.wait_text("notice", lambda t: "XJ-" in t)
    assert code in notice and later in notice, notice
    app.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f'{row} [data-testid="loan-due"]').text == later)
    # Still so after leaving the screen: it is the ledger's, not the screen's.
    app.click("dtab-all")
    app.click("dtab-loans")
    app.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f'{row} [data-testid="loan-due"]').text == later)
    history = [h["doc"] for h in json.loads(cli(data_dir, "--json", "asset", "show", code))["history"]]
    assert loan in history and any(h.startswith("XJ-") for h in history), history

    # A due date before today is refused with the reason; the loan keeps its due date.
    app.click("loan-extend")
    set_value(app, "extend-due", (today - datetime.timedelta(days=1)).isoformat())
    app.click("extend-confirm")
    app.wait_text("notice", lambda t: "归还日期" in t or "到期" in t)
    app.click("dtab-all")
    app.click("dtab-loans")
    app.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f'{row} [data-testid="loan-due"]').text == later)


def test_home_totals_count_on_books_assets_and_show_written_off_ones_apart(launch, data_dir):
    import json

    from test_stocktake import cli, log_in

    cli(data_dir, "init", "--admin", "admin", "--company", "示例单位")
    add = lambda name, value: json.loads(cli(data_dir, "--json", "asset", "add", "--name", name, "--category", "电脑", "--dept", "行政部", "--value", value))["code"]
    add("笔记本", "1000")
    add("台式机", "2000")
    lost = add("服务器", "40000")
    cli(data_dir, "doc", "write-off", "--reason", "lost", lost)
    app = launch(data_dir)
    log_in(app)
    app.click("nav-home")
    app.wait.until(lambda d: app.find("tile-total").find_element(By.CSS_SELECTOR, ".tile-value").text == "2")
    assert "3,000.00" in app.text_of("tile-value"), app.text_of("tile-value")
    off = app.find("tile-off-books")
    assert off.find_element(By.CSS_SELECTOR, ".tile-value").text == "1"
    assert "40,000.00" in off.text and "销账" in off.text, off.text
    # The category chart counts the books too.
    chart = app.find("chart-category").get_attribute("textContent")
    assert "3,000.00" in chart and "43,000.00" not in chart, chart
