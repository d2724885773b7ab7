"""The clerk's first hour (issue 27): what a new user trips over, in the real app."""
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from test_documents import select_row
from test_foundation import add_asset, set_up_ledger


def value_of(app, testid: str) -> str:
    return app.find(testid).get_attribute("value")


def wait_value(app, testid: str, expected: str) -> str:
    return app.wait.until(lambda d: value_of(app, testid) == expected and expected)


def active_testid(app) -> str:
    return app.driver.switch_to.active_element.get_attribute("data-testid") or ""


def test_salvage_default_is_a_real_value_from_the_category_else_the_ledger_and_is_saved(launch, data_dir):
    app = launch(data_dir)
    set_up_ledger(app)
    app.click("nav-system")
    app.click("section-settings")
    app.type("s-default-salvage", "5%")
    app.click("s-save")
    app.wait_text("notice", lambda t: "参数已保存" in t)

    app.click("nav-value")
    app.type("defaults-category", "家具")
    app.type("defaults-life", "10")
    app.type("defaults-salvage-rate", "3%")
    app.click("defaults-save")
    app.wait_text("value-defaults", lambda t: "家具" in t)

    # No category yet: the ledger's 5% is in the field as a value, not a placeholder.
    app.click("nav-ledger")
    app.click("ledger-add")
    wait_value(app, "f-salvage-rate", "5%")
    assert not app.find("f-salvage-rate").get_attribute("placeholder")
    app.type("f-name", "会议桌")
    app.type("f-category", "家具")
    wait_value(app, "f-salvage-rate", "3%")
    assert value_of(app, "f-life") == "10"
    assert "家具" in app.find("f-salvage-rate").find_element(By.XPATH, "..").text
    app.type("f-value", "2000")
    app.click("f-save")
    assert app.wait_text("card-salvage", lambda t: t.strip()) == "3%"

    # A category without defaults gets the ledger's rate, saved as shown.
    add_asset(app, "台式电脑", "电脑", "行政部", "4599")
    assert app.wait_text("card-salvage", lambda t: t.strip()) == "5%"
    # Item 12: the card names exactly what depreciation lacks, and no plan beside it.
    assert app.wait_text("schedule-none", lambda t: "缺少" in t) == "缺少使用年限，不计提折旧；请在卡片上补填"
    assert not app.find_all("schedule-summary")

    # The clerk's own entry wins over the category's.
    app.click("nav-ledger")
    app.click("ledger-add")
    # The ledger's default arrives first (asynchronously): typing before it would append to it.
    wait_value(app, "f-salvage-rate", "5%")
    app.type("f-name", "书柜")
    app.type("f-salvage-rate", "0%")
    app.type("f-category", "家具")
    wait_value(app, "f-life", "10")
    assert value_of(app, "f-salvage-rate") == "0%"
    app.click("f-save")
    assert app.wait_text("card-salvage", lambda t: t.strip()) == "0%"


def test_a_validation_error_clears_as_the_fields_are_filled(launch, data_dir):
    app = launch(data_dir)
    set_up_ledger(app)
    app.click("nav-ledger")
    app.click("ledger-add")
    app.find("f-name")
    app.click("f-save")
    assert "名称" in app.wait_text("form-error", lambda t: "类别" in t)
    invalid = lambda testid: "invalid" in app.find(testid).find_element(By.XPATH, "..").get_attribute("class")
    assert invalid("f-name") and invalid("f-category")
    app.type("f-name", "会议桌")
    # Only what is still empty is named and marked.
    text = app.wait_text("form-error", lambda t: "名称" not in t)
    assert "类别" in text
    assert not invalid("f-name") and invalid("f-category")
    app.type("f-category", "家具")
    app.wait.until(lambda d: not app.find_all("form-error"))
    assert not invalid("f-category")

    code = add_asset(app, "笔记本电脑", "电脑", "行政部", "5000")
    app.click("nav-ledger")
    select_row(app, code)
    app.click("act-issue")
    app.click("doc-submit")
    app.wait_text("doc-error", lambda t: "领用人" in t)
    app.type("d-person", "张三")
    app.wait.until(lambda d: not app.find_all("doc-error"))


