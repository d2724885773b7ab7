"""Issue 25: the benchmark times only optimised builds. The app says which build it is
(`--build-profile`, before any window), and scripts/bench_app.py refuses the debug build
these tests use, saying how to build the release one, before it starts anything."""
import json
import subprocess
import sys

from conftest import APP, ROOT


def test_the_app_says_it_is_a_debug_build_without_opening_a_window():
    answer = subprocess.run([str(APP), "--build-profile"], capture_output=True, text=True, timeout=30)
    assert answer.returncode == 0, answer.stderr
    assert answer.stdout.strip() == "debug"


def test_bench_app_refuses_a_debug_build(tmp_path):
    results = tmp_path / "bench-results.json"
    results.write_text(json.dumps({"rows": []}))
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench_app.py"), str(tmp_path / "no-ledger"), str(results)],
        capture_output=True, text=True, timeout=60, env={"ASSETDESK_APP": str(APP), "PATH": "/usr/bin:/bin"},
    )
    assert run.returncode != 0
    assert f"{APP} is a debug build" in run.stderr, run.stderr
    assert "cargo build --release -p assetdesk-app" in run.stderr
    assert json.loads(results.read_text()) == {"rows": []}, "the results were touched"
