"""Regenerates README's screenshots (docs/screenshots/*.png) from the real app.

Run through scripts/screenshots.sh (it builds the app and provides Xvfb). A demo ledger
of a school's assets (realistic Chinese data) is made with the real `assetdesk` CLI, then
the real app is started on it through tauri-driver, exactly as the e2e tests do (the
helpers of tests/e2e/conftest.py), and each screen is visited and saved at 1366×768.
A tool, not a test: it fails loudly when a screen it expects is missing.
"""
import csv
import json
import os
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
# WebKitWebDriver's screenshot waits for a composited frame: with the app's lean default
# (compositing off, src-tauri/src/main.rs) it never returns.
os.environ["WEBKIT_DISABLE_COMPOSITING_MODE"] = "0"

import conftest  # noqa: E402  (sets the temporary config folder and chooser answer file)
from conftest import App, tauri_driver  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402

CLI = Path(os.environ.get("ASSETDESK_CLI", ROOT / "target" / "debug" / "assetdesk"))
OUT = Path(os.environ.get("SCREENSHOTS_DIR", ROOT / "docs" / "screenshots"))
ADMIN, PASSWORD, ORG = "王会计", "demo-pass-2026", "华东示范学校"
TODAY = date.today()

# name, category, model, dept, location, person, acquired, value, life years, status
ASSETS = [
    ("联想笔记本电脑", "电脑", "ThinkPad T14 Gen 4", "行政部", "行政楼 201", "张伟", "2023-03-15", "6999.00", 5, "在用"),
    ("联想笔记本电脑", "电脑", "ThinkPad T14 Gen 4", "财务部", "行政楼 305", "李娜", "2023-03-15", "6999.00", 5, "在用"),
    ("戴尔台式电脑", "电脑", "OptiPlex 7010", "教务处", "教学楼 A102", "王芳", "2022-09-01", "5280.00", 5, "在用"),
    ("戴尔台式电脑", "电脑", "OptiPlex 7010", "教务处", "教学楼 A102", "", "2022-09-01", "5280.00", 5, "闲置"),
    ("华为 MateBook", "电脑", "MateBook 14", "信息中心", "信息楼 101", "刘洋", "2024-06-20", "7299.00", 5, "在用"),
    ("苹果 iMac", "电脑", "iMac 24 M3", "宣传部", "行政楼 402", "陈静", "2024-02-28", "11499.00", 5, "在用"),
    ("惠普激光打印机", "打印机", "LaserJet Pro M404dn", "行政部", "行政楼 201", "", "2021-05-10", "2399.00", 5, "在用"),
    ("佳能彩色复印机", "办公设备", "iR-ADV C3826", "行政部", "行政楼 文印室", "", "2020-11-02", "36800.00", 8, "在用"),
    ("得力碎纸机", "办公设备", "9918", "财务部", "行政楼 305", "", "2022-01-12", "899.00", 5, "在用"),
    ("爱普生投影仪", "教学设备", "CB-X50", "教务处", "教学楼 B201", "", "2021-08-25", "4580.00", 6, "在用"),
    ("希沃交互平板", "教学设备", "MC86FEA 86 英寸", "教务处", "教学楼 B203", "", "2023-08-30", "18900.00", 8, "在用"),
    ("希沃交互平板", "教学设备", "MC86FEA 86 英寸", "教务处", "教学楼 B204", "", "2023-08-30", "18900.00", 8, "损坏"),
    ("实物展台", "教学设备", "S500", "教务处", "教学楼 B201", "", "2019-09-01", "1650.00", 6, "在用"),
    ("华为交换机", "网络设备", "S5735-L48T4X", "信息中心", "信息楼 机房", "", "2022-04-18", "8650.00", 6, "在用"),
    ("华为无线 AP", "网络设备", "AirEngine 5761", "信息中心", "教学楼 A 层", "", "2022-04-18", "1980.00", 6, "在用"),
    ("深信服防火墙", "网络设备", "AF-1000", "信息中心", "信息楼 机房", "", "2021-12-06", "42000.00", 6, "在用"),
    ("戴尔服务器", "网络设备", "PowerEdge R750", "信息中心", "信息楼 机房", "", "2022-07-01", "56800.00", 6, "在用"),
    ("实木会议桌", "家具", "3.6 米", "行政部", "行政楼 会议室", "", "2018-03-20", "8600.00", 15, "在用"),
    ("会议椅", "家具", "网布款", "行政部", "行政楼 会议室", "", "2018-03-20", "680.00", 10, "在用"),
    ("文件柜", "家具", "钢制 四门", "财务部", "行政楼 档案室", "", "2019-06-11", "1280.00", 15, "在用"),
    ("保险柜", "家具", "FDG-A1/D-80", "财务部", "行政楼 305", "", "2020-01-08", "3680.00", 15, "在用"),
    ("学生课桌椅", "家具", "升降款（套）", "教务处", "教学楼 C 层", "", "2021-08-15", "420.00", 10, "在用"),
    ("格力空调", "电器", "KFR-72LW 3 匹", "教务处", "教学楼 B201", "", "2020-06-30", "7299.00", 10, "在用"),
    ("美的空调", "电器", "KFR-35GW 1.5 匹", "行政部", "行政楼 201", "", "2021-07-05", "3299.00", 10, "在用"),
    ("海康监控摄像机", "安防设备", "DS-2CD3T47", "后勤处", "校门", "", "2022-10-10", "1250.00", 6, "在用"),
    ("海康硬盘录像机", "安防设备", "DS-7932N", "后勤处", "保卫室", "", "2022-10-10", "5600.00", 6, "在用"),
    ("电动三轮车", "车辆", "宗申 1.5 米", "后勤处", "车库", "赵强", "2020-04-01", "6800.00", 8, "在用"),
    ("索尼数码相机", "办公设备", "α7 IV", "宣传部", "行政楼 402", "", "2023-05-18", "16999.00", 6, "在用"),
    ("钢琴", "教学设备", "珠江 UP118", "艺术中心", "艺术楼 琴房 1", "", "2017-09-01", "15800.00", 15, "在用"),
    ("显微镜", "教学设备", "XSP-BM-2CA", "教务处", "实验楼 生物室", "", "2019-03-12", "2350.00", 10, "在用"),
]


