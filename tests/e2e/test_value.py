"""Depreciation through the UI (issue 6): preview and post a monthly run on the 折旧 page,
see the posted period on the asset card's schedule, re-open it as the admin, and revise
an asset's estimates from its card."""
import subprocess
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from test_foundation import set_up_ledger


def add_machine(app, name: str, acquired: str = "2025-01-05", value: str = "100000", life: str = "5", salvage: str = "4%") -> str:
    app.click("nav-ledger")
    app.click("ledger-add")
    app.type("f-name", name)
    app.type("f-category", "机器设备")
    app.type("f-dept", "生产部")
    app.type("f-acquired", acquired)
    app.type("f-value", value)
    app.type("f-life", life)
    app.type("f-salvage-rate", salvage)
    app.click("f-save")
    app.find("asset-card")
    return app.wait_text("card-code", lambda t: t.startswith("ZC-"))


def schedule_row(app, period: str):
    return app.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f'[data-testid="schedule-row"][data-period="{period}"]'))


def period_row(app, period: str, state: str):
    return app.wait.until(
        lambda d: d.find_element(By.CSS_SELECTOR, f'[data-testid="value-period-row"][data-period="{period}"][data-state="{state}"]')
    )


def open_value_page(app):
    app.click("nav-value")
    app.find("value-page")


def test_a_period_is_previewed_posted_and_shows_on_the_card(launch, data_dir):
    app = launch(data_dir)
    set_up_ledger(app)
    code = add_machine(app, "数控车床")

    # Before any run the card shows the whole plan, projected: 60 months of 1,600.00.
    first = schedule_row(app, "2025-02")
    assert first.get_attribute("data-posted") == "no"
    assert "1,600.00" in first.text and "98,400.00" in first.text
    assert len(app.find_all("schedule-row")) == 60

    open_value_page(app)
    assert app.wait_text("value-next", lambda t: t == "2025-02")
    assert app.find("value-period").get_attribute("value") == "2025-02", "the next period is proposed"
    app.click("value-preview")
    assert app.wait_text("value-total", lambda t: t == "1,600.00")
    assert app.text_of("value-assets") == "1"
    assert app.find("value-run").get_attribute("data-posted") == "no"
    assert not app.find_all("value-period-row"), "a preview posts nothing"

    app.click("value-post")
    app.wait_text("notice", lambda t: "2025-02" in t and "已计提" in t)
    period_row(app, "2025-02", "posted")
    assert app.wait_text("value-next", lambda t: t == "2025-03")
    assert "1,600.00" in app.wait_text("value-summary", lambda t: "机器设备" in t)
    # Through the print preview, as all paper (issue 18): saved from there.
    app.click("value-pdf")
    app.find("print-preview")
    app.wait.until(lambda d: len(app.find_all("preview-page")) >= 1)
    app.click("preview-save")
    pdf = app.wait_text("notice", lambda t: "报表已保存为" in t).split("报表已保存为")[1].rstrip("×").strip()
    printed = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout
    assert "折旧明细表 2025-02" in printed and "1,600.00" in printed, printed
    app.click("export")
    exported = app.wait_text("notice", lambda t: "已导出" in t).split("行到 ")[1].rstrip("×").strip()
    assert "2025-02" in exported, exported
    import openpyxl
    rows = list(openpyxl.load_workbook(exported).active.iter_rows(values_only=True))
    assert any(1600 in r for r in rows[1:]), rows

    # The card now shows February as posted, the rest projected.
    app.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f'[data-testid="value-line"][data-code="{code}"] button').click() or True)
    app.find("asset-card")
    posted = schedule_row(app, "2025-02")
    app.wait.until(lambda d: schedule_row(app, "2025-02").get_attribute("data-posted") == "yes")
    assert "1,600.00" in posted.text
    assert schedule_row(app, "2025-03").get_attribute("data-posted") == "no"
    assert app.text_of("schedule-accumulated") == "1,600.00"
    assert app.text_of("schedule-nbv") == "98,400.00"


