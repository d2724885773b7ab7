"""Issue 27, item 7: no typed paths. Folders and files are chosen in native choosers,
opened by the backend (the window itself may not open one), shown read-only, and the
backup folder is remembered. WebDriver cannot drive a native dialog: the `chooser`
fixture answers it (ASSETDESK_TEST_CHOOSER_ANSWER_FILE)."""
import sqlite3

from selenium.webdriver.common.keys import Keys

from test_foundation import PASSWORD, add_asset, set_up_ledger


def test_the_backup_folder_is_chosen_remembered_and_restored_from(chooser, launch, data_dir, tmp_path):
    usb = tmp_path / "U盘" / "台账备份"
    usb.mkdir(parents=True)
    app = launch(data_dir)
    set_up_ledger(app)
    kept = add_asset(app, "会议桌", "家具", "行政部", "2400")

    # 系统参数 → 备份文件夹: read-only, chosen; cancelling the chooser changes nothing.
    app.click("nav-system")
    app.click("section-settings")
    field = app.find("s-backup-dir")
    assert field.get_attribute("readonly") is not None, "the path cannot be typed"
    assert "默认" in field.get_attribute("value")
    chooser.answer(None)
    app.click("s-backup-dir-choose")
    assert chooser.asked()["kind"] == "folder"
    assert "默认" in app.find("s-backup-dir").get_attribute("value"), "cancelled: nothing chosen"
    chooser.answer(usb)
    app.click("s-backup-dir-choose")
    app.wait.until(lambda d: app.find("s-backup-dir").get_attribute("value") == str(usb))
    app.click("s-save")
    app.wait_text("notice", lambda t: "参数已保存" in t)
    stored = sqlite3.connect(data_dir / "ledger.sqlite3").execute("select value from settings where key = 'backup_dir'").fetchone()
    assert stored == (str(usb),), stored
    app.quit()

    # Remembered: after a restart the backup page backs up into the chosen folder.
    app = launch(data_dir)
    app.type("login-user", "admin")
    app.type("login-password", PASSWORD + Keys.ENTER)
    app.wait_text("current-user", lambda t: "admin" in t)
    app.click("nav-system")
    app.click("section-backup")
    app.wait.until(lambda d: app.find("backup-dir").get_attribute("value") == str(usb))
    app.click("backup-now")
    app.wait_text("notice", lambda t: "已备份到" in t and str(usb) in t)
    backups = sorted(usb.glob("assetdesk-*.sqlite3"))
    assert len(backups) == 1, list(usb.iterdir())
    app.wait_text("backup-table", lambda t: backups[0].name in t)

    # Later work is undone by restoring the backup chosen in the file chooser.
    later = add_asset(app, "备份后登记的椅子", "家具", "行政部", "300")
    app.click("nav-system")
    app.click("section-backup")
    chooser.answer(backups[0])
    app.click("restore-choose")
    assert chooser.asked() == {"kind": "backup_file", "directory": str(usb), "file_name": None}
    assert app.text_of("restore-file") == str(backups[0])
    assert "1 项资产" in app.wait_text("restore-preview", lambda t: "资产" in t)
    app.click("restore-confirm")
    app.wait_text("notice", lambda t: "已恢复" in t)
    app.click("nav-ledger")
    app.wait.until(lambda d: app.row_codes() == [kept])
    assert later not in app.row_codes()


def test_a_file_that_is_not_a_backup_is_refused_before_restoring(chooser, launch, data_dir, tmp_path):
    app = launch(data_dir)
    set_up_ledger(app)
    code = add_asset(app, "投影仪", "教学设备", "教务处", "5600")
    bogus = tmp_path / "assetdesk-假的.sqlite3"
    bogus.write_text("这不是数据库", encoding="utf-8")
    app.click("nav-system")
    app.click("section-backup")
    chooser.answer(bogus)
    app.click("restore-choose")
    preview = app.wait_text("restore-preview", lambda t: str(bogus) in t and len(t) > len(str(bogus)))
    assert not app.find_all("restore-confirm"), preview
    app.click("nav-ledger")
    app.wait.until(lambda d: app.row_codes() == [code])


def test_the_window_itself_may_not_open_a_dialog(launch, data_dir):
    """The dialog plugin is linked for the backend's choosers only: the window is granted
    none of its permissions, so a script in it cannot open a chooser or learn paths."""
    app = launch(data_dir)
    outcome = app.driver.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        window.__TAURI_INTERNALS__.invoke('plugin:dialog|open', { options: {} })
          .then((r) => done('opened: ' + JSON.stringify(r)), (e) => done('refused: ' + String(e)));
        """
    )
    assert outcome.startswith("refused: ") and "not allowed" in outcome, outcome
