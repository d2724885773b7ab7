"""The import wizard on a legacy sheet, then the dashboard reflects what came in."""
from pathlib import Path

from conftest import ROOT
from test_foundation import set_up_ledger

SAMPLE = ROOT.parent / "shared" / "samples" / "legacy-ledger-sample.xlsx"


def legacy_csv(tmp_path: Path) -> Path:
    path = tmp_path / "旧台账.csv"
    path.write_text(
        "某某单位固定资产台账\n资产编号,资产名称,资产类别,使用部门,原值(元),购置日期,使用状况\n"
        "A-001,联想电脑,电脑,行政部,\"5,200.00\",2019.03.05,在用\n"
        "A-002,打印机,办公设备,财务部,\uffe51800,2019年3月5日,闲置\n"
        "A-003,,家具,财务部,300,2020/1/2,在用\n"
        "合计,,,,\"7,300.00\",,\n",
        encoding="gbk",
    )
    return path


def test_the_wizard_reports_bad_rows_then_imports_and_the_dashboard_changes(launch, data_dir, tmp_path):
    app = launch(data_dir)
    set_up_ledger(app)
    assert app.wait_text("tile-total", lambda t: "0" in t)
    app.click("nav-ledger")
    app.click("ledger-import")
    app.find("import-file").send_keys(str(legacy_csv(tmp_path)))
    summary = app.wait_text("import-summary", lambda t: "读取" in t)
    assert "表头在第 2 行" in summary and "有效 2 行" in summary, summary
    errors = app.wait_text("import-errors", lambda t: "资产名称" in t)
    assert "5" in errors
    # The categories and departments the sheet names are new: listed, and the import
    # waits until the clerk confirms them.
    new = app.wait_text("import-new-registers", lambda t: "电脑" in t)
    assert "办公设备" in new and "行政部" in new and "财务部" in new, new
    assert not app.find("import-run").is_enabled()
    app.click("import-confirm-new")

    # All or nothing: one bad row refuses the import.
    app.click("import-run")
    assert "未导入" in app.wait_text("notice", lambda t: "错误" in t)
    app.click("import-skip")
    app.click("import-run")
    assert "导入 2 项" in app.wait_text("import-result", lambda t: "导入 2" in t)

    app.click("nav-home")
    app.wait_text("tile-total", lambda t: t.strip().endswith("2"))
    assert "7,000.00" in app.text_of("tile-value")
    chart = app.find("chart-category").get_attribute("textContent")
    assert "电脑" in chart and "5,200.00" in chart, chart


def test_the_shared_sample_sheet_imports(launch, data_dir):
    if not SAMPLE.is_file():
        print(f"SKIPPED: {SAMPLE} is not there")
        return
    app = launch(data_dir)
    set_up_ledger(app)
    app.click("nav-ledger")
    app.click("ledger-import")
    app.find("import-file").send_keys(str(SAMPLE))
    app.wait_text("import-summary", lambda t: "有效 299 行" in t)
    app.click("import-confirm-new")
    app.click("import-skip")
    app.click("import-run")
    app.wait_text("import-result", lambda t: "导入 299 项" in t)
    app.click("nav-home")
    app.wait_text("tile-total", lambda t: t.strip().endswith("299"))


def test_a_column_mapped_by_hand_is_remembered_for_the_next_sheet(launch, data_dir, tmp_path):
    from selenium.webdriver.support.ui import Select

    def sheet(name: str, row: str) -> Path:
        path = tmp_path / name
        path.write_text(f"资产编号,资产名称,资产类别,原值,存放处\n{row}\n", encoding="utf-8")
        return path

    app = launch(data_dir)
    set_up_ledger(app)
    app.click("nav-ledger")
    app.click("ledger-import")
    app.find("import-file").send_keys(str(sheet("一月.csv", "M-001,会议桌,家具,1200,三楼会议室")))
    app.wait_text("import-summary", lambda t: "有效 1 行" in t)
    # 存放处 is no word the importer knows: the clerk maps column E to the location.
    assert app.find("map-E").get_attribute("value") == ""
    Select(app.find("map-E")).select_by_value("location")
    app.wait.until(lambda d: app.find("map-E").get_attribute("value") == "location")
    assert "三楼会议室" in app.wait_text("import-new-registers", lambda t: "家具" in t)
    app.click("import-confirm-new")
    app.click("import-run")
    app.wait_text("import-result", lambda t: "导入 1 项" in t)

    app.click("nav-ledger")
    app.click("ledger-import")
    app.find("import-file").send_keys(str(sheet("二月.csv", "M-002,白板,家具,300,二楼走廊")))
    app.wait_text("import-summary", lambda t: "有效 1 行" in t)
    assert app.find("map-E").get_attribute("value") == "location", "the mapping was remembered"
    new = app.wait_text("import-new-registers", lambda t: "二楼走廊" in t)
    assert "家具" not in new, "a category the ledger has is not new"
    app.click("import-confirm-new")
    app.click("import-run")
    app.wait_text("import-result", lambda t: "导入 1 项" in t)
    app.click("nav-ledger")
    app.type("ledger-search", "M-002")
    app.wait.until(lambda d: app.row_codes() == ["M-002"])
    row = app.find_all("asset-row")[0].get_attribute("textContent")
    assert "二楼走廊" in row, f"column E went to the location: {row}"


def test_a_warranty_about_to_end_is_a_reminder_on_the_home_screen(launch, data_dir):
    import datetime

    ends = (datetime.date.today() + datetime.timedelta(days=5)).isoformat()
    app = launch(data_dir)
    set_up_ledger(app)
    app.click("nav-ledger")
    app.click("ledger-add")
    app.type("f-name", "核心交换机")
    app.type("f-category", "网络设备")
    app.type("f-value", "12000")
    app.type("f-supplier", "某某网络公司")
    app.type("f-warranty", ends)
    app.click("f-save")
    code = app.wait_text("card-code", lambda t: t.startswith("ZC-"))
    assert app.text_of("card-warranty") == ends

    app.click("nav-home")
    reminder = app.wait_text("reminder-warranty", lambda t: code in t)
    assert ends in reminder and "核心交换机" in reminder, reminder
    app.click("reminder-warranty")
    app.wait_text("card-code", lambda t: t == code)
    # The status share and the 12-month trend are drawn.
    app.click("nav-home")
    pie = app.find("chart-status").get_attribute("textContent")
    assert "在库" in pie and "100.0%" in pie, pie
    trend = app.find("chart-trend").find_element("css selector", "svg").get_attribute("aria-label")
    this_month = datetime.date.today().strftime("%Y-%m")
    assert f"{this_month} 1" in trend, f"this month's addition is on the line: {trend}"