def test_the_admin_reopens_the_latest_period_and_a_revision_applies_from_the_next(launch, data_dir):
    app = launch(data_dir)
    set_up_ledger(app)
    code = add_machine(app, "铣床")
    open_value_page(app)
    for period in ["2025-02", "2025-03"]:
        app.wait.until(lambda d: app.find("value-period").get_attribute("value") == period)
        app.click("value-preview")
        app.wait.until(lambda d: app.find("value-run").get_attribute("data-period") == period)
        app.click("value-post")
        period_row(app, period, "posted")

    # Only the latest period offers re-opening.
    assert len(app.find_all("value-reopen")) == 1
    app.click("value-reopen")
    app.type("reopen-reason", "部门归属有误")
    app.click("reopen-confirm")
    period_row(app, "2025-03", "reopened")
    assert app.wait_text("value-next", lambda t: t == "2025-03")

    # A revision from the card: a reason is required; it applies from the next period.
    app.click("nav-ledger")
    app.type("ledger-search", code)
    app.wait.until(lambda d: app.row_codes() == [code])
    app.type("ledger-search", Keys.ENTER, clear=False)
    app.find("asset-card")
    app.click("schedule-revise")
    app.type("revise-life", "10")
    app.click("revise-submit")
    app.wait_text("notice", lambda t: "原因" in t)
    app.type("revise-reason", "技术改造后延长使用年限")
    app.click("revise-submit")
    app.wait_text("notice", lambda t: "2025-03" in t)
    assert "技术改造" in app.text_of("schedule-revisions")
    feb = schedule_row(app, "2025-02")
    assert feb.get_attribute("data-posted") == "yes" and "1,600.00" in feb.text, "posted history unchanged"
    march = schedule_row(app, "2025-03")
    assert march.get_attribute("data-posted") == "no" and "1,600.00" not in march.text, march.text


def test_a_disposal_document_shows_its_gain_or_loss(launch, data_dir):
    import datetime

    app = launch(data_dir)
    set_up_ledger(app)
    code = add_machine(app, "旧车床")
    open_value_page(app)
    app.wait.until(lambda d: app.find("value-period").get_attribute("value") == "2025-02")
    app.click("value-preview")
    app.wait.until(lambda d: app.find("value-run").get_attribute("data-period") == "2025-02")
    app.click("value-post")
    period_row(app, "2025-02", "posted")

    app.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f'[data-testid="value-line"][data-code="{code}"] button').click() or True)
    app.find("asset-card")
    app.click("card-act-scrap")
    app.type("d-reason", "精度不足")
    app.click("doc-submit")
    app.wait_text("card-status", lambda t: t == "已报废")
    app.click("card-act-dispose")
    app.find("d-method").find_element(By.CSS_SELECTOR, 'option[value="sale"]').click()
    app.type("d-amount", "97000")
    app.click("doc-submit")
    app.wait_text("card-status", lambda t: t == "已处置")
    # The schedule stops at the leaving month (today's): charged, then nothing.
    today = datetime.date.today()
    leaving = f"{today.year:04d}-{today.month:02d}"
    app.wait.until(lambda d: app.find_all("schedule-row")[-1].get_attribute("data-period") == leaving)

    history = app.find("history")
    history.find_elements(By.CSS_SELECTOR, "button.link")[-1].click()
    app.find("doc-view")
    months = min(60, (today.year - 2025) * 12 + today.month - 1)
    gain = 97000 * 100 - (100000 * 100 - 160000 * months)
    expected = f"{'-' if gain < 0 else ''}{abs(gain) // 100:,}.{abs(gain) % 100:02d}"
    assert app.wait_text("disposal-gain-loss", lambda t: t) == expected
    # Disposal costs lower the gain (or deepen the loss).
    app.type("disposal-costs", "500")
    app.click("disposal-costs-save")
    gain -= 500 * 100
    expected = f"{'-' if gain < 0 else ''}{abs(gain) // 100:,}.{abs(gain) % 100:02d}"
    assert app.wait_text("disposal-gain-loss", lambda t: t == expected)
