"""Scan anywhere, in the real app and WebView: a keyboard-mode scanner on a PC whose Chinese
IME is on (keydown key 'Process' / keyCode 229, the characters in composition and input
events, a full-width hyphen) scans into the ledger's search box and the scanned asset's
card opens, not the highlighted row, and the box keeps what the clerk had typed; in an
issue dialog a scan adds the line (and refuses an asset whose state does not allow it); an
unknown code says so; the scanner test screen shows what it saw and why.

The IME's events are dispatched from JavaScript at scanner speed (WebDriver cannot drive
an input method); they carry what WebKitGTK delivers with an IME on, and the script
changes the focused box's value as the IME would."""
import json
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import App
from test_stocktake import CODES, cli, log_in, prepare

# Runs in the page: an IME-on scanner typing `code` into the focused element, one key
# every `gap` ms, with the composition growing as the IME shows it and committed by the
# Enter the scanner sends as its suffix. Resolves with the focused box's value just after.
IME_SCAN = """
const [code, gap, done] = arguments;
const el = document.activeElement;
const wide = (c) => (c === '-' ? '\\uFF0D' : c);
const keyCode = (c) => /[A-Z0-9]/.test(c) ? c.charCodeAt(0) : 189;
const codeOf = (c) => /[A-Z]/.test(c) ? 'Key' + c : /[0-9]/.test(c) ? 'Digit' + c : 'Minus';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// Scanner-speed gaps are kept exactly (a timer may fire late on a busy machine);
// a person's pace may come late, that only makes it slower.
const spin = (ms) => { const end = performance.now() + ms; while (performance.now() < end) {} };
const pause = (ms) => (ms < 20 ? Promise.resolve(spin(ms)) : sleep(ms));
const key = (init) => {
  const e = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });
  // WebKit ignores keyCode in the init dictionary.
  Object.defineProperty(e, 'keyCode', { get: () => init.keyCode });
  Object.defineProperty(e, 'which', { get: () => init.keyCode });
  return el.dispatchEvent(e);
};
const before = 'value' in el ? el.value : null;
(async () => {
  let composing = '';
  for (const [i, c] of [...code].entries()) {
    key({ key: 'Process', keyCode: 229, code: codeOf(c), shiftKey: /[A-Z]/.test(c) });
    if (i === 0) el.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true, data: '' }));
    composing += wide(c);
    el.dispatchEvent(new CompositionEvent('compositionupdate', { bubbles: true, data: composing }));
    if (before !== null) el.value = before + composing;
    el.dispatchEvent(new InputEvent('input', { bubbles: true, data: composing, inputType: 'insertCompositionText', isComposing: true }));
    await pause(gap);
  }
  const passed = key({ key: 'Process', keyCode: 229, code: 'Enter' });
  el.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: composing }));
  if (before !== null) el.value = before + composing;
  el.dispatchEvent(new InputEvent('input', { bubbles: true, data: composing, inputType: 'insertFromComposition' }));
  await sleep(30);
  done({ enterReachedThePage: passed, value: 'value' in el ? el.value : null });
})();
"""


def ime_scan(app: App, code: str, gap_ms: int = 8) -> dict:
    return app.driver.execute_async_script(IME_SCAN, code, gap_ms)


def flash(app: App, kind: str, code: str) -> str:
    def check(d):
        for el in d.find_elements(By.CSS_SELECTOR, '[data-testid="scan-flash"]'):
            if el.get_attribute("data-kind") == kind and el.get_attribute("data-code") == code:
                return el.text
        return False

    return app.wait.until(check)


def test_ime_scan_in_the_search_box_opens_the_scanned_asset_not_the_highlighted_row(launch, data_dir):
    prepare(data_dir)
    app = launch(data_dir)
    log_in(app)
    app.click("nav-ledger")
    app.wait.until(lambda d: len(app.row_codes()) == 4)
    search = app.find("ledger-search")
    search.click()
    # The clerk had typed something (slowly, by hand); the highlighted row is the first.
    for ch in "ZC":
        search.send_keys(ch)
        time.sleep(0.1)  # human-speed keys: this part must stay typing
    app.wait.until(lambda d: app.find_all("asset-row")[0].get_attribute("data-code") == CODES[0])

    result = ime_scan(app, CODES[2])
    assert result["enterReachedThePage"] is False, "the scan's Enter must be swallowed"
    assert result["value"] == "ZC", f"the scan stayed in the search box: {result['value']!r}"
    flash(app, "ok", CODES[2])
    assert app.wait_text("card-code", lambda t: t == CODES[2]) == CODES[2]

    # The same scan slowed to a person's pace is typing: nothing opens.
    app.click("nav-ledger")
    app.find("ledger-search").click()
    ime_scan(app, CODES[1], gap_ms=70)
    time.sleep(0.3)  # give a wrong card the time it would take to open
    assert not app.driver.find_elements(By.CSS_SELECTOR, '[data-testid="asset-card"]')