def test_a_dialog_takes_the_focus_keeps_it_and_closes_on_esc(launch, data_dir):
    app = launch(data_dir)
    set_up_ledger(app)
    code = add_asset(app, "笔记本电脑", "电脑", "行政部", "5000")
    app.click("nav-ledger")
    select_row(app, code)

    # Opened with the mouse: the first field has the focus, so typing lands there.
    app.click("act-issue")
    app.find("doc-dialog")
    app.wait.until(lambda d: active_testid(app) == "d-person")
    app.driver.switch_to.active_element.send_keys("张三")
    assert value_of(app, "d-person") == "张三"

    # Tab cycles inside the dialog, never to the page behind it.
    seen = []
    for _ in range(12):  # every field and button of the dialog, 保存并打印 included
        app.driver.switch_to.active_element.send_keys(Keys.TAB)
        inside = app.driver.execute_script("return !!document.activeElement.closest('[data-testid=doc-dialog]')")
        assert inside, f"Tab left the dialog for {active_testid(app)!r}"
        seen.append(active_testid(app))
    assert "doc-submit" in seen and "d-person" in seen, seen
    app.driver.switch_to.active_element.send_keys(Keys.SHIFT, Keys.TAB)
    assert app.driver.execute_script("return !!document.activeElement.closest('[data-testid=doc-dialog]')")

    # Esc closes it straight away, without a click first, and posts nothing.
    app.driver.switch_to.active_element.send_keys(Keys.ESCAPE)
    app.wait.until(lambda d: not app.find_all("doc-dialog"))
    assert app.find_all("selection-bar"), "Esc closed the dialog, not the selection"

    # Enter moves on and posts from the last field; the ledger shows the new state.
    app.click("act-issue")
    app.wait.until(lambda d: active_testid(app) == "d-person")
    app.driver.switch_to.active_element.send_keys("张三")
    for field in ["d-person", "d-dept", "d-location", "d-date", "d-notes"]:
        app.wait.until(lambda d: active_testid(app) == field)
        app.driver.switch_to.active_element.send_keys(Keys.ENTER)
    app.wait_text("notice", lambda t: "已办理" in t)
    app.wait.until(lambda d: not app.find_all("doc-dialog"))


def prepare_ledger(data_dir, rows: int = 80):
    """A ledger of `rows` assets (alternately 家具 and 电脑), imported with the CLI."""
    from test_stocktake import cli

    cli(data_dir, "init", "--admin", "admin", "--company", "示例单位")
    sheet = data_dir.parent / "assets.csv"
    lines = ["资产编码,资产名称,资产类别,使用部门,原值"]
    lines += [f"ZC-L-{i:04d},椅子{i},{'家具' if i % 2 == 0 else '电脑'},行政部,{100 + i}" for i in range(1, rows + 1)]
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    cli(data_dir, "import", str(sheet))


def test_the_ledger_keeps_filter_sort_search_and_scroll_after_a_card_and_other_pages(launch, data_dir):
    from test_stocktake import log_in

    prepare_ledger(data_dir)
    app = launch(data_dir)
    log_in(app)
    app.click("nav-ledger")
    app.wait.until(lambda d: len(app.row_codes()) > 5)
    app.type("ledger-search", "椅子")
    app.wait_text("ledger-count", lambda t: "80" in t)
    app.find("filter-category").find_element(By.CSS_SELECTOR, 'option[value="家具"]').click()
    app.wait_text("ledger-count", lambda t: "40" in t)
    app.click("sort-value")
    app.click("sort-value")  # descending
    app.wait.until(lambda d: app.row_codes()[:1] == ["ZC-L-0080"])
    scroller = app.driver.find_element(By.CSS_SELECTOR, '[data-testid="ledger-table"] .vbody')
    app.driver.execute_script("arguments[0].scrollTop = 600", scroller)
    app.wait.until(lambda d: "ZC-L-0080" not in app.row_codes() and app.row_codes())
    scrolled_to = app.driver.execute_script("return arguments[0].scrollTop", scroller)
    assert scrolled_to > 0
    first_visible = app.wait.until(lambda d: d.execute_script(
        "const b = arguments[0].getBoundingClientRect(); const r = [...document.querySelectorAll('[data-testid=asset-row]')]"
        ".find(r => r.getBoundingClientRect().top >= b.top && r.dataset.code); return r && r.dataset.code", scroller))

    def still_as_left():
        # The category options arrive from the backend; the kept choice is selected then.
        app.wait.until(lambda d: app.find("filter-category").get_attribute("value") == "家具")
        assert value_of(app, "ledger-search") == "椅子"
        app.wait_text("ledger-count", lambda t: "40" in t)
        assert "▼" in app.text_of("sort-value")
        box = app.driver.find_element(By.CSS_SELECTOR, '[data-testid="ledger-table"] .vbody')
        app.wait.until(lambda d: d.execute_script("return arguments[0].scrollTop", box) == scrolled_to)
        app.wait.until(lambda d: d.execute_script(
            "const b = arguments[0].getBoundingClientRect(); const r = [...document.querySelectorAll('[data-testid=asset-row]')]"
            ".find(r => r.getBoundingClientRect().top >= b.top && r.dataset.code); return r && r.dataset.code", box) == first_visible)

    # Open a card (pick the row, Enter) and come back with 返回台账.
    app.driver.find_element(By.CSS_SELECTOR, f'[data-testid="asset-row"][data-code="{first_visible}"]').click()
    ActionChains(app.driver).send_keys(Keys.ENTER).perform()
    app.wait_text("card-code", lambda t: t == first_visible)
    app.click("card-back")
    still_as_left()

    # Another page and back through the navigation.
    app.click("nav-documents")
    app.click("nav-ledger")
    still_as_left()


