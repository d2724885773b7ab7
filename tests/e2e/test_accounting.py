"""Accounting regimes through the UI (issue 21): a ledger set up as 政府会计准则 charges an
asset from its month of acquisition without salvage (card schedule and the 折旧 run agree),
and the regime can no longer change once a period is posted."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_foundation import PASSWORD
from test_value import add_machine, open_value_page, period_row, schedule_row


def test_a_government_ledger_charges_from_the_month_of_acquisition_and_fixes_its_regime(launch, data_dir):
    app = launch(data_dir)
    app.type("setup-org", "示范学校")
    app.type("setup-admin", "admin")
    app.type("setup-password", PASSWORD)
    app.type("setup-password2", PASSWORD)
    Select(app.find("setup-regime")).select_by_value("government")
    app.click("setup-submit")
    app.wait_text("current-user", lambda t: "admin" in t)

    # 12,000.00 over 5 years, acquired on the last day of January, no salvage: 200.00 from January.
    code = add_machine(app, "激光打印机", acquired="2026-01-31", value="12000", life="5", salvage="0")
    first = schedule_row(app, "2026-01")
    assert "200.00" in first.text and "11,800.00" in first.text, first.text
    assert len(app.find_all("schedule-row")) == 60
    assert app.find_all("schedule-row")[-1].get_attribute("data-period") == "2030-12"

    open_value_page(app)
    regime = app.find("value-regime")
    assert regime.get_attribute("data-regime") == "government"
    assert Select(app.find("value-regime-select")).first_selected_option.get_attribute("value") == "government"
    assert app.wait_text("value-next", lambda t: t == "2026-01"), "the month of acquisition is the first to run"
    app.click("value-preview")
    assert app.wait_text("value-total", lambda t: t == "200.00")
    app.click("value-post")
    period_row(app, "2026-01", "posted")

    # Posted: the regime is shown, fixed, without a chooser.
    app.wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, '[data-testid="value-regime-select"]'))
    assert "政府会计准则" in app.find("value-regime").text
    assert "不能再更改" in app.find("value-regime").text
    assert code.startswith("ZC-")