def test_scan_in_an_issue_dialog_adds_the_line_refuses_a_wrong_state_and_unknown_codes_say_so(launch, data_dir):
    prepare(data_dir)
    cli(data_dir, "doc", "loan", "--borrower", "王五", "--due", "2099-12-31", "ZC-FIN-0001")
    app = launch(data_dir)
    log_in(app)

    # From the home screen, an unknown code says so, with the code.
    body = app.driver.find_element(By.TAG_NAME, "body")
    body.send_keys("ZC-NOPE-0404" + Keys.ENTER)
    assert "不是本系统的资产编号" in flash(app, "bad", "ZC-NOPE-0404")

    app.click("nav-ledger")
    app.wait.until(lambda d: len(app.row_codes()) == 4)
    app.find_all("asset-row")[0].click()
    app.click("act-issue")
    app.find("doc-dialog")
    lines = lambda: [e.get_attribute("data-code") for e in app.find_all("doc-line")]
    assert lines() == [CODES[0]]
    # The focus is in the dialog's first field; the scan goes to the lines, not the field.
    person = app.find("d-person")
    person.send_keys(CODES[1] + Keys.ENTER)
    app.wait.until(lambda d: lines() == [CODES[0], CODES[1]])
    assert person.get_attribute("value") == ""
    assert "共 2 项" in flash(app, "ok", CODES[1])
    # On loan: an issue is not allowed, and the clerk is told why.
    person.send_keys("ZC-FIN-0001" + Keys.ENTER)
    text = flash(app, "bad", "ZC-FIN-0001")
    assert "借出" in text and "不能办理领用" in text, text
    person.send_keys("ZC-NOPE-0405" + Keys.ENTER)
    assert "不是本系统的资产编号" in flash(app, "bad", "ZC-NOPE-0405")
    assert lines() == [CODES[0], CODES[1]]

    app.type("d-person", "张三")
    app.click("doc-submit")
    app.wait_text("notice", lambda t: "LY-" in t)
    for code in CODES[:2]:
        assert json.loads(cli(data_dir, "--json", "asset", "show", code))["status"] == "in_use"
    assert json.loads(cli(data_dir, "--json", "asset", "show", CODES[2]))["status"] == "in_stock"


def test_scanner_test_screen_shows_the_events_the_decoded_code_and_advice(launch, data_dir):
    prepare(data_dir)
    app = launch(data_dir)
    log_in(app)
    app.click("nav-system")
    app.click("section-scanner")
    app.find("scanner-test-field").click()
    ime_scan(app, CODES[0])
    result = app.find("scanner-test-result")
    app.wait.until(lambda d: result.get_attribute("data-recognised") == "yes")
    assert app.text_of("scanner-test-code") == CODES[0]
    assert "－" in app.text_of("scanner-test-raw")
    app.wait_text("scanner-test-known", lambda t: t == "笔记本电脑")
    advice = app.text_of("scanner-test-advice")
    assert "输入法" in advice and "全角" in advice, advice
    assert len(app.find_all("scanner-event")) >= len(CODES[0]) * 3
    # A test scan opens nothing and leaves nothing in the box.
    assert app.find("scanner-test-field").get_attribute("value") == ""
    assert not app.driver.find_elements(By.CSS_SELECTOR, '[data-testid="asset-card"]')

    # The same code at a person's pace: not a scan, and why.
    ime_scan(app, CODES[1], gap_ms=70)
    app.wait.until(lambda d: result.get_attribute("data-recognised") == "no")
    assert "手工输入" in app.text_of("scanner-test-result")

    # Settings are kept on this computer: a scanner that ends with Tab, Enter only set.
    app.find("wedge-terminator").find_element(By.CSS_SELECTOR, 'option[value="enter"]').click()
    app.click("wedge-save")
    app.find("scanner-test-field").send_keys(CODES[2] + Keys.TAB)
    app.wait.until(lambda d: result.get_attribute("data-recognised") == "no")
    assert "回车" in app.text_of("scanner-test-advice")
    assert json.loads(app.driver.execute_script("return localStorage.getItem('assetdesk.scanner.wedge')"))["terminator"] == "enter"