def test_the_selection_bar_offers_only_what_the_selection_may_take_and_says_why(launch, data_dir):
    app = launch(data_dir)
    set_up_ledger(app)
    used = add_asset(app, "笔记本电脑", "电脑", "行政部", "5000")
    stock = add_asset(app, "台式电脑", "电脑", "行政部", "4599")
    app.click("nav-ledger")
    select_row(app, used)
    post_issue = lambda: (app.click("act-issue"), app.type("d-person", "张三"), app.click("doc-submit"), app.wait_text("notice", lambda t: "已办理" in t))
    post_issue()

    offered = lambda: sorted(b.get_attribute("data-testid")[4:] for b in app.find_all("selection-bar")[0].find_elements(By.CSS_SELECTOR, '[data-testid^="act-"]') if b.get_attribute("data-testid") != "act-print-labels")
    # One in use: what the card offers, no more.
    select_row(app, used)
    app.wait.until(lambda d: "return" in offered())
    assert offered() == sorted(["return", "transfer", "fault", "scrap", "write-off"]), offered()
    app.click("selection-why")
    why = app.text_of("why-issue")
    assert f"资产 {used} 当前在用" in why and "不能领用" in why, why

    # Both (Ctrl+click): only a transfer suits one in use and one in stock.
    app.type("ledger-search", "")
    app.wait.until(lambda d: stock in app.row_codes())
    row = app.driver.find_element(By.CSS_SELECTOR, f'[data-testid="asset-row"][data-code="{stock}"]')
    ActionChains(app.driver).key_down(Keys.CONTROL).click(row).key_up(Keys.CONTROL).perform()
    app.wait_text("selection-bar", lambda t: "2" in t)
    app.wait.until(lambda d: offered() == ["fault", "scrap", "transfer", "write-off"])
    app.click("selection-why")
    loan_return = app.text_of("why-loan-return")
    # The state is said once, not again as the remedy.
    assert f"资产 {stock} 当前在库，不能归还" in loan_return, loan_return
    assert loan_return.count("在库") == 1, loan_return


def test_stocktake_plan_dates_are_iso_and_today_and_typed_codes_are_manual(launch, data_dir):
    import datetime

    from test_stocktake import log_in, prepare

    prepare(data_dir)
    app = launch(data_dir)
    log_in(app)
    today = datetime.date.today().isoformat()
    app.click("nav-stocktake")
    app.click("st-new")
    # Real values in the ledger's own date format, not a locale's 12/06/2026 placeholder.
    assert value_of(app, "st-plan-start") == today and value_of(app, "st-plan-end") == today
    assert app.find("st-plan-start").get_attribute("type") == "text"
    app.type("st-plan-end", "2099-01-31")
    app.type("st-name", "年末盘点")
    app.click("st-save-draft")
    assert f"{today} ~ 2099-01-31" in app.wait_text("st-table", lambda t: "年末盘点" in t)

    app.click("st-new")
    app.type("st-name", "行政部盘点")
    app.find("st-dept").find_element(By.CSS_SELECTOR, 'option[value="行政部"]').click()
    app.click("st-create")
    app.find("st-run")
    # WebDriver types as fast as a scanner: in the manual field it is still 手工.
    app.type("manual-code", "ZC-E2E-0001" + Keys.ENTER)
    app.wait.until(lambda d: app.find("verdict-banner").get_attribute("data-verdict") == "found")
    row = app.wait.until(lambda d: app.find_all("scan-row") and app.find_all("scan-row")[0])
    cells = [td.text for td in row.find_elements(By.TAG_NAME, "td")]
    assert cells[1] == "ZC-E2E-0001" and cells[-1] == "手工", cells


