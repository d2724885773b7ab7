"""Standard reports through the UI (issue 9): on the 报表 page choose the register by
department at a month end, pick columns (remembered), read the preview's subtotals, export
the workbook and read it back with openpyxl (headers, rows, bold subtotal rows, number
cells), print the PDF and read it back with pdftotext, then the changes in a period."""
import subprocess

import openpyxl

from test_foundation import set_up_ledger


def add_machine(app, name: str, category: str, dept: str, value: str) -> str:
    app.click("nav-ledger")
    app.click("ledger-add")
    app.type("f-name", name)
    app.type("f-category", category)
    app.type("f-dept", dept)
    app.type("f-acquired", "2025-01-05")
    app.type("f-value", value)
    app.type("f-life", "5")
    app.type("f-salvage-rate", "4%")
    app.click("f-save")
    app.find("asset-card")
    return app.wait_text("card-code", lambda t: t.startswith("ZC-"))


def notice_path(app, marker: str, split: str) -> str:
    return app.wait_text("notice", lambda t: marker in t).split(split)[1].rstrip("×").strip()


def test_register_by_department_with_chosen_columns_exports_and_prints(launch, data_dir):
    app = launch(data_dir)
    set_up_ledger(app)
    lathe = add_machine(app, "车床", "机器设备", "生产部", "100000")
    truck = add_machine(app, "货车", "运输设备", "物流部", "100000")
    drill = add_machine(app, "钻床", "机器设备", "生产部", "50000")

    app.click("nav-reports")
    app.find("reports-page")
    app.click("report-kind-dept")
    app.type("report-period", "2025-06")
    app.click("report-columns")
    for column in ["model", "status", "location", "custodian", "acquired"]:
        app.click(f"report-col-{column}")
    app.click("report-columns")
    assert app.wait_text("report-title", lambda t: "按部门" in t and "2025-06" in t) == "资产台账(按部门) 截至 2025-06 月末"
    headers = [th.text for th in app.find("report-preview").find_elements("css selector", "thead th")]
    assert headers == ["资产编码", "资产名称", "类别", "使用部门", "原值", "累计折旧", "净值"], headers
    app.wait.until(lambda d: len(app.find_all("report-subtotal")) == 3)
    subtotals = [s.text for s in app.find_all("report-subtotal")]
    assert "小计 物流部(1 项)" in subtotals[0] and "92,000.00" in subtotals[0], subtotals
    assert "小计 生产部(2 项)" in subtotals[1] and "12,000.00" in subtotals[1] and "138,000.00" in subtotals[1], subtotals
    assert "合计(3 项)" in subtotals[2] and "230,000.00" in subtotals[2], subtotals
    assert [g.text for g in app.find_all("report-group")] == ["部门:物流部", "部门:生产部"]
    assert app.text_of("report-count") == "共 3 行"

    app.click("export")
    workbook = notice_path(app, "已导出", "行到 ")
    sheet = openpyxl.load_workbook(workbook).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("资产编码", "资产名称", "类别", "使用部门", "原值", "累计折旧", "净值"), rows[0]
    assert rows[1] == (truck, "货车", "运输设备", "物流部", 100000, 8000, 92000), rows[1]
    assert rows[2] == ("小计 物流部(1 项)", None, None, None, 100000, 8000, 92000), rows[2]
    assert [r[0] for r in rows[3:5]] == [lathe, drill]
    assert rows[4][4:] == (50000, 4000, 46000)
    assert rows[5] == ("小计 生产部(2 项)", None, None, None, 150000, 12000, 138000), rows[5]
    assert rows[6] == ("合计(3 项)", None, None, None, 250000, 20000, 230000), rows[6]
    assert [sheet.cell(row=n, column=1).font.b for n in range(2, 8)] == [False, True, False, False, True, True], "subtotals and the total are bold"
    assert sheet.cell(row=4, column=7).number_format == "#,##0.00"

    # 打印… opens the print preview of the report; 保存PDF writes the same PDF.
    app.click("report-pdf")
    app.wait.until(lambda d: app.find_all("preview-page"))
    app.click("preview-save")
    pdf = notice_path(app, "报表已保存为", "报表已保存为")
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout
    for want in ["资产台账(按部门) 截至 2025-06 月末", "部门:生产部", "小计 生产部(2 项)", "138,000.00", "合计(3 项)", "230,000.00"]:
        assert want in text, f"{want} missing:\n{text}"

    # The column choice is remembered on this machine.
    app.click("nav-home")
    app.click("nav-reports")
    assert app.wait_text("report-columns", lambda t: "(7)" in t)

    # Changes in a period: the three registrations are today's additions.
    app.click("report-kind-changes")
    assert app.wait_text("report-title", lambda t: t.startswith("资产变动表"))
    app.wait.until(lambda d: any("新增(3 项)" in g.text for g in app.find_all("report-group")) or "新增(3 项)" in app.text_of("report-preview"))
    assert "250,000.00" in app.find_all("report-subtotal")[0].text
    app.click("export")
    changes = notice_path(app, "已导出", "行到 ")
    first_doc = app.find("report-preview").find_element("css selector", "tbody tr td button")
    rows = list(openpyxl.load_workbook(changes).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("业务", "单据号", "日期"), rows[0]
    assert [r[3] for r in rows[1:4]] == [lathe, truck, drill]
    assert rows[4][0] == "小计 新增(3 项)" and rows[4][8] == 250000, rows[4]
    # A document number in the preview opens the document.
    assert first_doc.text == rows[1][1]
    first_doc.click()
    assert app.wait_text("doc-no", lambda t: t == rows[1][1])