def test_pda_round_trip_export_the_expected_list_import_a_gbk_file_through_the_file_chooser(launch, data_dir, tmp_path):
    import openpyxl
    from pathlib import Path

    from test_stocktake import banner

    prepare(data_dir)
    cli(data_dir, "asset", "add", "--code", "ZC-E2E-0004", "--name", "打印机", "--category", "电脑", "--dept", "行政部", "--location", "302室")
    cli(data_dir, "stocktake", "new", "--name", "PDA盘点", "--dept", "行政部")
    app = launch(data_dir)
    log_in(app)
    app.click("nav-stocktake")
    app.click("st-open")
    app.wait_text("count-expected", lambda t: t == "4")

    # Room 301's share of the expected list, as a workbook for the PDA.
    app.click("st-pda-toggle")
    app.find("pda-location").find_element(By.CSS_SELECTOR, 'option[value="301室"]').click()
    app.click("pda-export")
    message = app.wait_text("notice", lambda t: "应盘资产" in t)
    book = openpyxl.load_workbook(Path(message.split("应盘资产到 ")[1].rstrip("×").strip()))
    rows = list(book["应盘清单"].iter_rows(values_only=True))
    assert rows[0][:2] == ("资产编码", "资产名称") and "实盘" in rows[0]
    assert [r[0] for r in rows[1:]] == CODES

    # What the PDA gives back, saved in GBK: code, where, when; 0004 was found in 301室,
    # not in 302室 where the ledger has it; one code the ledger does not know.
    pda = "资产编码,盘点位置,扫描时间\r\n" + "".join(
        f"{code},301室,2026-11-23 10:1{i}:00\r\n" for i, code in enumerate([CODES[0], CODES[1], "ZC-E2E-0004", "ZC-PY-7777"])
    )
    results = tmp_path / "PDA结果.csv"
    results.write_bytes(pda.encode("gbk"))
    app.find("pda-file").send_keys(str(results))
    assert "已导入 4 条" in banner(app, "import", "PDA结果.csv")
    app.wait_text("count-found", lambda t: t == "3")
    assert app.text_of("count-remaining") == "1"
    verdicts = {r.find_elements(By.TAG_NAME, "td")[1].text: r.get_attribute("data-verdict") for r in app.find_all("scan-row")}
    assert verdicts == {CODES[0]: "found", CODES[1]: "found", "ZC-E2E-0004": "misplaced", "ZC-PY-7777": "surplus"}, verdicts
    report = json.loads(cli(data_dir, "--json", "stocktake", "report", "1"))
    assert report["missing"] == [CODES[2]]
    assert report["surplus"] == ["ZC-PY-7777"] and report["misplaced"] == ["ZC-E2E-0004"]


def test_hid_pos_panel_says_when_no_scanner_is_plugged_in(launch, data_dir):
    """The app's HID-POS path as far as this machine allows: hidapi lists devices (none
    here) and the panel says what to check; a remembered device that is gone is refused
    with its VID:PID. The report parsing and reader loop are tested on injected reports
    (crates/scanner/tests/scanner/hid_pos.rs)."""
    prepare(data_dir)
    cli(data_dir, "stocktake", "new", "--name", "HID盘点", "--dept", "行政部")
    app = launch(data_dir)
    log_in(app)
    app.driver.execute_script("localStorage.setItem('assetdesk.st.hid', '0c2e:0b61')")
    app.click("nav-stocktake")
    app.click("st-open")
    app.click("st-serial-toggle")
    app.click("hid-refresh")
    app.wait.until(lambda d: "没有找到 HID-POS 扫描枪" in app.find("serial-panel").text)
    app.click("hid-connect")
    status = app.wait_text("serial-status", lambda t: "0c2e:0b61" in t)
    assert app.find("serial-status").get_attribute("data-connected") == "no"
    assert "HID-POS" in status, status