def test_the_import_wizard_previews_mapped_rows_says_why_it_waits_and_resets(launch, data_dir, tmp_path):
    app = launch(data_dir)
    set_up_ledger(app)
    sheet = tmp_path / "旧台账.csv"
    sheet.write_text("资产编号,资产名称,资产类别,使用部门,原值,使用状况\nA-001,联想电脑,电脑,行政部,5200,在用\nA-002,打印机,办公设备,财务部,1800,损坏\n", encoding="utf-8")
    # Item 10: an empty ledger's Home says where to start, with the import one click away.
    app.click("nav-home")
    assert "台账还是空的" in app.text_of("home-empty")
    app.click("home-empty-import")
    # Our own Chinese chooser, not the WebView's English "Choose File".
    assert app.text_of("import-choose") == "选择文件…"
    assert app.text_of("import-file-name") == "未选择文件"
    app.find("import-file").send_keys(str(sheet))
    app.wait_text("import-file-name", lambda t: t == "旧台账.csv")

    # The mapped data as it will land, before anything is written.
    sample = app.wait_text("import-sample", lambda t: "打印机" in t)
    assert "资产名称" in sample and "联想电脑" in sample and "维修中" in sample, sample
    assert len(app.find_all("import-sample-row")) == 2

    # 开始导入 waits for the new registers to be confirmed, and says so.
    assert not app.find("import-run").is_enabled()
    assert "确认新建" in app.text_of("import-blocked")
    app.click("import-confirm-new")
    app.wait.until(lambda d: app.find("import-run").is_enabled() and not app.find_all("import-blocked"))
    app.click("import-run")
    assert "导入 2 项" in app.wait_text("import-result", lambda t: "导入" in t)
    # The result stays; the wizard is ready for the next file.
    app.wait.until(lambda d: not app.find_all("import-sample") and not app.find_all("import-summary"))
    assert app.text_of("import-file-name") == "未选择文件"

    # 损坏 became 维修中, and Home counts it as a fault waiting for repair.
    app.click("nav-home")
    app.wait.until(lambda d: app.find("tile-faults").find_element(By.CSS_SELECTOR, ".tile-value").text == "1")
    assert not app.find_all("home-empty") and not app.find_all("status-totals"), "no status table repeating the pie"
    trend = app.find("chart-trend").find_element(By.CSS_SELECTOR, "svg").get_attribute("aria-label")
    this_month = __import__("datetime").date.today().strftime("%Y-%m")
    assert f"登记入账: " in trend and f"{this_month} 2" in trend, f"today's 2 imported assets are registrations this month: {trend}"


def test_the_labels_page_reads_in_chinese_and_its_active_tab_is_visible(launch, data_dir):
    app = launch(data_dir)
    set_up_ledger(app)
    app.click("nav-labels")
    tab = app.find("labels-tab-templates")
    assert tab.get_attribute("aria-selected") == "true"
    # The active tab's text is the accent colour on the page, not white on near-white.
    color = app.driver.execute_script("return getComputedStyle(arguments[0]).color", tab)
    assert color not in ("rgb(255, 255, 255)", "rgba(255, 255, 255, 1)"), color
    app.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, '[data-testid="tpl-item"][data-name="50x30-code128"]')).click()
    app.wait.until(lambda d: value_of(app, "t-description").startswith("50 × 30 mm 卷标"))
    # The template import is a chooser: no path to type.
    assert not app.find_all("tpl-import-path")
    assert app.find("tpl-import-file").get_attribute("type") == "file"
    assert app.text_of("tpl-import") == "导入模板文件…"
