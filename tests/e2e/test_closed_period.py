"""A closed accounting period in the real app (issue 20): a document dated into a month
whose depreciation is posted is refused with the reason and changes nothing; only the
administrator is offered re-opening (a power user is not, and the backend refuses them,
see crates/cli/tests/corrections.rs); the re-open asks for a reason, shows who did it,
is in the audit log, and then the same document goes through."""
import json

from selenium.webdriver.common.by import By

from test_approvals_users import add_user, log_in, switch_user
from test_documents import post, select_row
from test_stocktake import PASSWORD, cli
from test_value import open_value_page, period_row


def test_a_document_dated_into_a_closed_period_is_refused_until_the_admin_reopens_it(launch, data_dir):
    cli(data_dir, "init", "--admin", "admin", "--company", "示例单位")
    code = json.loads(cli(data_dir, "--json", "asset", "add", "--name", "车床", "--category", "机器", "--dept", "生产部", "--value", "96000",
                          "--acquired", "2020-01-05", "--life-years", "5", "--salvage-rate", "0"))["code"]
    cli(data_dir, "depreciation", "run", "--period", "2020-02")
    add_user(data_dir, "head", "power", "head-pass-1")
    app = launch(data_dir)

    # A power user runs depreciation but is offered no re-open.
    log_in(app, "head", "head-pass-1")
    open_value_page(app)
    period_row(app, "2020-02", "posted")
    assert not app.find_all("value-reopen")
    switch_user(app)
    log_in(app, "admin", PASSWORD)

    # A transfer dated into 2020-02 is refused with the reason, in the dialog.
    app.click("nav-ledger")
    select_row(app, code)
    app.click("act-transfer")
    app.find("doc-dialog")
    app.type("d-dept", "信息中心")
    app.type("d-date", "2020-02-20")
    app.click("doc-submit")
    error = app.wait_text("doc-error", lambda t: "已结账" in t)
    assert "2020-02-20" in error and "反结账" in error, error
    assert app.find_all("doc-dialog"), "the dialog stays open with the clerk's input"
    app.driver.find_element(By.XPATH, '//*[@data-testid="doc-dialog"]//button[text()="取消"]').click()
    app.wait.until(lambda d: not app.find_all("doc-dialog"))
    assert json.loads(cli(data_dir, "--json", "asset", "show", code))["dept"] == "生产部", "nothing changed"

    # The administrator re-opens the month with a reason; the period shows who did it.
    open_value_page(app)
    app.click("value-reopen")
    app.type("reopen-reason", "补录调拨单")
    app.click("reopen-confirm")
    row = period_row(app, "2020-02", "reopened")
    assert "补录调拨单" in row.text and "admin" in app.text_of("value-reopened-by"), row.text
    log = json.loads(cli(data_dir, "--json", "audit", "list", "--limit", "20"))
    entry = next(e for e in log if e["action"] == "depreciation_reopen")
    assert (entry["user"], entry["target"], entry["detail"]) == ("admin", "2020-02", "补录调拨单"), entry

    # Now the same document goes through.
    app.click("nav-ledger")
    select_row(app, code)
    doc = post(app, "transfer", {"dept": "信息中心", "date": "2020-02-20"})
    shown = json.loads(cli(data_dir, "--json", "asset", "show", code))
    assert shown["dept"] == "信息中心", shown
    assert json.loads(cli(data_dir, "--json", "doc", "show", doc))["date"] == "2020-02-20"
