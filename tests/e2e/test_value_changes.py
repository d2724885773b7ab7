"""Value-change documents through the UI (issue 21): from the asset card, a 改扩建 is
recorded in the keyboard-first dialog (zh default), and the card's value, the schedule
(the new net value over the remaining life), the value-change table and the history all
show it. Figures as in crates/ledger/tests/it/value_changes.rs: 12,000.00 over 5 years,
5% salvage, acquired 2026-01-31; +3,000.00 on 2026-04-30 makes 15,000.00, net 14,430.00
at the end of April and 240.00 a month from May."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from test_foundation import set_up_ledger
from test_value import add_machine, schedule_row


def test_an_add_value_change_from_the_card_shows_the_new_net_value(launch, data_dir):
    app = launch(data_dir)
    set_up_ledger(app)
    code = add_machine(app, "激光打印机", acquired="2026-01-31", value="12000", life="5", salvage="5%")
    assert "190.00" in schedule_row(app, "2026-05").text

    app.click("schedule-value-change")
    app.find("vc-dialog")
    # Only what the regime allows is offered: enterprise has all three.
    kinds = [o.get_attribute("value") for o in Select(app.find("vc-kind")).options]
    assert kinds == ["add", "impair", "revalue"], kinds
    # A missing reason is refused with the field named; nothing is recorded.
    app.type("vc-amount", "3,000.00")
    app.type("vc-date", "2026-04-30")
    app.find("vc-date").send_keys(Keys.CONTROL, "s")
    assert "请填写变动原因" in app.wait_text("vc-error", lambda t: t)
    assert "invalid" in app.find("vc-reason").get_attribute("class")
    app.type("vc-reason", "加装双面器")
    app.find("vc-reason").send_keys(Keys.CONTROL, "s")
    notice = app.wait_text("notice", lambda t: "已办理价值变动" in t)
    doc = notice.split("已办理价值变动：")[1].split("，")[0]
    assert doc.startswith("JZ-"), notice
    assert "14,430.00" in notice and "2026-05" in notice, notice
    app.wait.until(lambda d: not app.find_all("vc-dialog"))

    assert app.wait_text("card-value", lambda t: t == "15,000.00")
    app.wait.until(lambda d: "240.00" in schedule_row(app, "2026-05").text)
    may = schedule_row(app, "2026-05").text
    assert "14,190.00" in may, may
    assert "190.00" in schedule_row(app, "2026-04").text and "14,430.00" in schedule_row(app, "2026-04").text
    change = app.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f'[data-testid="value-change-row"][data-doc="{doc}"]'))
    assert change.get_attribute("data-state") == "posted"
    assert "改扩建" in change.text and "15,000.00" in change.text and "14,430.00" in change.text, change.text
    history = app.wait_text("history", lambda t: doc in t)
    assert "价值变动" in history, history
    assert code.startswith("ZC-")
