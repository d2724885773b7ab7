"""Putting mistakes right in the real app (issue 20): a wrongly registered asset is
voided from its registration document, and a stray scan (a book's ISBN) is flagged
非本系统编码, rejected in the review, and left out when the stocktake is closed.

The ledger is prepared with the `assetdesk` CLI (same core, same file); the UI is what
is under test."""
import json

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from test_stocktake import banner, cli, log_in, prepare

ISBN = "9787111213826"


def open_card(app, code: str) -> None:
    app.click("nav-ledger")
    app.type("ledger-search", code)
    app.wait.until(lambda d: app.row_codes() == [code])
    app.type("ledger-search", Keys.ENTER, clear=False)
    app.wait_text("card-code", lambda t: t == code)


def test_a_registration_is_voided_from_its_document(launch, data_dir):
    prepare(data_dir)
    app = launch(data_dir)
    log_in(app)
    code = "ZC-E2E-0001"
    open_card(app, code)
    # The first line of the history is the 资产新增 document that registered it.
    reg = app.find("history").find_element(By.CSS_SELECTOR, "tbody tr button.link")
    reg_no = reg.text
    assert reg_no.startswith("XZ-"), reg_no
    reg.click()
    app.wait_text("doc-no", lambda t: t == reg_no)
    app.click("doc-void")
    # The asset of that registration (prepare() registers each asset by its own
    # document) has no later document: nothing blocks the void.
    app.type("void-reason", "登记错误")
    app.click("void-confirm")
    app.wait_text("doc-state", lambda t: "已冲销" in t)
    assert not app.find_all("void-blockers")
    open_card(app, code)
    app.wait_text("card-status", lambda t: t == "已作废")
    # The ledger file says the same.
    shown = json.loads(cli(data_dir, "--json", "asset", "show", code))
    assert shown["status"] == "voided"


def test_a_stray_scan_is_flagged_rejected_in_review_and_left_out_of_the_close(launch, data_dir):
    prepare(data_dir)
    task = json.loads(cli(data_dir, "--json", "stocktake", "new", "--name", "行政部盘点", "--dept", "行政部"))["id"]
    cli(data_dir, "stocktake", "scan", str(task), "ZC-E2E-0001", "ZC-E2E-0002", "ZC-E2E-0003", ISBN)
    app = launch(data_dir)
    log_in(app)

    app.click("nav-stocktake")
    app.click("st-review")
    app.wait_text("rv-surplus", lambda t: t == "1")
    app.click("rv-tab-surplus")
    row = app.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f'[data-testid="rv-line"][data-code="{ISBN}"]'))
    assert "非本系统编码" in row.find_element(By.CSS_SELECTOR, '[data-testid="rv-foreign"]').text
    # Keyboard only: Tab to 不采纳 and press Enter.
    reject = row.find_element(By.CSS_SELECTOR, '[data-testid="rv-reject"]')
    app.driver.execute_script("arguments[0].focus()", reject)
    reject.send_keys(Keys.ENTER)
    app.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f'[data-testid="rv-line"][data-code="{ISBN}"] [data-testid="rv-decision"]').text == "不采纳")

    app.click("st-close")
    app.click("st-close-confirm")
    app.find("st-closed-note")
    left_out = app.wait_text("st-not-applied", lambda t: ISBN in t)
    assert "不采纳" in left_out
    # No 盘盈 asset was made of the ISBN; the task is closed.
    out = json.loads(cli(data_dir, "--json", "asset", "list", "--query", ISBN))
    assert out == [], out
    report = json.loads(cli(data_dir, "--json", "stocktake", "report", str(task)))
    assert report["surplus"] == [ISBN]


def test_close_lists_unreviewed_lines_and_applies_only_the_accepted_ones(launch, data_dir):
    prepare(data_dir)
    task = json.loads(cli(data_dir, "--json", "stocktake", "new", "--name", "行政部盘点", "--dept", "行政部"))["id"]
    cli(data_dir, "stocktake", "scan", str(task), "ZC-E2E-0001")  # 0002 and 0003 are missing
    app = launch(data_dir)
    log_in(app)
    app.click("nav-stocktake")
    app.click("st-review")
    app.wait_text("rv-missing", lambda t: t == "2")
    row = app.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, '[data-testid="rv-line"][data-code="ZC-E2E-0003"]'))
    row.find_element(By.CSS_SELECTOR, '[data-testid="rv-accept"]').click()
    app.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, '[data-testid="rv-line"][data-code="ZC-E2E-0003"] [data-testid="rv-decision"]').text == "确认")

    app.click("st-close")
    # One line is unreviewed: named, and the clerk chooses; cancelling changes nothing.
    app.wait.until(lambda d: [r.text.split(" ")[0] for r in app.find_all("st-unreviewed-line")] == ["ZC-E2E-0002"])
    assert not app.find_all("st-close-confirm")
    app.click("st-close-cancel")
    assert json.loads(cli(data_dir, "--json", "stocktake", "report", str(task)))["state"] == "counting"
    app.click("st-close")
    app.click("st-close-leave-unreviewed")
    app.find("st-closed-note")
    left_out = app.wait_text("st-not-applied", lambda t: "ZC-E2E-0002" in t)
    assert "待复核" in left_out and "ZC-E2E-0003" not in left_out
    # Only the accepted line was applied.
    assert json.loads(cli(data_dir, "--json", "asset", "show", "ZC-E2E-0003"))["status"] == "missing"
    assert json.loads(cli(data_dir, "--json", "asset", "show", "ZC-E2E-0002"))["status"] == "in_stock"


def test_a_code_that_is_not_ours_is_flagged_the_moment_it_is_scanned(launch, data_dir):
    prepare(data_dir)
    task = json.loads(cli(data_dir, "--json", "stocktake", "new", "--name", "行政部盘点", "--dept", "行政部"))["id"]
    app = launch(data_dir)
    log_in(app)
    app.click("nav-stocktake")
    app.click("st-open")
    app.wait_text("count-expected", lambda t: t == "3")
    body = app.driver.find_element(By.TAG_NAME, "body")
    colour = lambda: app.find("verdict-banner").value_of_css_property("background-color")

    # Keyboard-wedge bursts: a code shaped like ours is 盘盈; a book's ISBN is 非本系统编码,
    # in its own colour, at once (not only later in the review).
    body.send_keys("ZC-PY-0009" + Keys.ENTER)
    assert "盘盈" in banner(app, "surplus", "ZC-PY-0009")
    surplus_colour = colour()
    body.send_keys(ISBN + Keys.ENTER)
    text = banner(app, "foreign", ISBN)
    assert "非本系统编码" in text and "ISBN" in text, text
    assert colour() != surplus_colour, "a stray code must look different from a real surplus"
    app.wait_text("count-scans", lambda t: t == "2")

    # The last-scans list keeps the flag when the screen is opened again.
    app.click("nav-stocktake")
    app.click("st-open")
    app.wait.until(lambda d: any(r.get_attribute("data-verdict") == "foreign" and ISBN in r.text for r in app.find_all("scan-row")))
    verdicts = {r.get_attribute("data-verdict") for r in app.find_all("scan-row")}
    assert verdicts == {"surplus", "foreign"}, verdicts
    # The ledger stores it as a surplus scan, flagged in the review.
    review = json.loads(cli(data_dir, "--json", "stocktake", "review", str(task)))
    assert {(l["line"], l["foreign"]) for l in review} >= {(ISBN, True), ("ZC-PY-0009", False)}, review