def cli(data_dir: Path, *args: str) -> dict:
    env = {**os.environ, "ASSETDESK_PASSWORD": PASSWORD}
    run = subprocess.run([str(CLI), "--data-dir", str(data_dir), "--json", *args], capture_output=True, text=True, env=env)
    if run.returncode != 0:
        raise SystemExit(f"assetdesk {' '.join(args)} failed: {run.stderr.strip()}")
    out = run.stdout.strip()
    if not out:
        return {}
    try:
        return json.loads(out)
    except json.JSONDecodeError:  # one JSON object a line (stocktake scan)
        return [json.loads(line) for line in out.splitlines() if line.strip()]


def seed(data_dir: Path, work: Path) -> dict:
    """A school's ledger: assets in use across departments, a few documents, a loan
    past due, a fault, a stocktake under way, consumables and a label printer."""
    cli(data_dir, "init", "--admin", ADMIN, "--company", ORG)
    sheet = work / "旧台账.csv"
    with sheet.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["资产名称", "资产类别", "规格型号", "使用部门", "存放地点", "使用人", "购置日期", "原值", "使用年限", "残值率", "使用状况"])
        for name, cat, model, dept, loc, person, acquired, value, life, status in ASSETS:
            w.writerow([name, cat, model, dept, loc, person, acquired, value, life, "5%", status])
    cli(data_dir, "import", str(sheet))
    codes = [a["code"] for a in cli(data_dir, "asset", "list", "--limit", "100")]
    by_name = {}
    for a in cli(data_dir, "asset", "list", "--limit", "100"):
        by_name.setdefault(a["name"], []).append(a["code"])
    # Registered today: a new laptop, lent to a teacher and overdue; an idle desktop issued.
    new = cli(data_dir, "asset", "add", "--name", "联想笔记本电脑", "--category", "电脑", "--model", "ThinkPad X1 Carbon", "--dept", "信息中心",
              "--location", "信息楼 库房", "--value", "9999.00", "--acquired", (TODAY - timedelta(days=30)).isoformat(), "--life-years", "5", "--salvage-rate", "5%")["code"]
    cli(data_dir, "doc", "issue", "--to", "孙老师", "--dept", "教务处", by_name["戴尔台式电脑"][1])
    cli(data_dir, "doc", "loan", "--borrower", "周老师", "--date", (TODAY - timedelta(days=17)).isoformat(), "--due", (TODAY - timedelta(days=3)).isoformat(), new)
    cli(data_dir, "doc", "transfer", "--to-dept", "教务处", "--location", "教学楼 A101", by_name["美的空调"][0])
    cli(data_dir, "doc", "scrap", "--reason", "主板损坏，维修不经济", by_name["实物展台"][0])
    # A stocktake of the teaching building, part scanned.
    st = cli(data_dir, "stocktake", "new", "--name", f"{TODAY.year}年度教务处盘点", "--dept", "教务处", "--responsible", "王芳、孙老师")["id"]
    teaching = [a["code"] for a in cli(data_dir, "asset", "list", "--dept", "教务处", "--limit", "100")]
    cli(data_dir, "stocktake", "scan", str(st), *teaching[: len(teaching) // 2], "ZC-OLD-0042")
    # Consumables: stock, a few issues, one item running low.
    for name, kind, unit, threshold, qty, price, supplier in [
        ("A4 复印纸", "纸品", "包", "20", "120", "23.50", "晨光文具"),
        ("中性笔", "文具", "支", "50", "300", "1.50", "晨光文具"),
        ("硒鼓 CF259A", "耗材配件", "个", "3", "6", "368.00", "惠普授权店"),
        ("订书钉", "文具", "盒", "10", "12", "2.80", "得力文具"),
    ]:
        item = cli(data_dir, "consumable", "item", "add", "--name", name, "--type", kind, "--unit", unit, "--threshold", threshold)["item"]
        cli(data_dir, "consumable", "receive", item, "--qty", qty, "--price", price, "--supplier", supplier)
    for item, qty, dept, person in [("A4 复印纸", "30", "行政部", "张伟"), ("A4 复印纸", "25", "教务处", "王芳"), ("中性笔", "80", "教务处", "王芳"),
                                    ("硒鼓 CF259A", "4", "行政部", "张伟"), ("订书钉", "5", "财务部", "李娜"), ("中性笔", "40", "财务部", "李娜")]:
        cli(data_dir, "consumable", "issue", item, "--qty", qty, "--dept", dept, "--person", person)
    cli(data_dir, "printer", "add", "仓库 TSC 标签机", "--uri", "tcp://192.168.1.50:9100", "--language", "tspl", "--dpi", "203", "--label-size", "50x30", "--default")
    cli(data_dir, "printer", "add", "财务室斑马", "--uri", "tcp://192.168.1.51:9100", "--language", "zpl", "--dpi", "300")
    # Depreciation posted month by month up to last month, as the clerk would have.
    last_month = (TODAY.replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
    while (next_period := cli(data_dir, "depreciation", "status")["next"]) and next_period <= last_month:
        cli(data_dir, "depreciation", "run", "--period", next_period)
    cli(data_dir, "backup", "create")
    return {"codes": codes, "new": new, "stocktake": st, "by_name": by_name}


def shot(app: App, name: str) -> None:
    # Let fonts, charts and transitions settle: wait until nothing is loading.
    app.wait.until(lambda d: d.execute_script("return document.readyState === 'complete' && !document.querySelector('.loading, [aria-busy=\"true\"]')"))
    app.driver.execute_script("document.activeElement && document.activeElement.blur && document.activeElement.blur()")
    path = OUT / f"{name}.png"
    path.write_bytes(app.driver.get_screenshot_as_png())
    print(f"saved {path}")


def login(app: App) -> None:
    app.type("login-user", ADMIN)
    app.type("login-password", PASSWORD + Keys.ENTER)
    app.wait_text("current-user", lambda t: ADMIN in t)


def visit(app: App, data: dict) -> None:
    login(app)
    app.click("nav-home")
    app.wait_text("reminders", lambda t: "盘点" in t)
    app.find("chart-category")
    shot(app, "home")

    app.click("nav-ledger")
    app.wait_text("ledger-count", lambda t: str(len(ASSETS) + 1) in t)
    app.wait.until(lambda d: len(app.row_codes()) >= 10)
    shot(app, "ledger")
    rows = app.find_all("asset-row")
    rows[0].click()
    ActionChains(app.driver).key_down(Keys.CONTROL).click(rows[2]).click(rows[3]).key_up(Keys.CONTROL).perform()
    app.wait.until(lambda d: app.find_all("selection-bar"))
    shot(app, "ledger-selection")
    app.click("act-transfer")
    app.find("doc-submit")
    shot(app, "issue-dialog")
    app.driver.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
    app.wait.until(lambda d: not app.find_all("doc-submit"))

    code = data["by_name"]["联想笔记本电脑"][0]
    app.type("ledger-search", code)
    app.wait.until(lambda d: app.row_codes() == [code])
    ActionChains(app.driver).double_click(app.find_all("asset-row")[0]).perform()
    app.find("asset-card")
    shot(app, "asset-card")

    app.click("nav-ledger")
    app.click("ledger-add")
    app.type("f-name", "戴尔显示器")
    app.type("f-category", "电脑")
    shot(app, "asset-form")
    app.driver.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)

    app.click("nav-documents")
    app.wait.until(lambda d: len(app.find_all("doc-row")) >= 4)
    shot(app, "documents")

    app.click("nav-stocktake")
    app.find("st-table")
    shot(app, "stocktake")
    app.click("st-open")
    app.find("st-run")
    # Two codes typed at the desk: one found, one the ledger does not know.
    teaching_code = data["by_name"]["希沃交互平板"][0]
    for code in (teaching_code, "ZC-OLD-0099"):
        app.type("manual-code", code + Keys.ENTER)
        app.wait.until(lambda d, code=code: code in app.find("st-run").text)
    shot(app, "stocktake-scanning")
    app.click("st-to-review")
    app.find("st-review")
    shot(app, "stocktake-review")

    app.click("nav-labels")
    app.click("labels-tab-templates")
    app.wait.until(lambda d: app.find_all("tpl-item"))
    app.find_all("tpl-item")[0].click()
    app.find("t-name")
    shot(app, "labels")
    app.click("labels-tab-printers")
    app.wait.until(lambda d: len(app.find_all("printer-row")) == 2)
    shot(app, "label-printers")

    app.click("nav-value")
    app.find("value-page")
    shot(app, "value")

    app.click("nav-consumables")
    app.wait.until(lambda d: len(app.find_all("cons-item")) == 4)
    shot(app, "consumables")
    app.click("ctab-stats")
    app.find("cons-stats-table")
    shot(app, "consumables-stats")

    app.click("nav-reports")
    app.wait.until(lambda d: app.find_all("report-row"))
    shot(app, "reports")

    app.click("nav-system")
    app.click("section-backup")
    app.wait.until(lambda d: app.find_all("backup-table") and "完好" in app.find("backup-table").text)
    shot(app, "system-backup")
    app.click("section-scanner")
    shot(app, "scanner-test")


def first_run(url: str, work: Path) -> None:
    app = App(url, work / "empty-ledger")
    try:
        app.find("setup-org")
        app.type("setup-org", ORG)
        app.type("setup-admin", ADMIN)
        shot(app, "first-run")
    finally:
        app.quit()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="assetdesk-screens-") as tmp:
        work = Path(tmp)
        data_dir = work / "ledger"
        data = seed(data_dir, work)
        with tauri_driver() as url:
            first_run(url, work)
        with tauri_driver() as url:
            app = App(url, data_dir)
            try:
                visit(app, data)
            finally:
                app.quit()


if __name__ == "__main__":
    main()
