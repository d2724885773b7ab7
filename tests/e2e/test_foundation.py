"""First run, adding an asset through the form, finding it, and a restart."""
from selenium.webdriver.common.keys import Keys

from conftest import App

PASSWORD = "secret-123"


def set_up_ledger(app: App, org: str = "示例单位", admin: str = "admin") -> None:
    app.type("setup-org", org)
    app.type("setup-admin", admin)
    app.type("setup-password", PASSWORD)
    app.type("setup-password2", PASSWORD)
    app.click("setup-submit")
    app.wait_text("current-user", lambda t: admin in t)


def add_asset(app: App, name: str, category: str, dept: str, value: str, model: str = "", code_starts: str = "ZC-") -> str:
    app.click("nav-ledger")
    app.click("ledger-add")
    app.type("f-name", name)
    app.type("f-category", category)
    if model:
        app.type("f-model", model)
    app.type("f-dept", dept)
    app.type("f-value", value)
    app.click("f-save")
    app.find("asset-card")
    return app.wait_text("card-code", lambda t: t.startswith(code_starts))


def test_first_run_setup_then_add_find_and_survive_a_restart(launch, data_dir):
    app = launch(data_dir)
    set_up_ledger(app)
    assert app.text_of("org-name") == "示例单位"
    assert (data_dir / "ledger.sqlite3").is_file(), "the ledger is a real file in the chosen folder"

    laptop = add_asset(app, "联想笔记本电脑", "电脑", "行政部", "6,999.50", model="T14")
    assert app.text_of("card-name") == "联想笔记本电脑"
    assert app.text_of("card-value") == "6,999.50"
    assert app.text_of("card-status") == "在库"
    history = app.text_of("history")
    assert "资产新增" in history and "admin" in history

    printer = add_asset(app, "激光打印机", "办公设备", "财务部", "1200")
    assert printer != laptop

    app.click("nav-ledger")
    app.wait.until(lambda d: set(app.row_codes()) == {laptop, printer})
    assert "2" in app.text_of("ledger-count")

    app.type("ledger-search", "电脑")
    app.wait.until(lambda d: app.row_codes() == [laptop])
    app.type("ledger-search", "财务")
    app.wait.until(lambda d: app.row_codes() == [printer])
    app.type("ledger-search", "没有这个")
    app.find("ledger-empty")
    app.quit()

    # A restart opens the same ledger: log in and the assets are all there.
    app = launch(data_dir)
    app.type("login-user", "admin")
    app.type("login-password", PASSWORD + Keys.ENTER, clear=True)
    app.wait_text("current-user", lambda t: "admin" in t)
    app.click("nav-ledger")
    app.wait.until(lambda d: set(app.row_codes()) == {laptop, printer})
    app.type("ledger-search", laptop)
    app.wait.until(lambda d: app.row_codes() == [laptop])
    app.type("ledger-search", Keys.ENTER, clear=False)
    assert app.wait_text("card-code", lambda t: t == laptop)


def test_wrong_password_and_missing_fields_are_explained(launch, data_dir):
    app = launch(data_dir)
    set_up_ledger(app)
    app.click("nav-ledger")
    app.click("ledger-add")
    app.type("f-value", "-5")
    app.click("f-save")
    message = app.wait_text("form-error", lambda t: t)
    assert "资产名称" in message and "资产类别" in message, message

    app.type("f-name", "椅子")
    app.type("f-category", "家具")
    app.click("f-save")
    message = app.wait_text("form-error", lambda t: "负数" in t)
    assert message.startswith("原值"), message
    app.quit()

    app = launch(data_dir)
    app.type("login-user", "admin")
    app.type("login-password", "not-the-password" + Keys.ENTER)
    assert app.wait_text("login-error", lambda t: t) == "用户名或密码错误"


def test_english_is_one_click_away_and_errors_follow_the_language(launch, data_dir):
    app = launch(data_dir)
    set_up_ledger(app)
    app.click("switch-lang")
    app.wait_text("nav-ledger", lambda t: t == "Ledger")
    app.click("nav-ledger")
    app.click("ledger-add")
    app.type("f-name", "Desk")
    app.type("f-category", "Furniture")
    app.type("f-acquired", "2025-02-30")
    app.click("f-save")
    assert "is not a date" in app.wait_text("form-error", lambda t: t)


def test_registers_can_be_added_renamed_and_deactivated(launch, data_dir):
    app = launch(data_dir)
    set_up_ledger(app)
    app.click("nav-system")
    app.click("tab-dept")
    app.type("register-new", "信息中心")
    app.click("register-add")
    app.wait_text("register-table", lambda t: "信息中心" in t)
    table = app.find("register-table")
    row = next(r for r in table.find_elements("css selector", "tbody tr") if "信息中心" in r.text)
    row.find_element("xpath", ".//button[contains(., '停用')]").click()

    def deactivated(_):
        rows = app.find("register-table").find_elements("css selector", "tbody tr")
        return any("信息中心" in r.text and "inactive" in r.get_attribute("class") for r in rows)

    app.wait.until(deactivated)


def test_advanced_filters_narrow_the_list_by_value_and_custodian(launch, data_dir):
    app = launch(data_dir)
    set_up_ledger(app)
    cheap = add_asset(app, "椅子", "家具", "行政部", "300")
    dear = add_asset(app, "服务器", "电脑", "信息中心", "52000")
    app.click("nav-ledger")
    app.wait.until(lambda d: set(app.row_codes()) == {cheap, dear})
    app.click("advanced-toggle")
    app.type("adv-min", "1000")
    app.wait.until(lambda d: app.row_codes() == [dear])
    app.type("adv-min", "")
    app.type("adv-max", "1000")
    app.wait.until(lambda d: app.row_codes() == [cheap])
