"""Approvals and users (issue 20) in the real app: a scrap posted by one user waits as
待审批 and changes nothing; after 切换用户 a second user with the approval permission
approves it and the asset is 已报废. An administrator disables a user, who then cannot
log in."""
import json
import os
import re
import subprocess

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from test_documents import card_status
from test_stocktake import CLI, PASSWORD, cli


def add_user(data_dir, name: str, role: str, password: str) -> None:
    env = {**os.environ, "ASSETDESK_PASSWORD": PASSWORD, "ASSETDESK_NEW_PASSWORD": password}
    out = subprocess.run([str(CLI), "--data-dir", str(data_dir), "user", "add", name, "--role", role], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr


def log_in(app, user: str, password: str) -> None:
    app.type("login-user", user)
    app.type("login-password", password + Keys.ENTER)
    app.wait_text("current-user", lambda t: user in t)


def switch_user(app) -> None:
    app.click("switch-user")
    app.find("login-form")
    # Nothing of the previous user is left: the name field is empty, no notice shows.
    assert app.find("login-user").get_attribute("value") == ""
    assert not app.find_all("notice")


def test_a_scrap_waits_until_a_second_user_approves_it(launch, data_dir):
    cli(data_dir, "init", "--admin", "admin", "--company", "示例单位")
    code = json.loads(cli(data_dir, "--json", "asset", "add", "--name", "旧投影仪", "--category", "电教设备", "--dept", "教务处", "--value", "3200"))["code"]
    add_user(data_dir, "head", "power", "head-pass-1")
    app = launch(data_dir)

    log_in(app, "admin", PASSWORD)
    # The administrator lets the head approve and makes scrapping need approval, in the app.
    app.click("nav-system")
    app.click("section-users")
    app.click("perm-power-approve_documents")
    app.wait.until(lambda d: app.find("perm-power-approve_documents").is_selected())
    app.click("section-settings")
    app.click("approval-scrap")
    app.wait_text("notice", lambda t: "参数已保存" in t)
    assert app.find("approval-scrap").is_selected()

    # The clerk scraps from the ledger's selection bar; the document waits.
    app.click("nav-ledger")
    app.type("ledger-search", code)
    app.wait.until(lambda d: app.row_codes() == [code])
    app.driver.find_element(By.CSS_SELECTOR, f'[data-testid="asset-row"][data-code="{code}"]').click()
    app.click("act-scrap")
    app.type("d-reason", "灯泡损坏无法维修")
    app.click("doc-submit")
    doc = re.search(r"BF-\d{4}-\d+", app.wait_text("notice", lambda t: "BF-" in t)).group(0)
    assert card_status(app, code) == "在库", "pending changes nothing"

    # The applicant sees their own document waiting and cannot approve it.
    app.click("nav-approvals")
    app.wait.until(lambda d: [r.get_attribute("data-doc") for r in app.find_all("approval-row")] == [doc])
    assert not app.find_all("approval-approve")
    app.find_all("approval-row")[0].find_element(By.CSS_SELECTOR, "button.link").click()
    assert app.wait_text("doc-state", lambda t: t) == "待审批"
    assert "admin" in app.text_of("doc-applicant")
    assert not app.find_all("doc-approve")

    # Log out, log in as the approver: the badge counts one; approve from the document.
    switch_user(app)
    log_in(app, "head", "head-pass-1")
    assert app.wait_text("approvals-badge", lambda t: t) == "1"
    app.click("nav-approvals")
    app.wait.until(lambda d: len(app.find_all("approval-row")) == 1)
    # Keyboard: Enter opens the chosen row.
    app.driver.find_element(By.TAG_NAME, "body").send_keys(Keys.ENTER)
    app.wait_text("doc-no", lambda t: t == doc)
    app.click("doc-approve")
    app.wait_text("notice", lambda t: "已审批通过" in t)
    assert app.wait_text("doc-state", lambda t: t == "有效") == "有效"
    assert "head" in app.text_of("doc-approver")
    app.wait.until(lambda d: not app.find_all("approvals-badge"))

    assert card_status(app, code) == "已报废"
    shown = json.loads(cli(data_dir, "--json", "doc", "show", doc))
    assert shown["approval"]["applicant"] == "admin" and shown["approval"]["approver"] == "head"


def test_a_disabled_user_cannot_log_in(launch, data_dir):
    cli(data_dir, "init", "--admin", "admin", "--company", "示例单位")
    add_user(data_dir, "clerk", "power", "clerk-pass")
    app = launch(data_dir)
    log_in(app, "admin", PASSWORD)
    app.click("nav-system")
    app.click("section-users")
    app.click("user-disable-clerk")
    app.wait_text("user-state-clerk", lambda t: t == "停用")
    # The last administrator cannot demote themselves: refused with the reason.
    Select(app.find("user-role-admin")).select_by_value("power")
    assert "唯一在用的管理员" in app.wait_text("users-error", lambda t: t), app.text_of("notice")
    app.wait.until(lambda d: app.find("user-role-admin").get_attribute("value") == "admin")

    switch_user(app)
    app.type("login-user", "clerk")
    app.type("login-password", "clerk-pass" + Keys.ENTER)
    assert "已停用" in app.wait_text("login-error", lambda t: t)
    # Enabled again (here with the CLI, on the same ledger), the clerk logs in.
    cli(data_dir, "user", "enable", "clerk")
    app.type("login-password", "clerk-pass" + Keys.ENTER)
    app.wait_text("current-user", lambda t: "clerk" in t)


def next_call(app) -> None:
    """The clerk's next call: another screen (首页, then 资产台账) loads its data, unless
    a call the app made by itself already ended the session and the login screen shows."""
    for nav in ["nav-home", "nav-ledger"]:
        app.driver.execute_script(f"document.querySelector('[data-testid=\"{nav}\"]')?.click()")


def test_a_user_disabled_while_logged_in_is_sent_back_to_the_login_screen_saying_why(launch, data_dir):
    cli(data_dir, "init", "--admin", "admin", "--company", "示例单位")
    add_user(data_dir, "clerk", "power", "clerk-pass")
    app = launch(data_dir)
    log_in(app, "clerk", "clerk-pass")
    app.click("nav-documents")
    app.find("docs-search")
    # Meanwhile the administrator disables the clerk (at another desk: the CLI, same
    # ledger file). The clerk's next call ends the session with the reason.
    cli(data_dir, "user", "disable", "clerk")
    next_call(app)
    assert "已被管理员停用" in app.wait_text("session-ended", lambda t: t)
    app.find("login-form")
    assert not app.find_all("current-user")

    # A password reset by the administrator ends the session too; the new password works.
    cli(data_dir, "user", "enable", "clerk")
    log_in(app, "clerk", "clerk-pass")
    env = {**os.environ, "ASSETDESK_PASSWORD": PASSWORD, "ASSETDESK_NEW_PASSWORD": "clerk-pass-2"}
    out = subprocess.run([str(CLI), "--data-dir", str(data_dir), "user", "reset-password", "clerk"], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    next_call(app)
    assert "重置" in app.wait_text("session-ended", lambda t: t)
    log_in(app, "clerk", "clerk-pass-2")
    assert not app.find_all("session-ended")
