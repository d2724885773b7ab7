"""The app's side of the benchmark (issue 10): launch to interactive, and resident
memory while browsing, on the 100,000-asset ledger the bench binary kept.

    python scripts/bench_app.py LEDGER_DIR RESULTS_JSON

Launch is measured from the app process's start (from /proc) to the first screen being
drawn (a performance mark the UI sets), so WebDriver's own start-up is not counted.
Memory is the resident set of the app and every WebKit process it started, after the
ledger list was opened and scrolled to its middle and end. Appends rows to RESULTS_JSON.
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[1]
APP = Path(os.environ.get("ASSETDESK_APP", ROOT / "target" / "release" / "assetdesk-app"))
PASSWORD = "bench-password"  # crates/bench/src/seed.rs
CLK_TCK = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def boot_time() -> float:
    for line in Path("/proc/stat").read_text().splitlines():
        if line.startswith("btime"):
            return float(line.split()[1])
    raise RuntimeError("no btime in /proc/stat")


def processes():
    """(pid, ppid, comm, start epoch seconds, rss kB) of every process."""
    btime = boot_time()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            status = (entry / "status").read_text()
        except OSError:
            continue
        comm = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        rss = next((int(l.split()[1]) for l in status.splitlines() if l.startswith("VmRSS:")), 0)
        yield int(entry.name), int(fields[1]), comm, btime + int(fields[19]) / CLK_TCK, rss


def pss_kb(pid: int) -> int:
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    return next((int(l.split()[1]) for l in rollup.splitlines() if l.startswith("Pss:")), 0)


def app_tree():
    """The app process and its descendants (WebKit's web and network processes)."""
    table = list(processes())
    apps = [p for p in table if p[2].startswith("assetdesk-app")]
    if not apps:
        raise RuntimeError("the app is not running")
    app = max(apps, key=lambda p: p[3])
    tree, frontier = [app], [app[0]]
    while frontier:
        children = [p for p in table if p[1] in frontier]
        tree += children
        frontier = [p[0] for p in children]
    return app, tree


def refuse_debug_build(app: Path) -> None:
    """Timing a debug build misleads (issue 25): the app must say it is a release build."""
    try:
        answer = subprocess.run([str(app), "--build-profile"], capture_output=True, text=True, timeout=30).stdout.strip()
    except FileNotFoundError:
        sys.exit(f"bench_app: {app} does not exist: build it with cargo build --release -p assetdesk-app")
    except subprocess.TimeoutExpired:
        sys.exit(f"bench_app: {app} did not answer --build-profile (a build older than this script?): rebuild it with cargo build --release -p assetdesk-app")
    if answer != "release":
        sys.exit(f"bench_app: {app} is a {answer or 'unknown'} build, and its figures would not be what users get; "
                 "build and time the release one: cargo build --release -p assetdesk-app (scripts/bench.sh does)")


def main(ledger_dir: str, results: str) -> None:
    refuse_debug_build(APP)
    port, native = free_port(), free_port()
    driver_bin = shutil.which("tauri-driver") or str(Path.home() / ".cargo/bin/tauri-driver")
    server = subprocess.Popen([driver_bin, "--port", str(port), "--native-port", str(native)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    rows = []
    try:
        options = ArgOptions()
        options.set_capability("browserName", "wry")
        options.set_capability("tauri:options", {"application": str(APP), "args": ["--data-dir", ledger_dir]})
        deadline = time.monotonic() + 60
        while True:
            try:
                driver = webdriver.Remote(command_executor=f"http://127.0.0.1:{port}", options=options)
                break
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        wait = WebDriverWait(driver, 60, poll_frequency=0.02)
        mark = wait.until(lambda d: d.execute_script(
            "const m = performance.getEntriesByName('assetdesk-interactive')[0];"
            "return m ? performance.timeOrigin + m.startTime : null;"), "the first screen")
        app, _ = app_tree()
        launch_ms = mark - app[3] * 1000
        rows.append({"operation": "app: launch to first screen (process start → drawn)", "median_ms": launch_ms, "target_ms": 1500, "reference_ms": None, "within_target": launch_ms <= 1500})

        def timed(action, ready, what: str) -> float:
            start = time.monotonic()
            action()
            wait.until(ready, what)
            return (time.monotonic() - start) * 1000

        find = lambda tid: driver.find_element(By.CSS_SELECTOR, f'[data-testid="{tid}"]')
        user = find("login-user")
        user.clear()
        user.send_keys("admin")
        find("login-password").send_keys(PASSWORD)
        login_ms = timed(lambda: find("login-submit").click(), lambda d: d.find_elements(By.CSS_SELECTOR, '[data-testid="tile-total"]') and find("tile-total").text.strip()[-1:] not in ("", "0"), "the dashboard after logging in")
        rows.append({"operation": "app: log in to dashboard drawn (100k)", "median_ms": login_ms, "target_ms": 1500, "reference_ms": None, "within_target": login_ms <= 1500})
        list_ms = timed(lambda: find("nav-ledger").click(), lambda d: len(d.find_elements(By.CSS_SELECTOR, '[data-testid="asset-row"]')) > 10, "the first rows of the list")
        rows.append({"operation": "app: open the ledger list (first rows drawn)", "median_ms": list_ms, "target_ms": 500, "reference_ms": None, "within_target": list_ms <= 500})
        for fraction in (0.5, 1.0):
            driver.execute_script("const v = document.querySelector('.vbody'); v.scrollTop = v.scrollHeight * arguments[0];", fraction)
            # Every row in view has its data: the pages it needed were fetched and drawn.
            try:
                wait.until(lambda d: d.execute_script(
                    "const v = document.querySelector('.vbody'); const rows = [...v.querySelectorAll('[data-testid=asset-row]')];"
                    "return v.scrollTop > 0 && rows.length > 0 && rows.every((r) => r.dataset.code);"), f"rows at {fraction:.0%} of the list")
            except Exception:
                print("DIAG", driver.execute_script(
                    "const v = document.querySelector('.vbody'); const rows = [...v.querySelectorAll('[data-testid=asset-row]')];"
                    "return [v.scrollTop, v.scrollHeight, rows.length, rows.filter((r) => r.dataset.code).length, rows.map(r => r.style.top).slice(0,3), document.body.innerText.slice(0, 300)];"), file=sys.stderr)
                raise
        _, tree = app_tree()
        # PSS shares each shared page (the WebKit libraries every process maps) among
        # the processes using it, so the sum is what the app really costs; RSS counts
        # shared pages once per process.
        pss_mb = sum(pss_kb(p[0]) for p in tree) / 1024
        rss_mb = sum(p[4] for p in tree) / 1024
        detail = ", ".join(f"{p[2]} {pss_kb(p[0]) / 1024:.0f}" for p in tree)
        rows.append({"operation": f"app: memory browsing the list, PSS MB ({detail}; RSS sum {rss_mb:.0f} MB)", "median_ms": None, "rss_mb": pss_mb, "target_mb": 250, "within_target": pss_mb <= 250})
        driver.quit()
    finally:
        try:
            os.killpg(server.pid, 15)
        except ProcessLookupError:
            pass
    report = json.loads(Path(results).read_text())
    report["results"].extend(rows)
    Path(results).write_text(json.dumps(report, ensure_ascii=False, indent=2))
    for r in rows:
        figure = f"{r['rss_mb']:.0f} MB" if r.get("rss_mb") is not None else f"{r['median_ms']:.0f} ms"
        print(f"{r['operation']:<60} {figure:>10} {'' if r['within_target'] else 'OVER TARGET'}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
