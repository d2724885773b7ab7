"""Robustness through the real app: a damaged ledger at start (the app names the file,
lists the verified backups it found, restores the chosen one keeping the damaged file,
and the clerk logs in to find their assets back), and a second window on one ledger."""
import sqlite3

from selenium.webdriver.common.keys import Keys

from test_foundation import PASSWORD, add_asset, set_up_ledger


def back_up_and_close(app, data_dir):
    """Takes a backup from the System screen, closes the app, and checkpoints the WAL
    into the ledger file, so damage done to the file is not hidden behind the WAL."""
    app.click("nav-system")
    app.click("section-backup")
    app.click("backup-now")
    app.wait_text("notice", lambda t: "已备份到" in t)
    app.quit()
    ledger = data_dir / "ledger.sqlite3"
    conn = sqlite3.connect(ledger)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return ledger


def test_a_damaged_ledger_is_restored_from_the_latest_backup_at_start(launch, data_dir):
    app = launch(data_dir)
    set_up_ledger(app)
    kept = add_asset(app, "投影仪", "教学设备", "教务处", "5600")
    ledger = back_up_and_close(app, data_dir)
    with open(ledger, "r+b") as f:  # a bad sector over the file's first page
        f.write(b"\x00garbage over the SQLite header\x00" * 4)
    damaged = ledger.read_bytes()

    app = launch(data_dir)
    problem = app.text_of("recovery-problem")
    assert str(ledger) in problem and "损坏" in problem, problem
    assert "1" in app.text_of("recovery-backups")
    app.click("recovery-use")
    app.find("recovery-done")
    kept_as = [p for p in data_dir.iterdir() if p.name.startswith("ledger.sqlite3.damaged-") and not p.name.endswith(("-wal", "-shm"))]
    assert len(kept_as) == 1 and kept_as[0].read_bytes() == damaged, "the damaged file is kept, not deleted"
    app.click("recovery-continue")
    app.type("login-user", "admin")
    app.type("login-password", PASSWORD + Keys.ENTER)
    app.wait_text("current-user", lambda t: "admin" in t)
    app.click("nav-ledger")
    app.wait.until(lambda d: app.row_codes() == [kept])


def test_a_second_window_on_the_same_ledger_refuses_and_changes_nothing(launch, data_dir, tmp_path):
    """One window per ledger: a second app instance says the ledger is already open and
    leaves it alone, while the first one goes on working."""
    import os
    import shutil
    import signal
    import subprocess
    from pathlib import Path

    from conftest import App, _free_port, _wait_for_port

    first = launch(data_dir)
    set_up_ledger(first)
    kept = add_asset(first, "投影仪", "教学设备", "教务处", "5600")
    before = (data_dir / "ledger.sqlite3").stat().st_size

    binary = shutil.which("tauri-driver") or str(Path.home() / ".cargo" / "bin" / "tauri-driver")
    port, native_port = _free_port(), _free_port()
    driver = subprocess.Popen([binary, "--port", str(port), "--native-port", str(native_port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        _wait_for_port(port, driver)
        second = App(f"http://127.0.0.1:{port}", data_dir)
        try:
            message = second.text_of("fatal")
            assert "已经打开" in message and str(data_dir) in message, message
        finally:
            second.quit()
    finally:
        os.killpg(driver.pid, signal.SIGTERM)
        driver.wait(timeout=10)

    assert (data_dir / "ledger.sqlite3").stat().st_size == before
    added = add_asset(first, "白板", "教学设备", "教务处", "300")
    first.click("nav-ledger")
    first.wait.until(lambda d: sorted(first.row_codes()) == sorted([kept, added]))


def test_damage_inside_the_file_is_found_after_start_and_sends_the_clerk_to_recovery(launch, data_dir):
    app = launch(data_dir)
    set_up_ledger(app)
    for i in range(3):
        add_asset(app, f"课桌{i}", "家具", "教务处", "300")
    ledger = back_up_and_close(app, data_dir)
    size = ledger.stat().st_size
    with open(ledger, "r+b") as f:  # the header and schema stay sound: only the full check sees it
        f.seek(size // 2 // 4096 * 4096)
        f.write(b"\xff" * (size - size // 2 // 4096 * 4096))

    app = launch(data_dir)
    assert str(ledger) in app.text_of("recovery-problem")
    app.click("recovery-use")
    app.click("recovery-continue")
    app.type("login-user", "admin")
    app.type("login-password", PASSWORD + Keys.ENTER)
    app.wait_text("current-user", lambda t: "admin" in t)
    app.click("nav-ledger")
    app.wait.until(lambda d: len(app.row_codes()) == 3)
