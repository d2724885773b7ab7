"""System management through the UI: a normal user sees only their department and is
refused what their role may not do; backups are taken and restored."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from test_documents import select_row
from test_foundation import PASSWORD, add_asset, set_up_ledger


def test_a_normal_user_sees_only_their_department_and_is_refused_clearly(launch, data_dir):
    app = launch(data_dir)
    set_up_ledger(app)
    ours = add_asset(app, "行政部电脑", "电脑", "行政部", "5000")
    add_asset(app, "财务部电脑", "电脑", "财务部", "6000")
    app.click("nav-system")
    app.click("section-users")
    app.type("user-name", "小李")
    app.find("user-role").find_element(By.CSS_SELECTOR, 'option[value="normal"]').click()
    app.find("user-dept").find_element(By.CSS_SELECTOR, 'option[value="行政部"]').click()
    app.type("user-password", "clerk-pass")
    app.click("user-add")
    app.wait_text("users-table", lambda t: "小李" in t)
    app.quit()

    app = launch(data_dir)
    app.type("login-user", "小李")
    app.type("login-password", "clerk-pass" + Keys.ENTER)
    app.wait_text("current-user", lambda t: "小李" in t)
    app.click("nav-ledger")
    app.wait.until(lambda d: app.row_codes() == [ours])
    assert not app.find_all("ledger-add"), "a normal user is not offered registration"

    # Issuing to a person the registers do not know would create that person: refused.
    select_row(app, ours)
    app.click("act-issue")
    app.type("d-person", "新来的人")
    app.click("doc-submit")
    message = app.wait_text("doc-error", lambda t: t)
    assert "无权" in message and "小李" in message, message


def test_a_backup_is_taken_and_restored_from_the_system_screen(chooser, launch, data_dir):
    app = launch(data_dir)
    set_up_ledger(app)
    kept = add_asset(app, "投影仪", "教学设备", "教务处", "5600")
    app.click("nav-system")
    app.click("section-backup")
    app.click("backup-now")
    notice = app.wait_text("notice", lambda t: "已备份到" in t)
    backup_file = notice.split("已备份到")[1].strip().split()[0].rstrip("×")
    later = add_asset(app, "备份后登记", "家具", "教务处", "100")
    app.click("nav-system")
    app.click("section-backup")
    # The backup is chosen in the (native) file chooser, opened in the backup folder.
    chooser.answer(backup_file)
    app.click("restore-choose")
    assert app.text_of("restore-file") == backup_file
    assert chooser.asked() == {"kind": "backup_file", "directory": str(data_dir / "backups"), "file_name": None}
    assert "1 项资产" in app.wait_text("restore-preview", lambda t: "资产" in t)
    app.click("restore-confirm")
    app.wait_text("notice", lambda t: "已恢复" in t)
    app.click("nav-ledger")
    app.wait.until(lambda d: app.row_codes() == [kept])
    assert later not in app.row_codes()


def test_custom_fields_and_photos_on_the_card(launch, data_dir, tmp_path):
    import base64

    app = launch(data_dir)
    set_up_ledger(app)
    code = add_asset(app, "投影仪", "教学设备", "教务处", "5600")
    app.click("nav-system")
    app.click("section-fields")
    app.type("field-name", "保修截止")
    app.find("field-kind").find_element(By.CSS_SELECTOR, 'option[value="date"]').click()
    app.click("field-add")
    app.wait_text("fields-table", lambda t: "保修截止" in t)

    app.click("nav-ledger")
    app.type("ledger-search", code)
    app.wait.until(lambda d: app.row_codes() == [code])
    app.type("ledger-search", Keys.ENTER, clear=False)
    app.click("custom-edit")
    app.type("custom-保修截止", "明年")
    app.click("custom-save")
    assert "不是有效日期" in app.wait_text("notice", lambda t: "保修截止" in t)
    app.type("custom-保修截止", "2028-03-01")
    app.click("custom-save")
    app.wait_text("custom-value-保修截止", lambda t: t == "2028-03-01")

    photo = tmp_path / "正面.png"
    # A 1x1 red PNG.
    photo.write_bytes(base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="))
    app.find("attach-input").send_keys(str(photo))
    app.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, '[data-testid="attachments"] img[alt="正面.png"]'))
    assert "正面.png" in app.find("attachments").get_attribute("textContent")


def test_parameters_are_validated_and_saved(launch, data_dir):
    app = launch(data_dir)
    set_up_ledger(app)
    assert "尚未备份" in app.text_of("backup-badge")
    app.click("nav-system")
    app.click("section-settings")
    app.type("s-code-rule", "ZC-{SEQ5}-{SEQ5}")
    app.type("s-backup-time", "25:99")
    app.click("s-save")
    message = app.wait_text("notice", lambda t: "编码规则" in t)
    assert "编码规则「ZC-{SEQ5}-{SEQ5}」" in message, message
    app.type("s-code-rule", "BG-{YY}-{SEQ4}")
    app.click("s-save")
    assert "备份时间「25:99」须为 HH:MM" in app.wait_text("notice", lambda t: "备份时间" in t)
    app.type("s-backup-time", "08:30")
    app.type("s-org", "新单位名称")
    app.click("s-save")
    app.wait_text("notice", lambda t: "参数已保存" in t)
    code = add_asset_with_rule(app)
    assert code.startswith("BG-"), code


def add_asset_with_rule(app):
    app.click("nav-ledger")
    app.click("ledger-add")
    app.type("f-name", "椅子")
    app.type("f-category", "家具")
    app.click("f-save")
    return app.wait_text("card-code", lambda t: t.startswith("BG-") or t.startswith("ZC-"))


def test_the_audit_log_shows_its_verdict_and_exports(launch, data_dir):
    import openpyxl
    from pathlib import Path

    app = launch(data_dir)
    set_up_ledger(app)
    add_asset(app, "投影仪", "教学设备", "教务处", "5600")
    app.click("nav-system")
    app.click("section-audit")
    assert "未被篡改" in app.wait_text("audit-verdict", lambda t: "审计日志" in t)
    assert "asset_add" in app.wait_text("audit-table", lambda t: "asset_add" in t)
    app.click("export")
    message = app.wait_text("notice", lambda t: "已导出" in t)
    rows = list(openpyxl.load_workbook(Path(message.split("行到 ")[1].rstrip("×").strip())).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("序号", "时间", "用户", "操作")
    assert any(r[3] == "asset_add" for r in rows[1:])


def test_the_audit_screen_shows_the_fingerprint_and_a_deleted_entry(launch, data_dir):
    """Issue 26: the 审计指纹 is on the audit screen; the newest entry deleted behind the
    app's back (the ledger file changed with SQLite while the app was closed) is found
    with what differs, not shown as intact — also after the next login wrote a new entry
    under the deleted number."""
    import re
    import sqlite3

    app = launch(data_dir)
    set_up_ledger(app)
    add_asset(app, "投影仪", "教学设备", "教务处", "5600")
    app.click("nav-system")
    app.click("section-audit")
    fingerprint = app.wait_text("audit-fingerprint", lambda t: "审计指纹" in t)
    app.wait_text("audit-table", lambda t: "asset_add" in t)
    newest = max(int(td.text) for td in app.driver.find_elements(By.CSS_SELECTOR, '[data-testid="audit-table"] tbody tr td:first-child'))
    assert re.search(rf"[0-9a-f]{{8}}-{newest}$", fingerprint), (fingerprint, newest)
    app.quit()

    with sqlite3.connect(data_dir / "ledger.sqlite3") as db:
        db.execute("DELETE FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log)")
    app = launch(data_dir)
    app.type("login-user", "admin")
    app.type("login-password", PASSWORD + Keys.ENTER)
    app.wait_text("current-user", lambda t: "admin" in t)
    # The check on open (head against anchor) raised the alarm in the header.
    assert "审计异常" in app.wait_text("audit-alarm", lambda t: "审计" in t)
    app.click("nav-system")
    app.click("section-audit")
    assert "篡改" in app.wait_text("audit-verdict", lambda t: "审计日志" in t)
    assert "锚点" in app.wait_text("audit-finding", lambda t: "锚点" in t)
