"""Custom fields beyond the card (issue 21): a field defined in 系统 → 字段 and set on two
cards becomes a list column the clerk can show, a filter the ledger answers, and a column
of the exported workbook."""
from pathlib import Path

import openpyxl
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from test_foundation import add_asset, set_up_ledger


def define_field(app, name: str, kind: str = "text") -> None:
    app.click("nav-system")
    app.click("section-fields")
    app.type("field-name", name)
    app.find("field-kind").find_element(By.CSS_SELECTOR, f'option[value="{kind}"]').click()
    app.click("field-add")
    app.wait_text("fields-table", lambda t: name in t)


def set_custom(app, code: str, field: str, value: str) -> None:
    app.click("nav-ledger")
    app.type("ledger-search", code)
    app.wait.until(lambda d: app.row_codes() == [code])
    app.type("ledger-search", Keys.ENTER, clear=False)
    app.click("custom-edit")
    app.type(f"custom-{field}", value)
    app.click("custom-save")
    app.wait_text(f"custom-value-{field}", lambda t: t == value)


def column_texts(app, field: str) -> dict[str, str]:
    """Each shown row's code and its cell in the custom column."""
    # textContent, not .text: a cell scrolled out of the view has no rendered text.
    header = [h.get_attribute("textContent").strip() for h in app.driver.find_elements(By.CSS_SELECTOR, ".vhead .th")]
    at = next((i for i, h in enumerate(header) if h.startswith(field)), None)
    if at is None:
        return {}
    out = {}
    for row in app.find_all("asset-row"):
        cells = row.find_elements(By.CSS_SELECTOR, ".td")
        if row.get_attribute("data-code"):
            out[row.get_attribute("data-code")] = cells[at].get_attribute("textContent").strip()
    return out


def test_a_custom_field_is_a_column_a_filter_and_an_export_column(launch, data_dir):
    app = launch(data_dir)
    set_up_ledger(app)
    first = add_asset(app, "投影仪甲", "教学设备", "教务处", "5600")
    second = add_asset(app, "投影仪乙", "教学设备", "教务处", "4800")
    third = add_asset(app, "办公桌", "家具", "教务处", "860")
    define_field(app, "品牌")

    set_custom(app, first, "品牌", "爱普生")
    set_custom(app, second, "品牌", "爱普生CB")

    # The column chooser offers the field; the column shows each card's value.
    app.click("nav-ledger")
    app.type("ledger-search", "")
    app.wait.until(lambda d: len(app.row_codes()) == 3)
    app.click("column-chooser")
    app.click("column-cf:品牌")
    app.wait.until(lambda d: column_texts(app, "品牌") == {first: "爱普生", second: "爱普生CB", third: ""})

    # The filter: contains, then equals; the ledger answers and the chip says what holds.
    app.click("advanced-toggle")
    app.type("cf-value-品牌", "爱普生")
    app.wait.until(lambda d: sorted(app.row_codes()) == sorted([first, second]))
    assert "品牌" in app.text_of("filter-chips")
    app.find("cf-op-品牌").find_element(By.CSS_SELECTOR, 'option[value="equals"]').click()
    app.wait.until(lambda d: app.row_codes() == [first])
    assert app.text_of("ledger-count") == "共 1 项"

    # The export holds the filtered rows with the field as a column after the standard ones.
    app.find("cf-op-品牌").find_element(By.CSS_SELECTOR, 'option[value="contains"]').click()
    app.wait.until(lambda d: len(app.row_codes()) == 2)
    app.click("export")
    message = app.wait_text("notice", lambda t: "已导出" in t)
    path = Path(message.split("行到 ")[1].rstrip("×").strip())
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    assert rows[0][9:] == ("原值", "品牌")
    assert sorted((r[0], r[10]) for r in rows[1:]) == sorted([(first, "爱普生"), (second, "爱普生CB")])

    # The chosen column and the filter are kept when the clerk comes back to the list.
    app.click("nav-documents")
    app.click("nav-ledger")
    app.wait.until(lambda d: column_texts(app, "品牌") == {first: "爱普生", second: "爱普生CB"})

    # The register report groups by the field and can show it as a column.
    app.click("nav-reports")
    app.click("report-kind-cf:品牌")
    app.wait_text("report-title", lambda t: "按品牌" in t)
    groups = [g.get_attribute("textContent") for g in app.find_all("report-group")]
    assert any("爱普生CB" in g for g in groups) and any("无品牌" in g for g in groups), groups


def test_the_import_wizard_maps_a_column_to_a_custom_field_and_checks_its_values(launch, data_dir, tmp_path):
    app = launch(data_dir)
    set_up_ledger(app)
    define_field(app, "功率", "number")
    sheet = tmp_path / "设备.csv"
    sheet.write_text("资产编号,资产名称,资产类别,使用部门,额定功率\nE-001,空调,空调,行政部,1500\nE-002,风扇,电器,行政部,很大\n", encoding="utf-8")

    app.click("nav-ledger")
    app.click("ledger-import")
    app.find("import-file").send_keys(str(sheet))
    app.wait_text("import-summary", lambda t: "读取" in t)
    # 额定功率 is no field's name: the clerk maps column E to the custom field 功率.
    app.find("map-E").find_element(By.CSS_SELECTOR, 'option[value="cf:功率"]').click()
    errors = app.wait_text("import-errors", lambda t: "功率" in t)
    assert "很大" in errors and "3" in errors, errors
    sample = app.wait_text("import-sample", lambda t: "1500" in t)
    assert "功率" in sample, sample

    app.click("import-confirm-new")
    app.click("import-skip")
    app.click("import-run")
    app.wait_text("import-result", lambda t: "导入 1" in t)
    app.click("nav-ledger")
    app.wait.until(lambda d: app.row_codes() == ["E-001"])
    app.click("column-chooser")
    app.click("column-cf:功率")
    app.wait.until(lambda d: column_texts(app, "功率") == {"E-001": "1500"})
