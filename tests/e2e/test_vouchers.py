"""Issue 21 through the UI: a posted month's depreciation voucher on the 折旧 screen (a
missing expense account named, the account set, the balanced voucher equal to the
period's total, exported and read back), and the category tree with the GB/T 14885 seed.

Figures: 100,000.00 over 5 years with 4% salvage, acquired 2025-01-05 (enterprise: first
charged February): (100,000 − 4,000) / 60 = 1,600.00 a month."""
import openpyxl
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_foundation import set_up_ledger
from test_value import add_machine, open_value_page, period_row


def css(app, selector: str):
    return app.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, selector))


def test_the_voucher_names_a_missing_account_then_balances_and_exports(launch, data_dir):
    app = launch(data_dir)
    set_up_ledger(app)
    add_machine(app, "数控车床")
    open_value_page(app)
    assert app.wait_text("value-next", lambda t: t == "2025-02")
    app.click("value-preview")
    app.wait_text("value-total", lambda t: t == "1,600.00")
    app.click("value-post")
    period_row(app, "2025-02", "posted")

    # 生产部 has no expense account and there is no default: the voucher says which.
    assert "生产部" in app.wait_text("voucher-problem", lambda t: "费用科目" in t)
    assert not app.find_all("voucher-table")

    app.click("voucher-accounts-toggle")
    row = '[data-testid="voucher-dept"][data-dept="生产部"]'
    expense = css(app, f'{row} [data-testid="voucher-dept-expense"]')
    expense.clear()
    expense.send_keys("5101")
    css(app, f'{row} [data-testid="voucher-dept-centre"]').send_keys("CJ01")
    css(app, f'{row} [data-testid="voucher-dept-save"]').click()
    app.wait_text("notice", lambda t: "科目已保存" in t)

    table = app.find("voucher-table")
    assert table.get_attribute("data-balanced") == "yes"
    assert app.wait_text("voucher-debit-total", lambda t: t == "1,600.00")
    assert app.text_of("voucher-credit-total") == "1,600.00"
    assert app.text_of("value-summary-total") == "1,600.00", "the voucher carries the period's depreciation"
    debit = css(app, '[data-testid="voucher-line"][data-side="debit"]')
    assert "5101" in debit.text and "制造费用" in debit.text and "CJ01" in debit.text, debit.text
    credit = css(app, '[data-testid="voucher-line"][data-side="credit"]')
    assert credit.get_attribute("data-account") == "1602" and "累计折旧" in credit.text, credit.text

    app.click("voucher-export-xlsx")
    exported = app.wait_text("notice", lambda t: "已导出" in t).split("行到 ")[1].rstrip("×").strip()
    assert exported.endswith(".xlsx") and "折旧分配-2025-02" in exported, exported
    rows = list(openpyxl.load_workbook(exported).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("摘要", "科目代码", "科目名称"), rows[0]
    assert rows[1][1] == "5101" and rows[1][7] == 1600, rows[1]
    assert rows[2][1] == "1602" and rows[2][8] == 1600, rows[2]
    assert rows[-1][0] == "合计" and rows[-1][7] == rows[-1][8] == 1600, rows[-1]


def test_the_category_tree_is_seeded_and_grows_under_a_parent(launch, data_dir):
    app = launch(data_dir)
    set_up_ledger(app)
    app.click("nav-system")
    app.click("tab-category")
    app.click("category-seed")
    app.wait_text("notice", lambda t: "已导入国家标准分类" in t)
    computers = css(app, '[data-testid="category-node"][data-name="计算机设备"]')
    assert (computers.get_attribute("data-depth"), computers.get_attribute("data-parent")) == ("2", "通用设备")
    assert "6" in computers.text, "the government minimum life came with the seed"
    assert "A02" in css(app, '[data-testid="category-node"][data-name="设备"]').text

    app.type("register-new", "笔记本电脑")
    Select(app.find("category-new-parent")).select_by_value("计算机设备")
    app.click("register-add")
    laptop = css(app, '[data-testid="category-node"][data-name="笔记本电脑"]')
    assert (laptop.get_attribute("data-depth"), laptop.get_attribute("data-parent")) == ("3", "计算机设备")
    # No defaults of its own: the class's six years, marked as inherited from the class.
    life = css(app, '[data-testid="category-node"][data-name="笔记本电脑"] [data-testid="category-life"]')
    assert life.get_attribute("data-inherited") == "计算机设备" and life.text.startswith("6") and "继承" in life.text, life.text
    own = css(app, '[data-testid="category-node"][data-name="计算机设备"] [data-testid="category-life"]')
    assert own.get_attribute("data-inherited") == "" and own.text == "6", own.text

    # A parent with an active child cannot be deactivated: the backend says why.
    css(app, '[data-testid="category-node"][data-name="计算机设备"] [data-testid="category-toggle"]').click()
    assert "笔记本电脑" in app.wait_text("notice", lambda t: "下级类别" in t)

    # A new asset in the subcategory gets the inherited life, and the form says where from.
    app.click("nav-ledger")
    app.click("ledger-add")
    app.type("f-name", "ThinkPad X1")
    app.type("f-category", "笔记本电脑")
    app.wait.until(lambda d: app.find("f-life").get_attribute("value") == "6")
    assert "计算机设备" in app.find("f-life").find_element(By.XPATH, "..").text
    app.type("f-dept", "行政部")
    app.type("f-value", "7200")
    app.click("f-save")
    assert app.wait_text("card-life", lambda t: t.strip()) == "6"


def test_the_import_wizard_maps_old_category_names_onto_the_seeded_tree(launch, data_dir, tmp_path):
    app = launch(data_dir)
    set_up_ledger(app)
    app.click("nav-system")
    app.click("tab-category")
    app.click("category-seed")
    app.wait_text("notice", lambda t: "已导入国家标准分类" in t)
    sheet = tmp_path / "旧台账.csv"
    sheet.write_text("资产编号,资产名称,资产类别,使用部门,原值(元),购置日期\nA-001,联想电脑,电脑,行政部,5200,2019-03-05\nA-002,投影仪,影音,行政部,3000,2020-01-02\n", encoding="utf-8")
    mapping = tmp_path / "类别映射.csv"
    mapping.write_text("旧类别,新类别\n电脑,计算机设备\n", encoding="gbk")
    app.click("nav-ledger")
    app.click("ledger-import")
    app.find("import-file").send_keys(str(sheet))
    app.wait_text("import-new-registers", lambda t: "电脑" in t and "影音" in t)
    app.find("import-category-map-file").send_keys(str(mapping))
    assert "1" in app.wait_text("import-category-map-name", lambda t: "类别映射.csv" in t)
    # 电脑 now goes to 计算机设备; 影音 is row 3's error, not a new category.
    errors = app.wait_text("import-errors", lambda t: "影音" in t)
    assert "3" in errors and "类别映射表" in errors, errors
    app.wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, '[data-testid="import-new-registers"]') or "电脑" not in app.text_of("import-new-registers"))
    assert "有效 1 行" in app.text_of("import-summary")
